/** A count with its word, plural unless one: "1 label", "2 documents". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

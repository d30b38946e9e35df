// Telling a labels file from other JSON cheaply, without parsing it (also in the activation bundle).

/** A labels file is a JSON object with these keys near its top; other JSON files are not read further. */
export function looksLikeLabelsFile(text: string): boolean {
  return /"projectFileVersion"\s*:/.test(text) && /"metadata"\s*:/.test(text);
}

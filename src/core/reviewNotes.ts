// The notes a reviewed test document gets in the editor: after a span that is an error, and after the first line
// for the document's classes. VS Code draws them as `after` decorations, which never wrap: "spurious: Date" ran
// off a half-width editor even with word wrap on. So a span's note is one glyph (its hover says the verdict in
// words, the overview ruler shows where the errors are) and the classes name themselves only while that is short.
import type { SpanVerdict } from './testSetView';

/** The glyph of each verdict: a match, a label the model missed, a prediction nobody labeled. */
export const verdictMarks: Record<SpanVerdict, string> = { match: '✓', missed: '✗', spurious: '+' };

/** At most this many characters of class notes after the first line; past it the classes show as glyphs only. */
export const CLASS_NOTES_BUDGET = 24;

/** The note after a span: none for a match (its solid underline says it), a glyph for an error. */
export const spanNote = (verdict: SpanVerdict): string | undefined =>
  verdict === 'match' ? undefined : verdictMarks[verdict];

export interface ClassVerdict {
  category: string;
  verdict: SpanVerdict;
}

/** A document's classes as labeled and as predicted: those both have, those missed, those predicted only. */
export function classVerdicts(expected: readonly string[], predicted: readonly string[]): ClassVerdict[] {
  const labeled = new Set(expected);
  const guessed = new Set(predicted);
  return [
    ...[...labeled].map((category) => ({ category, verdict: guessed.has(category) ? 'match' : 'missed' }) as const),
    ...[...guessed].filter((c) => !labeled.has(c)).map((category) => ({ category, verdict: 'spurious' }) as const),
  ];
}

/** The note of each class, "✓ Sports", or its glyph alone when all of them named would not be short. */
export function classNotes(classes: readonly ClassVerdict[], budget = CLASS_NOTES_BUDGET): string[] {
  const named = classes.map((c) => `${verdictMarks[c.verdict]} ${c.category}`);
  const length = named.reduce((sum, note) => sum + note.length + 1, 0);
  return length <= budget + 1 ? named : classes.map((c) => verdictMarks[c.verdict]);
}

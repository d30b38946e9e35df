// Which suggestions the user can see, and what to say about the rest: suggestions below the threshold
// (customText.suggestions.threshold) are kept but not drawn, so counts, the document opened, and a key pressed
// where nothing is drawn all go by what is shown, and say how many are hidden and how to see them.
import type { DocumentRow } from '../../core/labeling/summary';
import { isLabeled } from '../../core/labeling/summary';
import { plural } from '../plural';
import type { DocumentSuggestions } from './suggestions';
import { aboveThreshold, countOf, suggestionsInWords } from './suggestions';

export interface ShownCount {
  shown: number;
  /** Below the threshold: kept, not drawn. */
  hidden: number;
}

export function shownAndHidden(suggestions: DocumentSuggestions, threshold: number): ShownCount {
  const shown = countOf(aboveThreshold(suggestions, threshold));
  return { shown, hidden: countOf(suggestions) - shown };
}

const HOW_TO_SEE = 'lower the customText.suggestions.threshold setting to see';

/** "3 are below the threshold 0.5 (lower … to see them)"; with `more`, "3 more are …". */
const belowThreshold = (hidden: number, threshold: number, more = false): string =>
  `${hidden} ${more ? 'more ' : ''}${hidden === 1 ? 'is' : 'are'} below the threshold ${threshold} (${HOW_TO_SEE} ${hidden === 1 ? 'it' : 'them'})`;

export interface SuggestTally extends ShownCount {
  /** Documents analyzed. */
  documents: number;
  /** Documents with a suggestion shown. */
  documentsShown: number;
  threshold: number;
  skipped: readonly { location: string; reason: string }[];
}

/** What Suggest Labels tells when it is done: what is shown, where, and what is hidden below the threshold. */
export function suggestSummary(t: SuggestTally): string {
  const shown =
    t.shown === 0
      ? `No suggestion shown in ${plural(t.documents, 'document')}`
      : `${plural(t.shown, 'suggestion')} shown in ${t.documentsShown} of ${plural(t.documents, 'document')}`;
  const hidden =
    t.hidden === 0 ? '' : `${t.shown === 0 ? ':' : ';'} ${belowThreshold(t.hidden, t.threshold, t.shown > 0)}`;
  const first = t.skipped[0];
  const skipped = first === undefined ? '' : `; ${t.skipped.length} skipped (${first.location}: ${first.reason})`;
  const keys =
    t.shown === 0 ? '' : ' Accept with Alt+Y, reject with Alt+X (Alt+Shift+Y / Alt+Shift+X: the whole document).';
  return `${shown}${hidden}${skipped}.${keys}`;
}

/**
 * Why accepting or rejecting found nothing in a document (`all`: its suggestions, hidden ones included; `whole`:
 * the action is the whole document's, so the cursor does not matter).
 */
export function whyNoSuggestion(
  name: string,
  all: DocumentSuggestions | undefined,
  threshold: number,
  whole: boolean,
): string {
  const count = all === undefined ? { shown: 0, hidden: 0 } : shownAndHidden(all, threshold);
  if (count.shown === 0 && count.hidden === 0) return `${name} has no suggestions: run Suggest Labels first.`;
  if (count.shown === 0) return `No suggestion shown in ${name}: ${belowThreshold(count.hidden, threshold)}.`;
  return whole ? `No suggestion left in ${name}.` : 'Put the cursor on a suggestion (a dotted underline) first.';
}

/**
 * The document Suggest Labels opens: the first in Label Next's order with a suggestion shown, else the first of
 * the others with one; none when nothing is shown (opening a document with nothing drawn says nothing).
 */
export function documentToOpen(
  ranked: readonly string[],
  analyzed: readonly string[],
  shownIn: ReadonlySet<string>,
): string | undefined {
  return ranked.find((l) => shownIn.has(l)) ?? analyzed.find((l) => shownIn.has(l));
}

/**
 * A document's suggestions in words for its row in the Labeling view, only while it is unlabeled: once labeled,
 * the row shows its labels (what the model still suggests stays drawn in the editor).
 */
export function suggestedInRow(row: DocumentRow, suggestions: DocumentSuggestions | undefined): string | undefined {
  return isLabeled(row) ? undefined : suggestionsInWords(suggestions);
}

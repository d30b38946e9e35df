// The evaluation's test set, document by document: labeled against predicted, worst first, with a filter for the
// documents the model got wrong and one for the documents of a confusion cell or a piece of advice. Rows are drawn
// a page at a time so a 10,000-document test set opens at once.
import type { TestDocumentRow, TestSetView } from '../../core/views';
import { actionable, el, onActivate } from './dom';
import { host } from './host';

/** Rows drawn at first and added by each "Show more". */
export const TEST_SET_PAGE = 200;

/** Which documents to list besides the mismatch switch: those of a matrix cell, of a piece of advice. */
export interface RowFilter {
  /** What the filter is, in words ("labeled Date, predicted (none)"). */
  label: string;
  keep(row: TestDocumentRow, index: number): boolean;
}

export interface TestSetSection {
  element: HTMLElement;
  /** Lists only the rows the filter keeps (undefined: all), and brings the list into view. */
  filter(filter: RowFilter | undefined): void;
}

const errors = (row: TestDocumentRow): number => row.falsePositives + row.falseNegatives;

function rowOf(row: TestDocumentRow, index: number): HTMLElement {
  const { labeled, predicted } = row;
  const tr = el(
    'tr',
    { className: errors(row) > 0 ? 'test-row mismatch' : 'test-row' },
    el('td', { text: row.location, title: row.location }),
    el('td', { text: labeled }),
    el('td', { text: predicted }),
    ...[row.truePositives, row.falsePositives, row.falseNegatives].map((n) =>
      el('td', { className: 'score', text: String(n) }),
    ),
  );
  tr.dataset.testRow = String(index);
  actionable(
    tr,
    `${row.location}: labeled ${labeled}, predicted ${predicted}; ${row.truePositives} right, ${row.falsePositives} spurious, ${row.falseNegatives} missed. Open it`,
  );
  return tr;
}

function openRow(target: EventTarget | null): boolean {
  const row = (target as HTMLElement | null)?.closest<HTMLElement>('[data-test-row]');
  if (row?.dataset.testRow === undefined) return false;
  row.dataset.opened = 'true'; // Marks what was asked for (tests read it when nothing opens).
  host.postMessage({ type: 'openTestDocument', row: Number(row.dataset.testRow) });
  return true;
}

/** The test-set section: a "mismatches only" switch, the rows worst first, and more rows on demand. */
export function testSetSection(testSet: TestSetView): TestSetSection {
  const body = el('tbody');
  const more = el('button', { className: 'more' });
  more.type = 'button';
  const mismatchesOnly = el('input');
  mismatchesOnly.type = 'checkbox';
  mismatchesOnly.className = 'mismatches-only';
  const caption = el('p', { className: 'muted test-set-caption' });
  const filterNote = el('p', { className: 'test-set-filter' });
  const clear = el('button', { className: 'clear-filter', text: 'Show all' });
  clear.type = 'button';
  let shown = 0;
  let rows: { row: TestDocumentRow; index: number }[] = [];
  let cellFilter: RowFilter | undefined;
  const drawMore = (): void => {
    const next = rows.slice(shown, shown + TEST_SET_PAGE);
    body.append(...next.map(({ row, index }) => rowOf(row, index)));
    shown += next.length;
    more.hidden = shown >= rows.length;
    more.textContent = `Show ${Math.min(TEST_SET_PAGE, rows.length - shown)} more of ${rows.length - shown}`;
  };
  const redraw = (): void => {
    rows = [];
    testSet.rows.forEach((row, index) => {
      if (mismatchesOnly.checked && errors(row) === 0) return;
      if (cellFilter !== undefined && !cellFilter.keep(row, index)) return;
      rows.push({ row, index });
    });
    caption.textContent = `${testSet.mismatches} of ${testSet.rows.length} test documents have errors; worst first. Click one (or Enter) to see its labels and predictions side by side in the editor.`;
    filterNote.hidden = cellFilter === undefined;
    filterNote.replaceChildren(
      document.createTextNode(
        `Showing the ${rows.length} document${rows.length === 1 ? '' : 's'} of ${cellFilter?.label ?? ''} `,
      ),
      clear,
    );
    body.replaceChildren();
    shown = 0;
    drawMore();
  };
  mismatchesOnly.addEventListener('change', redraw);
  more.addEventListener('click', drawMore);
  clear.addEventListener('click', () => {
    cellFilter = undefined;
    redraw();
  });
  onActivate(body, openRow);
  redraw();
  const head = el(
    'tr',
    {},
    ...['Document', 'Labeled', 'Predicted', 'TP', 'FP', 'FN'].map((h) => el('th', { text: h })),
  );
  const element = el(
    'section',
    { className: 'test-set' },
    el('h2', { text: 'Test set' }),
    el(
      'div',
      { className: 'caption-row' },
      caption,
      el('label', {}, mismatchesOnly, document.createTextNode(' Mismatches only')),
    ),
    filterNote,
    el(
      'div',
      { className: 'test-documents-frame' },
      el('table', { className: 'test-documents' }, el('thead', {}, head), body),
    ),
    more,
  );
  return {
    element,
    filter: (filter) => {
      cellFilter = filter;
      redraw();
      element.scrollIntoView({ block: 'start' });
    },
  };
}

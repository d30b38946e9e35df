// The evaluation's test set, document by document: labeled against predicted, worst first, with a filter for the
// documents the model got wrong. Rows are drawn a page at a time so a 10,000-document test set opens at once.
import type { TestDocumentRow, TestSetView } from '../../core/views';
import { actionable, el } from './dom';

/** Rows drawn at first and added by each "Show more". */
export const TEST_SET_PAGE = 200;

function rowOf(row: TestDocumentRow, index: number): HTMLElement {
  const { labeled, predicted } = row;
  const wrong = row.falsePositives + row.falseNegatives > 0;
  const tr = el(
    'tr',
    { className: wrong ? 'test-row mismatch' : 'test-row' },
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
    `${row.location}: labeled ${labeled}, predicted ${predicted}; ${row.falsePositives} spurious, ${row.falseNegatives} missed. Open it`,
  );
  return tr;
}

/** The test-set section: a "mismatches only" switch, the rows worst first, and more rows on demand. */
export function testSetSection(testSet: TestSetView): HTMLElement {
  const body = el('tbody');
  const more = el('button', { className: 'more' });
  more.type = 'button';
  const filter = el('input');
  filter.type = 'checkbox';
  filter.className = 'mismatches-only';
  const count = el('p', { className: 'muted test-set-caption' });
  let shown = 0;
  let rows: { row: TestDocumentRow; index: number }[] = [];
  const drawMore = (): void => {
    const next = rows.slice(shown, shown + TEST_SET_PAGE);
    body.append(...next.map(({ row, index }) => rowOf(row, index)));
    shown += next.length;
    more.hidden = shown >= rows.length;
    more.textContent = `Show ${Math.min(TEST_SET_PAGE, rows.length - shown)} more of ${rows.length - shown}`;
  };
  const redraw = (): void => {
    const all = testSet.rows.map((row, index) => ({ row, index }));
    rows = filter.checked ? all.filter(({ row }) => row.falsePositives + row.falseNegatives > 0) : all;
    count.textContent = `${testSet.mismatches} of ${testSet.rows.length} test documents have errors; worst first. Click one to see its labels and predictions in the editor.`;
    body.replaceChildren();
    shown = 0;
    drawMore();
  };
  filter.addEventListener('change', redraw);
  more.addEventListener('click', drawMore);
  redraw();
  const head = el(
    'tr',
    {},
    ...['Document', 'Labeled', 'Predicted', 'TP', 'FP', 'FN'].map((h) => el('th', { text: h })),
  );
  return el(
    'section',
    { className: 'test-set' },
    el('h2', { text: 'Test set' }),
    el(
      'div',
      { className: 'caption-row' },
      count,
      el('label', {}, filter, document.createTextNode(' Mismatches only')),
    ),
    el('table', { className: 'test-documents' }, el('thead', {}, head), body),
    more,
  );
}

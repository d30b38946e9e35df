// The evaluation's review aids besides the test set: each multi-label class's 2×2 matrix, and the advice computed
// from the evaluation. Their cells and buttons list the test documents they are about.
import type { ClassMatrix, GuidanceItem } from '../../core/views';
import { actionable, el, onActivate } from './dom';

type Cell = 'tp' | 'fp' | 'fn' | 'tn';

/** One small table per class: rows labeled yes/no, columns predicted yes/no, counted in test documents. */
export function classMatricesSection(
  matrices: readonly ClassMatrix[],
  onCell: (matrix: ClassMatrix, cell: Cell) => void,
): HTMLElement {
  const matrix = (m: ClassMatrix, index: number): HTMLElement => {
    const cell = (cellName: Cell, n: number, what: string): HTMLElement => {
      const td = el('td', {
        className: n === 0 ? 'cell zero' : cellName === 'tp' || cellName === 'tn' ? 'cell diagonal' : 'cell error',
        text: String(n),
        title: `${m.category}: ${what}: ${n}`,
      });
      if (n > 0) {
        td.dataset.classCell = `${index}:${cellName}`;
        actionable(td, `${td.title}. List these test documents`);
      }
      return td;
    };
    return el(
      'table',
      { className: 'class-matrix' },
      el('caption', { text: m.category }),
      el('tr', {}, el('th', { text: 'labeled \\ predicted' }), el('th', { text: 'yes' }), el('th', { text: 'no' })),
      el(
        'tr',
        {},
        el('th', { text: 'yes' }),
        cell('tp', m.truePositives, 'labeled and predicted'),
        cell('fn', m.falseNegatives, 'labeled, not predicted'),
      ),
      el(
        'tr',
        {},
        el('th', { text: 'no' }),
        cell('fp', m.falsePositives, 'predicted, not labeled'),
        cell('tn', m.trueNegatives, 'neither labeled nor predicted'),
      ),
    );
  };
  const grid = el('div', { className: 'class-matrices' }, ...matrices.map(matrix));
  const pick = (target: EventTarget | null): boolean => {
    const key = (target as HTMLElement | null)?.closest<HTMLElement>('[data-class-cell]')?.dataset.classCell;
    if (key === undefined) return false;
    const [index = '', cell = 'tp'] = key.split(':');
    const m = matrices[Number(index)];
    if (m === undefined) return false;
    onCell(m, cell as Cell);
    return true;
  };
  onActivate(grid, pick);
  return el(
    'section',
    {},
    el('h2', { text: 'Per class (multi-label): test documents' }),
    el('p', {
      className: 'muted caption',
      text: 'Each class on its own: rows labeled with it or not, columns predicted or not. Click a count to list its documents.',
    }),
    grid,
  );
}

/** The advice, each with a button that lists the documents it points to. */
export function guidanceSection(items: readonly GuidanceItem[], onItem: (item: GuidanceItem) => void): HTMLElement {
  const list = el(
    'ul',
    { className: 'guidance' },
    ...items.map((item, i) => {
      const li = el('li', { className: `guidance-item ${item.kind}`, text: item.text });
      if (item.documents.length > 0) {
        const button = el('button', {
          className: 'guidance-documents',
          text: `Show ${item.documents.length} document${item.documents.length === 1 ? '' : 's'}`,
        });
        button.type = 'button';
        button.dataset.guidance = String(i);
        button.addEventListener('click', () => {
          onItem(item);
        });
        li.append(document.createTextNode(' '), button);
      }
      return li;
    }),
  );
  return el('section', { className: 'guidance-section' }, el('h2', { text: 'What to label next' }), list);
}

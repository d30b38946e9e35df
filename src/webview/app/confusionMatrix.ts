// The evaluation's confusion matrix, as counted or as row percentages.
import type { EvaluationView } from '../../core/views';
import { actionable, el, onActivate } from './dom';

/**
 * The confusion matrix in a box that scrolls both ways with its headers stuck to the edges, so any number of
 * classes fits a narrow panel; the counts (with a legend that says what they are), or each row as percentages of
 * its labeled total.
 */
export function confusionSection(
  confusion: NonNullable<EvaluationView['confusion']>,
  entities: boolean,
  /** A click (or Enter) on a non-empty cell: list its test documents. */
  onCell?: (labeledIndex: number, predictedIndex: number) => void,
): HTMLElement {
  const what = entities ? 'entity' : 'class';
  const caption = el('p', { className: 'muted caption' });
  const toggle = el('button', { className: 'normalize' });
  toggle.type = 'button';
  const table = el('table', { className: 'confusion' });
  const draw = (normalized: boolean): void => {
    caption.textContent = normalized
      ? `Each row as percentages of its labeled ${what}'s total. Rows: labeled ${what}; columns: predicted.`
      : confusion.counting.legend;
    toggle.textContent = normalized ? `Show ${confusion.counting.name.toLowerCase()}` : 'Show row percentages';
    toggle.setAttribute('aria-pressed', String(normalized));
    const max = Math.max(1, ...confusion.counts.flat());
    const corner = el('th', { className: 'corner', text: 'labeled \\ predicted' });
    const head = el(
      'tr',
      {},
      corner,
      ...confusion.labels.map((l) => el('th', { className: 'column', title: l }, el('span', { text: l }))),
    );
    const rows = confusion.counts.map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      return el(
        'tr',
        {},
        el('th', { className: 'row', text: confusion.labels[i] ?? '', title: confusion.labels[i] ?? '' }),
        ...row.map((n, j) => {
          const shown = confusion.counting.shown[i]?.[j] ?? String(n);
          const text = normalized ? (total === 0 ? '–' : `${Math.round((100 * n) / total)}%`) : shown;
          const kind = n === 0 ? 'cell zero' : i === j ? 'cell diagonal' : 'cell error';
          const cell = el('td', {
            className: kind,
            text,
            title: `labeled ${confusion.labels[i] ?? ''}, predicted ${confusion.labels[j] ?? ''}: ${shown}`,
          });
          cell.style.setProperty('--weight', String(normalized ? (total === 0 ? 0 : n / total) : n / max));
          if (onCell !== undefined && n > 0) {
            cell.dataset.cell = `${i}:${j}`;
            actionable(cell, `${cell.title}. List these test documents`);
          }
          return cell;
        }),
      );
    });
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  };
  let normalized = false;
  toggle.addEventListener('click', () => {
    normalized = !normalized;
    draw(normalized);
  });
  draw(normalized);
  const cellAt = (target: EventTarget | null): boolean => {
    const cell = (target as HTMLElement | null)?.closest<HTMLElement>('[data-cell]');
    if (onCell === undefined || cell?.dataset.cell === undefined) return false;
    const [i = 0, j = 0] = cell.dataset.cell.split(':').map(Number);
    onCell(i, j);
    return true;
  };
  onActivate(table, cellAt);
  const scroller = el('div', { className: 'matrix' }, table);
  scroller.tabIndex = 0; // A scrolling region is reachable by keyboard.
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', 'Confusion matrix');
  return el(
    'section',
    {},
    el('h2', { text: 'Confusion matrix' }),
    el('div', { className: 'caption-row' }, caption, toggle),
    scroller,
  );
}

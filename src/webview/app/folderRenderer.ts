// The results panel's summary of a folder analysis.
import type { FolderView } from '../../core/views';
import { actionable, el, percent } from './dom';
import type { Drawn } from './dom';

/** A folder analysis: a row per file, a click (or Enter) opens the file. */
export function renderFolder(folder: FolderView): Drawn {
  const failed = folder.rows.filter((r) => r.problem !== undefined).length;
  const summary = `${folder.rows.length} files${failed > 0 ? `, ${failed} without a result` : ''}`;
  const table = folder.kind === 'CustomEntityRecognition' ? entityFolderTable(folder) : classFolderTable(folder);
  const header = el(
    'header',
    {},
    el('h1', { text: folder.title }),
    el('p', {
      className: 'muted',
      text: `${folder.source}${folder.why === undefined ? '' : ` (${folder.why})`} · ${folder.kind} · ${summary}`,
    }),
  );
  return { parts: [header, table], counts: { entities: 0, classes: 0, relations: 0, files: folder.rows.length } };
}

/** A focusable row that opens its file; `cells` after the file name. */
function fileRow(row: FolderView['rows'][number], index: number, cells: HTMLElement[], summary: string): HTMLElement {
  const tr = el('tr', { className: 'file-row' }, el('th', { className: 'file', text: row.file }), ...cells);
  tr.dataset.row = String(index);
  actionable(tr, `${row.file}: ${summary || 'nothing found'}. Open it`);
  return tr;
}

function classFolderTable(folder: FolderView): HTMLElement {
  const body = el('tbody');
  folder.rows.forEach((row, index) => {
    const found = row.problem ?? row.classes.map((c) => `${c.category} ${percent(c.confidence)}`).join(' · ');
    const cell = el('td', { className: row.problem === undefined ? '' : 'muted', text: found || '—' });
    body.append(fileRow(row, index, [cell], found));
  });
  return el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'File' }), el('th', { text: 'Result' }))), body);
}

/**
 * An entity model's folder: a column per category with the texts found, so a reader scans one kind of value down
 * the files; a click on a column's name (a button, so the keyboard can too) sorts the rows by it.
 */
function entityFolderTable(folder: FolderView): HTMLElement {
  const categories = [...new Set(folder.rows.flatMap((r) => Object.keys(r.entityTexts)))].sort();
  const columns = ['File', ...categories];
  const table = el('table', { className: 'folder-entities' });
  table.setAttribute('aria-label', 'Entities per file');
  // Own keys only: a category may be named "constructor", which every object inherits.
  const textsOf = (row: FolderView['rows'][number], c: string): string[] | undefined =>
    Object.hasOwn(row.entityTexts, c) ? row.entityTexts[c] : undefined;
  const valueOf = (row: FolderView['rows'][number], column: string): string =>
    column === 'File' ? row.file : (textsOf(row, column) ?? []).join('; ');
  const draw = (sortBy: string, ascending: boolean): void => {
    const order = folder.rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => {
        const [x, y] = [valueOf(a.row, sortBy), valueOf(b.row, sortBy)];
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1; // Empty cells last either way.
        return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
      });
    const head = el(
      'tr',
      {},
      ...columns.map((column) => {
        const button = el('button', { className: 'sort', text: column });
        button.type = 'button';
        button.dataset.sort = column;
        button.addEventListener('click', () => {
          draw(column, sortBy === column ? !ascending : true);
        });
        const th = el('th', {}, button);
        th.setAttribute('aria-sort', column === sortBy ? (ascending ? 'ascending' : 'descending') : 'none');
        return th;
      }),
    );
    const rows = order.map(({ row, index }) => {
      const cells = row.problem
        ? [el('td', { className: 'muted', text: row.problem })]
        : categories.map((c) => el('td', { text: valueOf(row, c) }));
      if (row.problem) cells[0]?.setAttribute('colspan', String(categories.length));
      const summary =
        row.problem ??
        categories
          .map((c) => (textsOf(row, c) ? `${c} ${valueOf(row, c)}` : ''))
          .filter(Boolean)
          .join(', ');
      return fileRow(row, index, cells, summary);
    });
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  };
  draw('File', true);
  return el('div', { className: 'matrix' }, table);
}

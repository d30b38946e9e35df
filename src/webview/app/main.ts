// The results panel's page: draws a ResultView with DOM APIs only (service text goes in as textContent, never
// as HTML) and tells the extension when an entity is clicked.
import type { EvaluationView, FolderView, ResultView } from '../../core/views';
import type { HostToWebview, PanelState, WebviewToHost } from '../protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className !== undefined) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  node.append(...children);
  return node;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

function reveal(entityIndex: number): void {
  vscode.postMessage({ type: 'reveal', entityIndex });
}

function classesSection(view: ResultView): HTMLElement {
  const list = el('ol', { className: 'classes' });
  for (const c of view.classes) {
    const bar = el('span', { className: 'bar' });
    bar.style.width = percent(c.confidence);
    list.append(
      el(
        'li',
        {},
        el('span', { className: 'category', text: c.category }),
        el('span', { className: 'meter' }, bar),
        el('span', { className: 'score', text: percent(c.confidence) }),
      ),
    );
  }
  return el('section', {}, el('h2', { text: view.classes.length === 1 ? 'Class' : 'Classes' }), list);
}

function textSection(view: ResultView): HTMLElement {
  const text = el('div', { className: 'text' });
  for (const s of view.segments) {
    const entity = s.entityIndex === undefined ? undefined : view.entities[s.entityIndex];
    if (entity === undefined) {
      text.append(document.createTextNode(s.text));
      continue;
    }
    const mark = el('mark', {
      className: `entity color-${entity.color}`,
      text: s.text,
      title: `${entity.category} · ${percent(entity.confidence)}`,
    });
    mark.dataset.index = String(entity.index);
    actionable(mark, `${s.text}: ${entity.category}, ${percent(entity.confidence)}. Select it in the editor`);
    const tag = el('span', { className: 'tag', text: entity.category });
    tag.setAttribute('aria-hidden', 'true'); // Already in the mark's name.
    mark.append(tag);
    text.append(mark);
  }
  return el('section', {}, el('h2', { text: 'Text' }), text);
}

const SHOWN_LINKS = 3;

/** Health-style extras of an entity: its normalized name, assertions and knowledge-base links (the first few). */
function detailsOf(e: ResultView['entities'][number]): string[] {
  const links = (e.links ?? []).map((l) => `${l.dataSource} ${l.id}`);
  const more = links.length > SHOWN_LINKS ? [`+${links.length - SHOWN_LINKS} more links`] : [];
  return [
    e.name,
    ...Object.entries(e.assertion ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...links.slice(0, SHOWN_LINKS),
    ...more,
  ].filter((d): d is string => d !== undefined && d !== '');
}

function entitiesSection(view: ResultView): HTMLElement {
  // Custom NER has no details: the column only shows when some entity has them.
  const withDetails = view.entities.some((e) => detailsOf(e).length > 0);
  const body = el('tbody');
  for (const e of view.entities) {
    const details = detailsOf(e);
    const row = el(
      'tr',
      { className: 'entity-row' },
      el(
        'td',
        {},
        // A flex row: a long name wraps beside its swatch, not under it.
        el(
          'span',
          { className: 'category-name' },
          el('span', { className: `swatch color-${e.color}` }),
          el('span', { text: e.subcategory === undefined ? e.category : `${e.category} / ${e.subcategory}` }),
        ),
      ),
      el('td', { text: e.text }),
      el('td', { className: 'score', text: percent(e.confidence) }),
    );
    const allLinks = (e.links ?? []).map((l) => `${l.dataSource} ${l.id}`).join('\n');
    if (withDetails) row.append(el('td', { className: 'muted', text: details.join(' · '), title: allLinks }));
    row.dataset.index = String(e.index);
    actionable(row, `${e.category}: ${e.text}, ${percent(e.confidence)}. Select it in the editor`);
    body.append(row);
  }
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      ...['Category', 'Text', 'Confidence', ...(withDetails ? ['Details'] : [])].map((h) => el('th', { text: h })),
    ),
  );
  const table = el('table', {}, head, body);
  table.setAttribute('aria-label', 'Entities');
  return el('section', {}, el('h2', { text: `Entities (${view.entities.length})` }), table);
}

function relationsSection(view: ResultView): HTMLElement {
  const list = el('ul', { className: 'relations' });
  for (const r of view.relations) {
    const roles = r.roles.map((role) => `${role.role}: ${role.text}`).join(' → ');
    list.append(
      el('li', {
        text: `${r.relationType} (${roles})${r.confidence === undefined ? '' : ` · ${percent(r.confidence)}`}`,
      }),
    );
  }
  return el('section', {}, el('h2', { text: `Relations (${view.relations.length})` }), list);
}

function render(view: ResultView, seq?: number): void {
  // Which model gave the answer is always on the page, with the way to ask another one.
  const choose = el('button', { className: 'choose', text: 'Choose Deployment…' });
  choose.type = 'button';
  choose.addEventListener('click', () => {
    vscode.postMessage({ type: 'chooseDeployment' });
  });
  const parts: HTMLElement[] = [
    el(
      'header',
      {},
      el('h1', { text: view.title }),
      el('p', { className: 'source' }, document.createTextNode(`Analyzed with ${view.source} · ${view.kind} `), choose),
    ),
  ];
  for (const note of view.notes) parts.push(el('p', { className: 'note', text: note }));
  if (view.classes.length > 0) parts.push(classesSection(view));
  if (view.kind === 'CustomSingleLabelClassification' || view.kind === 'CustomMultiLabelClassification') {
    if (view.classes.length === 0) parts.push(el('p', { className: 'muted', text: 'No class passed the threshold.' }));
  } else {
    parts.push(entitiesSection(view), textSection(view));
    if (view.relations.length > 0) parts.push(relationsSection(view));
  }
  root.replaceChildren(...parts);
  vscode.setState({ view });
  const counts = { entities: view.entities.length, classes: view.classes.length, relations: view.relations.length };
  if (seq !== undefined) vscode.postMessage({ type: 'rendered', seq, ...counts, files: 0 });
}

function renderFolder(folder: FolderView, seq?: number): void {
  const failed = folder.rows.filter((r) => r.problem !== undefined).length;
  const summary = `${folder.rows.length} files${failed > 0 ? `, ${failed} without a result` : ''}`;
  const table = folder.kind === 'CustomEntityRecognition' ? entityFolderTable(folder) : classFolderTable(folder);
  root.replaceChildren(
    el(
      'header',
      {},
      el('h1', { text: folder.title }),
      el('p', { className: 'muted', text: `${folder.source} · ${folder.kind} · ${summary}` }),
    ),
    table,
  );
  vscode.setState({ folder });
  if (seq !== undefined) {
    vscode.postMessage({ type: 'rendered', seq, entities: 0, classes: 0, relations: 0, files: folder.rows.length });
  }
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
  const valueOf = (row: FolderView['rows'][number], column: string): string =>
    column === 'File' ? row.file : (row.entityTexts[column] ?? []).join('; ');
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
          .map((c) => (row.entityTexts[c] ? `${c} ${valueOf(row, c)}` : ''))
          .filter(Boolean)
          .join(', ');
      return fileRow(row, index, cells, summary);
    });
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  };
  draw('File', true);
  return el('div', { className: 'matrix' }, table);
}

function renderEvaluation(evaluation: EvaluationView, seq?: number): void {
  const scoreCells = (s: { f1: number; precision: number; recall: number }): HTMLElement[] =>
    [s.f1, s.precision, s.recall].map((x) => el('td', { className: 'score', text: percent(x) }));
  const averages = el(
    'table',
    { className: 'averages' },
    el('thead', {}, el('tr', {}, ...['', 'F1', 'Precision', 'Recall'].map((h) => el('th', { text: h })))),
    el(
      'tbody',
      {},
      el('tr', {}, el('td', { text: 'Micro average' }), ...scoreCells(evaluation.micro)),
      el('tr', {}, el('td', { text: 'Macro average' }), ...scoreCells(evaluation.macro)),
    ),
  );
  const entities = evaluation.kind === 'CustomEntityRecognition';
  const perClass = el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[entities ? 'Entity' : 'Class', 'F1', 'Precision', 'Recall', 'TP', 'FP', 'FN'].map((h) =>
          el('th', { text: h }),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...evaluation.classes.map((c) =>
        el(
          'tr',
          {},
          el('td', { text: c.category }),
          ...scoreCells(c),
          ...[c.truePositives, c.falsePositives, c.falseNegatives].map((n) =>
            el('td', { className: 'score', text: String(n) }),
          ),
        ),
      ),
    ),
  );
  const tested =
    evaluation.testDocuments === undefined
      ? ''
      : ` · tested on ${evaluation.testDocuments} document${evaluation.testDocuments === 1 ? '' : 's'}`;
  const parts: HTMLElement[] = [
    el(
      'header',
      {},
      el('h1', { text: evaluation.title }),
      el('p', { className: 'muted', text: `${evaluation.kind} · ${evaluation.source}${tested}` }),
    ),
  ];
  if (evaluation.warning !== undefined) parts.push(el('p', { className: 'note', text: evaluation.warning }));
  parts.push(
    el('section', {}, el('h2', { text: 'Averages' }), averages),
    el(
      'section',
      {},
      el('h2', { text: entities ? 'Per entity, weakest first' : 'Per class, weakest first' }),
      perClass,
    ),
  );
  if (evaluation.confusion !== undefined) parts.push(confusionSection(evaluation.confusion, entities));
  root.replaceChildren(...parts);
  vscode.setState({ evaluation });
  if (seq !== undefined) {
    vscode.postMessage({
      type: 'rendered',
      seq,
      entities: 0,
      classes: evaluation.classes.length,
      relations: 0,
      files: 0,
    });
  }
}

/**
 * The confusion matrix in a box that scrolls both ways with its headers stuck to the edges, so any number of
 * classes fits a narrow panel; raw counts, or each row as percentages of its labeled total.
 */
function confusionSection(confusion: NonNullable<EvaluationView['confusion']>, entities: boolean): HTMLElement {
  const what = entities ? 'entity' : 'class';
  const caption = el('p', { className: 'muted caption' });
  const toggle = el('button', { className: 'normalize' });
  toggle.type = 'button';
  const table = el('table', { className: 'confusion' });
  const draw = (normalized: boolean): void => {
    caption.textContent = normalized
      ? `Each row as percentages of its labeled ${what}'s total. Rows: labeled ${what}; columns: predicted.`
      : `Raw counts. Rows: labeled ${what}; columns: predicted. The diagonal is right, the rest are errors.`;
    toggle.textContent = normalized ? 'Show raw counts' : 'Show row percentages';
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
          const text = normalized ? (total === 0 ? '–' : `${Math.round((100 * n) / total)}%`) : String(n);
          const kind = n === 0 ? 'cell zero' : i === j ? 'cell diagonal' : 'cell error';
          const cell = el('td', {
            className: kind,
            text,
            title: `labeled ${confusion.labels[i] ?? ''}, predicted ${confusion.labels[j] ?? ''}: ${n}`,
          });
          cell.style.setProperty('--weight', String(normalized ? (total === 0 ? 0 : n / total) : n / max));
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

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-index], [data-row]');
  if (target?.dataset.index !== undefined) reveal(Number(target.dataset.index));
  else if (target?.dataset.row !== undefined) vscode.postMessage({ type: 'openFile', row: Number(target.dataset.row) });
});
/** Makes a clickable row or mark reachable by Tab and usable with Enter or Space, with a name screen readers say. */
function actionable(node: HTMLElement, label: string): void {
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
}

root.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (target.dataset.index !== undefined) reveal(Number(target.dataset.index));
  else if (target.dataset.row !== undefined) vscode.postMessage({ type: 'openFile', row: Number(target.dataset.row) });
  else return;
  event.preventDefault(); // Space would scroll the page.
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // The host only ever sends 'show' (HostToWebview); anything else posted to the page is not ours.
  const message = event.data as HostToWebview | undefined;
  if (message?.type === 'show') render(message.view, message.seq);
  else if (message?.type === 'showFolder') renderFolder(message.folder, message.seq);
  else if (message?.type === 'showEvaluation') renderEvaluation(message.evaluation, message.seq);
});

// After a reload, draw what was there (unreported: the host sends the latest on 'ready' anyway).
const saved = vscode.getState();
if (saved !== undefined) {
  if ('view' in saved) render(saved.view);
  else if ('folder' in saved) renderFolder(saved.folder);
  else renderEvaluation(saved.evaluation);
}
vscode.postMessage({ type: 'ready' });

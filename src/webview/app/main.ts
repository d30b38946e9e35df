// The results panel's page: draws a ResultView with DOM APIs only (service text goes in as textContent, never
// as HTML) and tells the extension when an entity is clicked.
import type { FolderView, HostToWebview, PanelState, ResultView, WebviewToHost } from '../protocol';

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
    mark.tabIndex = 0;
    mark.append(el('span', { className: 'tag', text: entity.category }));
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
        el('span', { className: `swatch color-${e.color}` }),
        document.createTextNode(e.subcategory === undefined ? e.category : `${e.category} / ${e.subcategory}`),
      ),
      el('td', { text: e.text }),
      el('td', { className: 'score', text: percent(e.confidence) }),
    );
    const allLinks = (e.links ?? []).map((l) => `${l.dataSource} ${l.id}`).join('\n');
    if (withDetails) row.append(el('td', { className: 'muted', text: details.join(' · '), title: allLinks }));
    row.dataset.index = String(e.index);
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
  return el('section', {}, el('h2', { text: `Entities (${view.entities.length})` }), el('table', {}, head, body));
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

function render(view: ResultView): void {
  const parts: HTMLElement[] = [
    el(
      'header',
      {},
      el('h1', { text: view.title }),
      el('p', { className: 'muted', text: `${view.source} · ${view.kind}` }),
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
  vscode.postMessage({
    type: 'rendered',
    entities: view.entities.length,
    classes: view.classes.length,
    relations: view.relations.length,
    files: 0,
  });
}

function renderFolder(folder: FolderView): void {
  const body = el('tbody');
  folder.rows.forEach((row, index) => {
    const counts = Object.entries(row.entityCounts)
      .sort((a, b) => b[1] - a[1])
      .map(([category, n]) => `${category} ${n}`)
      .join(' · ');
    const found =
      row.problem ??
      (row.classes.length > 0 ? row.classes.map((c) => `${c.category} ${percent(c.confidence)}`).join(' · ') : counts);
    const tr = el(
      'tr',
      { className: 'file-row' },
      el('td', { text: row.file }),
      el('td', { className: row.problem === undefined ? '' : 'muted', text: found || '—' }),
    );
    tr.dataset.row = String(index);
    body.append(tr);
  });
  const failed = folder.rows.filter((r) => r.problem !== undefined).length;
  const summary = `${folder.rows.length} files${failed > 0 ? `, ${failed} without a result` : ''}`;
  root.replaceChildren(
    el(
      'header',
      {},
      el('h1', { text: folder.title }),
      el('p', { className: 'muted', text: `${folder.source} · ${folder.kind} · ${summary}` }),
    ),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'File' }), el('th', { text: 'Result' }))), body),
  );
  vscode.setState({ folder });
  vscode.postMessage({ type: 'rendered', entities: 0, classes: 0, relations: 0, files: folder.rows.length });
}

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-index], [data-row]');
  if (target?.dataset.index !== undefined) reveal(Number(target.dataset.index));
  else if (target?.dataset.row !== undefined) vscode.postMessage({ type: 'openFile', row: Number(target.dataset.row) });
});
root.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key === 'Enter' && target.dataset.index !== undefined) reveal(Number(target.dataset.index));
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // The host only ever sends 'show' (HostToWebview); anything else posted to the page is not ours.
  const message = event.data as HostToWebview | undefined;
  if (message?.type === 'show') render(message.view);
  else if (message?.type === 'showFolder') renderFolder(message.folder);
});

const saved = vscode.getState();
if (saved !== undefined) {
  if ('view' in saved) render(saved.view);
  else renderFolder(saved.folder);
}
vscode.postMessage({ type: 'ready' });

// The results panel's page: draws what the host sends with one renderer per view (DOM APIs only, service text as
// textContent, never as HTML) and tells the extension when an entity or a file is clicked.
import type { HostToWebview, PanelState, ResultAction, ShownView } from '../protocol';
import type { Drawn } from './dom';
import { renderEvaluation } from './evaluationRenderer';
import { renderFolder } from './folderRenderer';
import { host } from './host';
import { renderResult } from './resultRenderer';

const root = document.getElementById('root') as HTMLElement;

/** The renderer of each kind of view, and what the page keeps to redraw it after a reload. */
function renderView(shown: ShownView): { drawn: Drawn; state: PanelState } | undefined {
  switch (shown.type) {
    case 'show':
      return { drawn: renderResult(shown.view), state: { view: shown.view } };
    case 'showFolder':
      return { drawn: renderFolder(shown.folder), state: { folder: shown.folder } };
    case 'showEvaluation':
      return { drawn: renderEvaluation(shown.evaluation), state: { evaluation: shown.evaluation } };
    default:
      notOurs(shown);
      return undefined;
  }
}

/** Anything else posted to the page is not ours; a new kind of view fails to compile above until it has a renderer. */
function notOurs(_shown: never): void {
  // Nothing to draw.
}

/** Draws a view; `seq` (from the host) is reported back once drawn. */
function draw(shown: ShownView, seq?: number): void {
  const start = performance.now();
  const rendered = renderView(shown);
  if (rendered === undefined) return;
  root.replaceChildren(...rendered.drawn.parts);
  // Reading a size lays the page out now, so the time includes it.
  root.getBoundingClientRect();
  const drawMs = performance.now() - start;
  if (seq !== undefined) host.postMessage({ type: 'rendered', seq, ...rendered.drawn.counts, drawMs });
  // Kept for a reload once the page is idle: VS Code sends the state as JSON, 2 MB for a 10,000-document test set,
  // which would hold the view back by as long again.
  requestIdleCallback(
    () => {
      host.setState(rendered.state);
    },
    { timeout: 1000 },
  );
}

/** The saved state as the view it shows. */
function savedView(): ShownView | undefined {
  const state = host.getState();
  if (state === undefined) return undefined;
  if ('view' in state) return { type: 'show', view: state.view };
  if ('folder' in state) return { type: 'showFolder', folder: state.folder };
  return { type: 'showEvaluation', evaluation: state.evaluation };
}

function reveal(entityIndex: number): void {
  host.postMessage({ type: 'reveal', entityIndex });
}

/** A button of the result's toolbar (Add as Labels, Redact…, Copy as JSON). */
function resultAction(action: string): void {
  // The buttons carry the action's name; the host checks it against the protocol.
  host.postMessage({ type: 'resultAction', action: action as ResultAction });
}

root.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement).closest<HTMLElement>('[data-index], [data-row], [data-action]');
  if (target?.dataset.index !== undefined) reveal(Number(target.dataset.index));
  else if (target?.dataset.row !== undefined) host.postMessage({ type: 'openFile', row: Number(target.dataset.row) });
  else if (target?.dataset.action !== undefined) resultAction(target.dataset.action);
});

root.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (target.dataset.index !== undefined) reveal(Number(target.dataset.index));
  else if (target.dataset.row !== undefined) host.postMessage({ type: 'openFile', row: Number(target.dataset.row) });
  else return;
  event.preventDefault(); // Space would scroll the page.
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // The host only ever sends HostToWebview; anything else posted to the page is ignored by renderView.
  const message = event.data as HostToWebview | null | undefined;
  if (message !== null && message !== undefined) draw(message, message.seq);
});

// After a reload, draw what was there (unreported: the host sends the latest on 'ready' anyway).
const saved = savedView();
if (saved !== undefined) draw(saved);
host.postMessage({ type: 'ready' });

// DOM helpers shared by the page's renderers: service text goes in as textContent, never as HTML.

/** What a renderer drew: the page's content, and the counts the host hears back (a check for tests and logs). */
export interface Drawn {
  parts: HTMLElement[];
  counts: { entities: number; classes: number; relations: number; files: number };
}

export function el<K extends keyof HTMLElementTagNameMap>(
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

export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Makes a clickable row or mark reachable by Tab and usable with Enter or Space, with a name screen readers say. */
export function actionable(node: HTMLElement, label: string): void {
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
}

/**
 * Runs `act` for a click inside `container`, or for Enter or Space on what has the focus there; `act` answers
 * whether the target was one of its items (then Space does not also scroll the page).
 */
export function onActivate(container: HTMLElement, act: (target: EventTarget | null) => boolean): void {
  container.addEventListener('click', (event) => {
    act(event.target);
  });
  container.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && act(event.target)) event.preventDefault();
  });
}

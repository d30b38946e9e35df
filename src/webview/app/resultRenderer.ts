// The results panel's view of one analyzed document.
import type { ResultView } from '../../core/views';
import { actionable, el, percent } from './dom';
import type { Drawn } from './dom';
import { host } from './host';

/** An analysis result: classes, or entities in a table and in the text, with the model that gave them. */
export function renderResult(view: ResultView): Drawn {
  // Which model gave the answer is always on the page, with the way to ask another one.
  const choose = el('button', { className: 'choose', text: 'Choose Deployment…' });
  choose.type = 'button';
  choose.addEventListener('click', () => {
    host.postMessage({ type: 'chooseDeployment' });
  });
  const parts: HTMLElement[] = [
    el(
      'header',
      {},
      el('h1', { text: view.title }),
      el(
        'p',
        { className: 'source' },
        document.createTextNode(`Analyzed with ${view.source} · ${view.kind} `),
        ...(view.why === undefined ? [] : [el('span', { className: 'why', text: `(${view.why}) ` })]),
        choose,
      ),
    ),
  ];
  parts.push(toolbar(view));
  for (const note of view.notes) parts.push(el('p', { className: 'note', text: note }));
  if (view.classes.length > 0) parts.push(classesSection(view));
  if (view.kind === 'CustomSingleLabelClassification' || view.kind === 'CustomMultiLabelClassification') {
    if (view.classes.length === 0) parts.push(el('p', { className: 'muted', text: 'No class passed the threshold.' }));
  } else {
    parts.push(entitiesSection(view), textSection(view));
    if (view.relations.length > 0) parts.push(relationsSection(view));
  }
  const counts = { entities: view.entities.length, classes: view.classes.length, relations: view.relations.length };
  return { parts, counts: { ...counts, files: 0 } };
}

/** What can be done with the result: its labels into the document's project, its entities masked, its JSON. */
function toolbar(view: ResultView): HTMLElement {
  const button = (action: string, text: string, title: string): HTMLButtonElement => {
    const b = el('button', { className: `action ${action}`, text, title });
    b.type = 'button';
    b.dataset.action = action;
    return b;
  };
  const bar = el(
    'div',
    { className: 'toolbar' },
    button('addAsLabels', 'Add as Labels', 'Add these results to the document’s labels in its workspace project'),
  );
  if (view.entities.length > 0)
    bar.append(
      button('redact', 'Redact…', 'Replace each entity in the document by its category or a mask (one undoable edit)'),
    );
  bar.append(button('copyJson', 'Copy as JSON', 'Copy the classes and entities as JSON'));
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Result actions');
  return bar;
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

/** Entities per block of the text: blocks off screen are not laid out (content-visibility), so long texts draw fast. */
const ENTITIES_PER_BLOCK = 100;

function textSection(view: ResultView): HTMLElement {
  const text = el('div', { className: 'text' });
  let block = el('div', { className: 'block' });
  let marks = 0;
  text.append(block);
  for (const s of view.segments) {
    const entity = s.entityIndex === undefined ? undefined : view.entities[s.entityIndex];
    if (entity === undefined) {
      // A full block ends at a line break, so blocks stack as the lines did.
      const cut = marks >= ENTITIES_PER_BLOCK ? s.text.lastIndexOf('\n') : -1;
      if (cut === -1) {
        block.append(document.createTextNode(s.text));
        continue;
      }
      block.append(document.createTextNode(s.text.slice(0, cut + 1)));
      block = el('div', { className: 'block' });
      marks = 0;
      text.append(block);
      if (cut + 1 < s.text.length) block.append(document.createTextNode(s.text.slice(cut + 1)));
      continue;
    }
    marks++;
    const mark = el('mark', {
      className: `entity color-${entity.color}`,
      text: s.text,
      title: `${entity.category} · ${percent(entity.confidence)}`,
    });
    mark.dataset.index = String(entity.index);
    actionable(mark, `${s.text}: ${entity.category}, ${percent(entity.confidence)}. Select it in the editor`);
    // The category shows after the text from CSS (no element per entity; the mark's name already says it).
    mark.dataset.category = entity.category;
    block.append(mark);
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

/** Entity rows drawn at first and added by each "Show more". */
const ENTITY_PAGE = 200;

function entitiesSection(view: ResultView): HTMLElement {
  // Custom NER has no details: the column only shows when some entity has them.
  const withDetails = view.entities.some((e) => detailsOf(e).length > 0);
  const body = el('tbody');
  const rowOf = (e: ResultView['entities'][number]): HTMLElement => {
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
    return row;
  };
  // A long result draws its first rows at once and the rest on demand (the text above shows every entity).
  let shown = 0;
  const more = el('button', { className: 'more' });
  more.type = 'button';
  const drawMore = (): void => {
    const next = view.entities.slice(shown, shown + ENTITY_PAGE);
    body.append(...next.map(rowOf));
    shown += next.length;
    more.hidden = shown >= view.entities.length;
    more.textContent = `Show ${Math.min(ENTITY_PAGE, view.entities.length - shown)} more of ${view.entities.length - shown}`;
  };
  more.addEventListener('click', drawMore);
  drawMore();
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
  return el('section', {}, el('h2', { text: `Entities (${view.entities.length})` }), table, more);
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

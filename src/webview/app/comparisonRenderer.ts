// Two models of a project side by side: per-class F1 with the difference, and the test documents where their
// predictions differ (a row opens the document with this model's labels and predictions drawn).
import type { ModelComparisonView } from '../../core/views';
import { actionable, el, onActivate, percent } from './dom';
import { host } from './host';

const score = (x: number | undefined): string => (x === undefined ? '—' : percent(x));
const signed = (x: number | undefined): string =>
  x === undefined ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${(Math.abs(x) * 100).toFixed(1)}`;

export function comparisonSection(comparison: ModelComparisonView): HTMLElement {
  const { model: thisModel, otherModel: other } = comparison;
  const classes = el(
    'table',
    { className: 'comparison-classes' },
    el(
      'thead',
      {},
      el('tr', {}, ...['Class', `F1 ${thisModel}`, `F1 ${other}`, 'Difference'].map((h) => el('th', { text: h }))),
    ),
    el(
      'tbody',
      {},
      ...comparison.classes.map((c) =>
        el(
          'tr',
          {},
          el('td', { text: c.category }),
          el('td', { className: 'score', text: score(c.f1) }),
          el('td', { className: 'score', text: score(c.otherF1) }),
          el('td', {
            className: `score ${(c.difference ?? 0) < 0 ? 'worse' : (c.difference ?? 0) > 0 ? 'better' : ''}`,
            text: signed(c.difference),
          }),
        ),
      ),
    ),
  );
  const rows = comparison.disagreements.map((d) => {
    const tr = el(
      'tr',
      { className: 'disagreement' },
      el('td', { text: d.location, title: d.location }),
      el('td', { text: d.predicted }),
      el('td', { className: 'score', text: String(d.errors) }),
      el('td', { text: d.otherPredicted }),
      el('td', { className: 'score', text: String(d.otherErrors) }),
    );
    tr.dataset.compareRow = String(d.row);
    actionable(
      tr,
      `${d.location}: ${thisModel} predicted ${d.predicted} (${d.errors} errors), ${other} predicted ${d.otherPredicted} (${d.otherErrors} errors). Open it`,
    );
    return tr;
  });
  const body = el('tbody', {}, ...rows);
  const open = (target: EventTarget | null): boolean => {
    const row = (target as HTMLElement | null)?.closest<HTMLElement>('[data-compare-row]')?.dataset.compareRow;
    if (row === undefined) return false;
    host.postMessage({ type: 'openTestDocument', row: Number(row) });
    return true;
  };
  onActivate(body, open);
  return el(
    'section',
    { className: 'comparison' },
    el('h2', { text: `Compared with ${other}` }),
    el('p', {
      className: 'muted caption',
      text: `Per class, F1 of each model and ${other} − ${thisModel} in points (drops first).`,
    }),
    classes,
    el('h3', {
      text: `${comparison.disagreements.length} of ${comparison.commonDocuments} shared test documents predicted differently`,
    }),
    el(
      'table',
      { className: 'disagreements' },
      el(
        'thead',
        {},
        el('tr', {}, ...['Document', thisModel, 'Errors', other, 'Errors'].map((h) => el('th', { text: h }))),
      ),
      body,
    ),
  );
}

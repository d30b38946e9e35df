// The results panel's view of a model's evaluation on its test set.
import type { EvaluationView } from '../../core/views';
import { confusionSection } from './confusionMatrix';
import { el, percent } from './dom';
import type { Drawn } from './dom';

/** A model's evaluation: averages, per-class scores weakest first, and the confusion matrix. */
export function renderEvaluation(evaluation: EvaluationView): Drawn {
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
  return { parts, counts: { entities: 0, classes: evaluation.classes.length, relations: 0, files: 0 } };
}

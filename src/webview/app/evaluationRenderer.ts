// The results panel's view of a model's evaluation on its test set.
import type { EvaluationView } from '../../core/views';
import { confusionSection } from './confusionMatrix';
import { el, percent } from './dom';
import type { Drawn } from './dom';
import { comparisonSection } from './comparisonRenderer';
import { classMatricesSection, guidanceSection } from './reviewSections';
import { testSetSection } from './testSetRenderer';

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
  const parts: HTMLElement[] = [
    el(
      'header',
      {},
      el('h1', { text: evaluation.title }),
      el('p', { className: 'muted', text: `${evaluation.kind} · ${evaluation.source}` }),
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
  if (evaluation.comparison !== undefined) parts.push(comparisonSection(evaluation.comparison));
  // The review: advice, the matrices (their cells list documents), then the test set they filter.
  const testSet =
    evaluation.testSet !== undefined && evaluation.testSet.rows.length > 0
      ? testSetSection(evaluation.testSet)
      : undefined;
  if (testSet !== undefined && evaluation.guidance !== undefined && evaluation.guidance.length > 0) {
    parts.push(
      guidanceSection(evaluation.guidance, (item) => {
        const rows = new Set(item.documents);
        testSet.filter({ label: item.classes.join(' and '), keep: (_, index) => rows.has(index) });
      }),
    );
  }
  if (evaluation.confusion !== undefined)
    parts.push(
      confusionSection(
        evaluation.confusion,
        entities,
        testSet === undefined
          ? undefined
          : (i, j) => {
              const rows = new Set(evaluation.confusion?.documents?.[i]?.[j] ?? []);
              const labels = evaluation.confusion?.labels ?? [];
              testSet.filter({
                label: `labeled ${labels[i] ?? ''}, predicted ${labels[j] ?? ''}`,
                keep: (_, index) => rows.has(index),
              });
            },
      ),
    );
  if (evaluation.classMatrices !== undefined && testSet !== undefined)
    parts.push(
      classMatricesSection(evaluation.classMatrices, (matrix, cell) => {
        const words = {
          tp: 'labeled and predicted',
          fp: 'predicted, not labeled',
          fn: 'labeled, not predicted',
          tn: 'neither labeled nor predicted',
        };
        const { tp, fp, fn } = matrix.documents;
        // The "neither" cell holds every row the other three do not.
        const listed = new Set(cell === 'tn' ? [...tp, ...fp, ...fn] : matrix.documents[cell]);
        testSet.filter({
          label: `${matrix.category}: ${words[cell]}`,
          keep: (_, index) => listed.has(index) !== (cell === 'tn'),
        });
      }),
    );
  if (testSet !== undefined) parts.push(testSet.element);
  return { parts, counts: { entities: 0, classes: evaluation.classes.length, relations: 0, files: 0 } };
}

// Label Next pays: simulated labeling of web-of-science and movie-summaries in the order Label Next gives
// (labelNextOrder, the command's own: uncertainty weighed by typicality, the predicted classes in turns, on the
// classes a deployment returns) against a random order. Each run labels 10 documents at a time and retrains the
// engine in-process after each batch; F1 is measured on a fixed test split. Five seeds per order.
// While trying orders: LABEL_NEXT_DATASET=web-of-science (or movie-summaries) runs one dataset, LABEL_NEXT_SEEDS=20
// runs seeds 1 to 20, LABEL_NEXT_ORDERS picks orders (the published tables use the defaults: both datasets, five
// seeds, the first four orders).
import { performance } from 'node:perf_hooks';
import { typicality } from '../src/core/suggestions/density';
import { certainty, labelNextOrder } from '../src/core/suggestions/uncertainty';
import { evaluateMultiLabel, evaluateSingleLabel } from '../src/service/engine/evaluation';
import { createRandom, shuffled } from '../src/service/engine/random';
import type { LabeledText, TextClassifier } from '../src/service/engine/textClassifier';
import { classProbabilities, decideClasses, trainTextClassifier } from '../src/service/engine/textClassifier';
import { loadMovieSummaries, loadWebOfScience } from '../test/unit/engine/sampleData';
import type { SampleDataset } from '../test/unit/engine/sampleData';
import { gradientEmbeddingOrder } from './gradientEmbedding';
import { classTypicalTurns, diverseTurns, rarestClassFirst, turnsRarestFirst } from './labelNextVariants';

const SEEDS = Array.from({ length: Number(process.env.LABEL_NEXT_SEEDS ?? 5) }, (_, i) => i + 1);
const BATCH = 10;
/** Labels bought at random before the model is first asked: it cannot rank documents before it has seen some. */
const RANDOM_START = 10;
const TEST_SHARE = 0.3;
const SPLIT_SEED = 20260101;
const TRAIN_SEED = 7;
const CHECKPOINTS = [30, 60, 90, 120];
const GOAL_SHARE = 0.9;
const GOAL_RATIO = 2 / 3;

/**
 * 'Label Next' is the command's order. The others are measured for comparison: 'uncertain × typical' (the
 * previous Label Next: uncertainty weighed by typicality, highest first, with no turns over classes) and 'BADGE'
 * (greedy k-means++ over gradient embeddings, see gradientEmbedding.ts). The rest are variants of the turns that
 * did not beat them (labelNextVariants.ts; 'BADGE then turns': BADGE for the two batches after the random start).
 * Orders tried before and dropped (least certain, margin, least certain with random batches) are in BENCHMARKS.md.
 */
const ALL_ORDERS = [
  'random',
  'Label Next',
  'uncertain × typical',
  'BADGE',
  'diverse turns',
  'class-typical turns',
  'rarest class first',
  'BADGE then turns',
  'turns rarest first',
  'diverse turns (batch only)',
] as const;
type Order = (typeof ALL_ORDERS)[number];
/** LABEL_NEXT_ORDERS (comma-separated names) measures only those orders; random and Label Next always. */
const ORDERS: readonly Order[] = process.env.LABEL_NEXT_ORDERS
  ? ALL_ORDERS.filter(
      (o) => o === 'random' || o === 'Label Next' || (process.env.LABEL_NEXT_ORDERS ?? '').split(',').includes(o),
    )
  : ['random', 'Label Next', 'uncertain × typical', 'BADGE'];

interface Split {
  pool: LabeledText[];
  test: LabeledText[];
}

function toLabeled(data: SampleDataset): LabeledText[] {
  return data.documents.map((d) => ({
    text: d.text,
    labels: (d.classes ?? []).map((c) => data.categories.indexOf(c)),
  }));
}

function split(data: SampleDataset): Split {
  const all = shuffled(toLabeled(data), createRandom(SPLIT_SEED));
  const testCount = Math.round(all.length * TEST_SHARE);
  return { test: all.slice(0, testCount), pool: all.slice(testCount) };
}

function f1(model: TextClassifier, test: readonly LabeledText[], categories: readonly string[]): number {
  const names = (ks: readonly number[]): string[] => ks.map((k) => categories[k] ?? '');
  const predicted = test.map((d) => names(decideClasses(model, classProbabilities(model, d.text))));
  if (model.multiLabel)
    return evaluateMultiLabel(
      categories,
      test.map((d, i) => ({ expected: names(d.labels), predicted: predicted[i] ?? [] })),
    ).microF1;
  return evaluateSingleLabel(
    categories,
    test.map((d, i) => ({ expected: names(d.labels)[0] ?? '', predicted: predicted[i]?.[0] ?? '' })),
  ).macroF1;
}

/** What a deployment answers for a document: its chosen classes with their probabilities. */
function prediction(model: TextClassifier, text: string, categories: readonly string[]) {
  const p = classProbabilities(model, text);
  return {
    classes: decideClasses(model, p).map((k) => ({ category: categories[k] ?? '', confidenceScore: p[k] ?? 0 })),
  };
}

/** Indices of `remaining` to label next, in the given order. */
function pick(
  order: Exclude<Order, 'random'>,
  model: TextClassifier,
  remaining: readonly LabeledText[],
  labeled: readonly LabeledText[],
  data: SampleDataset,
): number[] {
  // What a deployment would return for each document.
  const deployed = remaining.map((d, i) => ({
    location: String(i).padStart(6, '0'),
    text: d.text,
    prediction: prediction(model, d.text, data.categories),
  }));
  if (order === 'Label Next')
    return labelNextOrder(data.kind, deployed)
      .slice(0, BATCH)
      .map((r) => Number(r.location));
  if (order === 'BADGE' || (order === 'BADGE then turns' && labeled.length < RANDOM_START + 2 * BATCH))
    return gradientEmbeddingOrder(data.kind, deployed).slice(0, BATCH);
  if (order === 'BADGE then turns')
    return labelNextOrder(data.kind, deployed)
      .slice(0, BATCH)
      .map((r) => Number(r.location));
  const known = labeled.map((d) => ({ text: d.text, classes: d.labels.map((k) => data.categories[k] ?? '') }));
  if (order === 'diverse turns') return diverseTurns(data.kind, deployed, known, BATCH);
  if (order === 'diverse turns (batch only)') return diverseTurns(data.kind, deployed, [], BATCH);
  if (order === 'turns rarest first') return turnsRarestFirst(data.kind, deployed, known, BATCH);
  if (order === 'class-typical turns') return classTypicalTurns(data.kind, deployed, BATCH);
  if (order === 'rarest class first') return rarestClassFirst(data.kind, deployed, known, BATCH);
  const typical = typicality(deployed.map((d) => d.text));
  return deployed
    .map((d, i) => ({ i, worth: (1 - certainty(data.kind, d.prediction)) * (typical[i] ?? 0) }))
    .sort((a, b) => b.worth - a.worth || a.i - b.i)
    .slice(0, BATCH)
    .map((r) => r.i);
}

/** F1 after each batch (index i: after (i + 1) × BATCH labels), labeling the whole pool. */
function simulate(data: SampleDataset, splitData: Split, order: Order, seed: number): number[] {
  const multiLabel = data.kind === 'CustomMultiLabelClassification';
  const random = createRandom(seed);
  const remaining = shuffled(splitData.pool, random);
  const labeled: LabeledText[] = [];
  const curve: number[] = [];
  while (remaining.length > 0) {
    let next: LabeledText[];
    if (order === 'random' || labeled.length < RANDOM_START) next = remaining.splice(0, BATCH);
    else {
      const model = trainTextClassifier(labeled, data.categories, multiLabel, TRAIN_SEED);
      const ranked = pick(order, model, remaining, labeled, data);
      const chosen = new Set(ranked);
      next = ranked.map((i) => remaining[i]).filter((d): d is LabeledText => d !== undefined);
      for (let i = remaining.length - 1; i >= 0; i--) if (chosen.has(i)) remaining.splice(i, 1);
    }
    labeled.push(...next);
    const model = trainTextClassifier(labeled, data.categories, multiLabel, TRAIN_SEED);
    curve.push(f1(model, splitData.test, data.categories));
  }
  return curve;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const labelsAt = (batchIndex: number, poolSize: number): number => Math.min((batchIndex + 1) * BATCH, poolSize);

/** Labels needed before F1 first reaches `target` (undefined when it never does). */
function labelsToReach(curve: readonly number[], target: number, poolSize: number): number | undefined {
  const i = curve.findIndex((f) => f >= target);
  return i === -1 ? undefined : labelsAt(i, poolSize);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const missed: string[] = [];

function run(data: SampleDataset): void {
  const started = performance.now();
  const multiLabel = data.kind === 'CustomMultiLabelClassification';
  const splitData = split(data);
  const poolSize = splitData.pool.length;
  const full = f1(
    trainTextClassifier(splitData.pool, data.categories, multiLabel, TRAIN_SEED),
    splitData.test,
    data.categories,
  );
  const target = GOAL_SHARE * full;
  const metric = multiLabel ? 'micro-F1' : 'macro-F1';
  console.log(
    `\n### ${data.name}: ${metric}; pool ${poolSize} documents, test ${splitData.test.length}; full pool ${full.toFixed(3)}, 90% of it ${target.toFixed(3)}`,
  );
  const curves = Object.fromEntries(ORDERS.map((o) => [o, [] as number[][]])) as Record<Order, number[][]>;
  for (const order of ORDERS) for (const seed of SEEDS) curves[order].push(simulate(data, splitData, order, seed));
  console.log(
    `| order | ${CHECKPOINTS.map((c) => `F1 @${c}`).join(' | ')} | labels to 90% (per seed) | median | mean |`,
  );
  console.log(`|---|${CHECKPOINTS.map(() => '---|').join('')}---|---|---|`);
  const medians = Object.fromEntries(ORDERS.map((o) => [o, 0])) as Record<Order, number>;
  for (const order of ORDERS) {
    const at = CHECKPOINTS.map((c) => mean(curves[order].map((curve) => curve[c / BATCH - 1] ?? 0)));
    // A seed that never reaches the target counts as needing the whole pool.
    const needed = curves[order].map((curve) => labelsToReach(curve, target, poolSize) ?? poolSize);
    medians[order] = median(needed);
    console.log(
      `| ${order} | ${at.map((f) => f.toFixed(3)).join(' | ')} | ${needed.join(', ')} | ${medians[order]} | ${mean(needed).toFixed(1)} |`,
    );
  }
  for (const order of ORDERS.filter((o) => o !== 'random' && o !== 'Label Next'))
    console.log(
      `${order}: ${((medians[order] / medians.random) * 100).toFixed(0)}% of random's labels, for comparison`,
    );
  const ratio = medians['Label Next'] / medians.random;
  const pass = ratio <= GOAL_RATIO;
  if (!pass) missed.push(data.name);
  console.log(
    `Label Next's order needs ${(ratio * 100).toFixed(0)}% of the labels random order needs (goal ≤ 67%): ${pass ? 'PASS' : 'FAIL'}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

console.log(
  `Batches of ${BATCH}, the first ${RANDOM_START} labels random in both orders, retrained after each batch; seeds ${SEEDS.join(', ')}.`,
);
const only = process.env.LABEL_NEXT_DATASET;
for (const load of [loadWebOfScience, loadMovieSummaries]) {
  const data = load();
  if (only === undefined || only === data.name) run(data);
}
process.exitCode = missed.length === 0 ? 0 : 1;

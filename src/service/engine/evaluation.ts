// Evaluation in the service's shapes: per-class counts and metrics, micro and macro averages, confusion
// matrices (outer key expected, inner key predicted, normalizedValue = percent of the row). Categories are keys in
// Maps, and the output objects are built with Object.fromEntries, which makes every name an own key: a class named
// "__proto__" or "constructor" is counted and reported like any other.
import type { EntitySpan } from './types';

export interface ClassCounts {
  truePositiveCount: number;
  trueNegativeCount: number;
  falsePositiveCount: number;
  falseNegativeCount: number;
}

export interface ClassEvaluation extends ClassCounts {
  f1: number;
  precision: number;
  recall: number;
}

export interface Averages {
  microF1: number;
  microPrecision: number;
  microRecall: number;
  macroF1: number;
  macroPrecision: number;
  macroRecall: number;
}

export type ConfusionMatrix = Record<string, Record<string, { normalizedValue: number; rawValue: number }>>;

/** The pseudo-category for "no entity" in entity confusion matrices. */
export const NO_ENTITY = '$none';

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export function classEvaluation(counts: ClassCounts): ClassEvaluation {
  const precision = ratio(counts.truePositiveCount, counts.truePositiveCount + counts.falsePositiveCount);
  const recall = ratio(counts.truePositiveCount, counts.truePositiveCount + counts.falseNegativeCount);
  return { f1: f1(precision, recall), precision, recall, ...counts };
}

/** Micro from summed counts; macro as the mean over the classes that occur (expected or predicted). */
export function averages(perClass: Record<string, ClassEvaluation>): Averages {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let p = 0;
  let r = 0;
  let f = 0;
  let n = 0;
  for (const c of Object.values(perClass)) {
    tp += c.truePositiveCount;
    fp += c.falsePositiveCount;
    fn += c.falseNegativeCount;
    if (c.truePositiveCount + c.falsePositiveCount + c.falseNegativeCount === 0) continue;
    p += c.precision;
    r += c.recall;
    f += c.f1;
    n++;
  }
  const microPrecision = ratio(tp, tp + fp);
  const microRecall = ratio(tp, tp + fn);
  return {
    microF1: f1(microPrecision, microRecall),
    microPrecision,
    microRecall,
    macroF1: ratio(f, n),
    macroPrecision: ratio(p, n),
    macroRecall: ratio(r, n),
  };
}

type Cell = { normalizedValue: number; rawValue: number };
type Matrix = Map<string, Map<string, Cell>>;

function addCell(matrix: Matrix, expected: string, predicted: string, amount: number): void {
  if (amount <= 0) return;
  let row = matrix.get(expected);
  if (row === undefined) matrix.set(expected, (row = new Map<string, Cell>()));
  let cell = row.get(predicted);
  if (cell === undefined) row.set(predicted, (cell = { normalizedValue: 0, rawValue: 0 }));
  cell.rawValue += amount;
}

function normalized(matrix: Matrix): ConfusionMatrix {
  for (const row of matrix.values()) {
    const total = [...row.values()].reduce((sum, cell) => sum + cell.rawValue, 0);
    for (const cell of row.values()) cell.normalizedValue = ratio(cell.rawValue * 100, total);
  }
  return Object.fromEntries([...matrix].map(([expected, row]) => [expected, Object.fromEntries(row)]));
}

function zeroCounts(): ClassCounts {
  return { truePositiveCount: 0, trueNegativeCount: 0, falsePositiveCount: 0, falseNegativeCount: 0 };
}

function emptyCounts(categories: readonly string[]): Map<string, ClassCounts> {
  return new Map(categories.map((c) => [c, zeroCounts()]));
}

function evaluations(counts: Map<string, ClassCounts>): Record<string, ClassEvaluation> {
  return Object.fromEntries([...counts].map(([c, k]) => [c, classEvaluation(k)]));
}

export interface SingleLabelOutcome {
  expected: string;
  predicted: string;
}

export function evaluateSingleLabel(
  categories: readonly string[],
  outcomes: readonly SingleLabelOutcome[],
): { confusionMatrix: ConfusionMatrix; classes: Record<string, ClassEvaluation> } & Averages {
  const counts = emptyCounts(categories);
  const matrix: Matrix = new Map();
  for (const { expected, predicted } of outcomes) {
    addCell(matrix, expected, predicted, 1);
    for (const [c, k] of counts) {
      const isExpected = c === expected;
      const isPredicted = c === predicted;
      if (isExpected && isPredicted) k.truePositiveCount++;
      else if (isPredicted) k.falsePositiveCount++;
      else if (isExpected) k.falseNegativeCount++;
      else k.trueNegativeCount++;
    }
  }
  const classes = evaluations(counts);
  return { confusionMatrix: normalized(matrix), classes, ...averages(classes) };
}

export interface MultiLabelOutcome {
  expected: readonly string[];
  predicted: readonly string[];
}

export function evaluateMultiLabel(
  categories: readonly string[],
  outcomes: readonly MultiLabelOutcome[],
): { classes: Record<string, ClassEvaluation> } & Averages {
  const counts = emptyCounts(categories);
  for (const { expected, predicted } of outcomes) {
    for (const [c, k] of counts) {
      const isExpected = expected.includes(c);
      const isPredicted = predicted.includes(c);
      if (isExpected && isPredicted) k.truePositiveCount++;
      else if (isPredicted) k.falsePositiveCount++;
      else if (isExpected) k.falseNegativeCount++;
      else k.trueNegativeCount++;
    }
  }
  const classes = evaluations(counts);
  return { classes, ...averages(classes) };
}

export interface EntityOutcome {
  expected: readonly EntitySpan[];
  predicted: readonly EntitySpan[];
}

function overlap(a: EntitySpan, b: EntitySpan): number {
  return Math.max(0, Math.min(a.offset + a.length, b.offset + b.length) - Math.max(a.offset, b.offset));
}

/**
 * Entities match only on exact category, offset and length. The confusion matrix spreads each expected entity
 * over the categories predicted on its characters (the rest goes to "$none"), and each predicted entity's
 * characters that no expected entity covers go to the "$none" row, hence fractional raw values.
 */
export function evaluateEntities(
  categories: readonly string[],
  outcomes: readonly EntityOutcome[],
): { confusionMatrix: ConfusionMatrix; entities: Record<string, ClassEvaluation> } & Averages {
  const counts = emptyCounts(categories);
  const matrix: Matrix = new Map();
  const countsFor = (category: string): ClassCounts => {
    let k = counts.get(category);
    if (k === undefined) counts.set(category, (k = zeroCounts()));
    return k;
  };
  for (const { expected, predicted } of outcomes) {
    const key = (e: EntitySpan): string => `${e.category}\u0000${e.offset}\u0000${e.length}`;
    const predictedKeys = new Set(predicted.map(key));
    const expectedKeys = new Set(expected.map(key));
    for (const e of expected) {
      if (predictedKeys.has(key(e))) countsFor(e.category).truePositiveCount++;
      else countsFor(e.category).falseNegativeCount++;
      let covered = 0;
      for (const p of predicted) {
        const shared = overlap(e, p);
        if (shared === 0 || e.length === 0) continue;
        addCell(matrix, e.category, p.category, shared / e.length);
        covered += shared;
      }
      if (e.length > 0) addCell(matrix, e.category, NO_ENTITY, Math.max(0, e.length - covered) / e.length);
    }
    for (const p of predicted) {
      if (!expectedKeys.has(key(p))) countsFor(p.category).falsePositiveCount++;
      if (p.length === 0) continue;
      let covered = 0;
      for (const e of expected) covered += overlap(e, p);
      addCell(matrix, NO_ENTITY, p.category, Math.max(0, p.length - covered) / p.length);
    }
  }
  const entities = evaluations(counts);
  return { confusionMatrix: normalized(matrix), entities, ...averages(entities) };
}

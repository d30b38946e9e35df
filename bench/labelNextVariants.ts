// Variants of Label Next's order measured against it (BENCHMARKS.md, Label Next): each keeps the turns over the
// predicted classes and changes one thing. They return the next batch (indices of the unlabeled input) only.
import type { DocumentResult } from '../src/api/schemas/normalized';
import type { ProjectKind } from '../src/contract/common';
import type { Vector } from '../src/core/suggestions/density';
import { dot, tfIdf, typicality } from '../src/core/suggestions/density';
import { certainty, predictedGroup } from '../src/core/suggestions/uncertainty';

export interface Unlabeled {
  text: string;
  prediction: Pick<DocumentResult, 'entities' | 'classes'>;
}

export interface Labeled {
  text: string;
  /** Class names. */
  classes: readonly string[];
}

const EMPTY: Vector = new Map();

/** Label Next's worth of each unlabeled document (uncertainty × typicality) and its predicted class. */
function worthAndGroups(kind: ProjectKind, unlabeled: readonly Unlabeled[]): { worth: number[]; group: string[] } {
  const typical = typicality(unlabeled.map((u) => u.text));
  return {
    worth: unlabeled.map((u, i) => (1 - certainty(kind, u.prediction)) * (typical[i] ?? 0)),
    group: unlabeled.map((u) => predictedGroup(kind, u.prediction)),
  };
}

/** Labeled documents per class. */
function labeledCounts(labeled: readonly Labeled[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labeled) for (const c of l.classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** The indices of each group. */
function groupsOf(group: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  group.forEach((g, i) => {
    const q = groups.get(g);
    if (q) q.push(i);
    else groups.set(g, [i]);
  });
  return groups;
}

/**
 * Idea 1: turns over the predicted classes as Label Next, but within a class the next document is the one of
 * highest worth × (1 − its largest cosine to a labeled document or one already picked in this batch).
 */
export function diverseTurns(
  kind: ProjectKind,
  unlabeled: readonly Unlabeled[],
  labeled: readonly Labeled[],
  batch: number,
): number[] {
  const vectors = tfIdf([...unlabeled.map((u) => u.text), ...labeled.map((l) => l.text)]);
  const { worth, group } = worthAndGroups(kind, unlabeled);
  const nearest = unlabeled.map((_, i) => {
    let m = 0;
    for (let j = 0; j < labeled.length; j++)
      m = Math.max(m, dot(vectors[i] ?? EMPTY, vectors[unlabeled.length + j] ?? EMPTY));
    return m;
  });
  const groups = groupsOf(group);
  const taken = new Set<number>();
  const score = (i: number): number => (worth[i] ?? 0) * (1 - (nearest[i] ?? 0));
  const best = (q: readonly number[]): number | undefined => {
    let b: number | undefined;
    for (const i of q) if (!taken.has(i) && (b === undefined || score(i) > score(b))) b = i;
    return b;
  };
  const order: number[] = [];
  const take = (i: number): void => {
    order.push(i);
    taken.add(i);
    for (let k = 0; k < unlabeled.length; k++)
      if (!taken.has(k)) nearest[k] = Math.max(nearest[k] ?? 0, dot(vectors[k] ?? EMPTY, vectors[i] ?? EMPTY));
  };
  while (order.length < Math.min(batch, unlabeled.length)) {
    // One turn: every class with documents left gives its best, the best classes first.
    const pending = new Set([...groups.keys()].filter((g) => best(groups.get(g) ?? []) !== undefined));
    while (pending.size > 0 && order.length < batch) {
      let pickGroup: string | undefined;
      let pickDoc: number | undefined;
      for (const g of pending) {
        const b = best(groups.get(g) ?? []);
        if (b === undefined) continue;
        if (pickDoc === undefined || score(b) > score(pickDoc)) {
          pickDoc = b;
          pickGroup = g;
        }
      }
      if (pickDoc === undefined || pickGroup === undefined) break;
      pending.delete(pickGroup);
      take(pickDoc);
    }
  }
  return order;
}

/** Idea 2: typicality within the predicted class (mean cosine to the others predicted the same), turns as Label Next. */
export function classTypicalTurns(kind: ProjectKind, unlabeled: readonly Unlabeled[], batch: number): number[] {
  const vectors = tfIdf(unlabeled.map((u) => u.text));
  const group = unlabeled.map((u) => predictedGroup(kind, u.prediction));
  const worth = unlabeled.map((u, i) => {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < unlabeled.length; j++)
      if (j !== i && group[j] === group[i]) {
        sum += dot(vectors[i] ?? EMPTY, vectors[j] ?? EMPTY);
        n++;
      }
    return (1 - certainty(kind, u.prediction)) * (n > 0 ? sum / n : 0);
  });
  return turns(group, worth, batch);
}

/**
 * The batch in turns over the groups: per turn the worthiest left of each group, in `withinTurn` order (by default
 * the worthiest first).
 */
function turns(
  group: readonly string[],
  worth: readonly number[],
  batch: number,
  withinTurn: (a: number, b: number) => number = (a, b) => (worth[b] ?? 0) - (worth[a] ?? 0) || a - b,
): number[] {
  const by = (a: number, b: number): number => (worth[b] ?? 0) - (worth[a] ?? 0) || a - b;
  const sorted = [...groupsOf(group).values()].map((q) => q.sort(by));
  const order: number[] = [];
  for (let t = 0; order.length < Math.min(batch, group.length); t++)
    order.push(...sorted.flatMap((q) => q.slice(t, t + 1)).sort(withinTurn));
  return order.slice(0, batch);
}

/**
 * Idea 3: each next document from the predicted class with the fewest labeled documents so far (counting those
 * picked in this batch), the worthiest of it (uncertainty × typicality); ties between classes go to the worthiest.
 */
export function rarestClassFirst(
  kind: ProjectKind,
  unlabeled: readonly Unlabeled[],
  labeled: readonly Labeled[],
  batch: number,
): number[] {
  const { worth, group } = worthAndGroups(kind, unlabeled);
  const counts = labeledCounts(labeled);
  const taken = new Set<number>();
  const order: number[] = [];
  while (order.length < Math.min(batch, unlabeled.length)) {
    let pick: number | undefined;
    for (let i = 0; i < unlabeled.length; i++) {
      if (taken.has(i)) continue;
      if (pick === undefined) {
        pick = i;
        continue;
      }
      const ci = counts.get(group[i] ?? '') ?? 0;
      const cp = counts.get(group[pick] ?? '') ?? 0;
      if (ci < cp || (ci === cp && (worth[i] ?? 0) > (worth[pick] ?? 0))) pick = i;
    }
    if (pick === undefined) break;
    taken.add(pick);
    order.push(pick);
    const g = group[pick] ?? '';
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return order;
}

/**
 * Idea 3, lighter: Label Next's turns (each class gives its worthiest once per turn), but within a turn the classes
 * the labeled set has fewest of go first instead of the worthiest.
 */
export function turnsRarestFirst(
  kind: ProjectKind,
  unlabeled: readonly Unlabeled[],
  labeled: readonly Labeled[],
  batch: number,
): number[] {
  const { worth, group } = worthAndGroups(kind, unlabeled);
  const counts = labeledCounts(labeled);
  const rarer = (a: number, b: number): number =>
    (counts.get(group[a] ?? '') ?? 0) - (counts.get(group[b] ?? '') ?? 0) || (worth[b] ?? 0) - (worth[a] ?? 0) || a - b;
  return turns(group, worth, batch, rarer);
}

import assert from 'node:assert/strict';
import { TrainingDataError, splitDocuments } from '../../../src/service/engine/split';
import type { LabeledDocument } from '../../../src/service/engine/types';

function docs(n: number, dataset?: 'Train' | 'Test'): LabeledDocument[] {
  return Array.from({ length: n }, (_, i) => ({
    location: `${dataset ?? 'doc'}${i}.txt`,
    language: 'en',
    text: `text ${i}`,
    classes: ['A'],
    ...(dataset === undefined ? {} : { dataset }),
  }));
}

const percentage = (train: number, test: number) =>
  ({ kind: 'percentage', trainingSplitPercentage: train, testingSplitPercentage: test }) as const;

describe('engine split', () => {
  it('splits by percentage with a seeded shuffle: same seed, same split; all documents used once', () => {
    const all = docs(50);
    const a = splitDocuments(all, percentage(80, 20), 7);
    const b = splitDocuments(all, percentage(80, 20), 7);
    const c = splitDocuments(all, percentage(80, 20), 8);
    assert.equal(a.testing.length, 10);
    assert.equal(a.training.length, 40);
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a.testing.map((d) => d.location),
      c.testing.map((d) => d.location),
    );
    const locations = [...a.training, ...a.testing].map((d) => d.location).sort();
    assert.deepEqual(locations, all.map((d) => d.location).sort());
    assert.notDeepEqual(
      a.testing.map((d) => d.location),
      all.slice(0, 10).map((d) => d.location),
      'shuffled, not the first documents',
    );
  });

  it('splits manually by each document dataset; documents without one train', () => {
    const all = [...docs(3, 'Train'), ...docs(2, 'Test'), ...docs(1)];
    const split = splitDocuments(all, { kind: 'manual' }, 1);
    assert.deepEqual(
      split.testing.map((d) => d.location),
      ['Test0.txt', 'Test1.txt'],
    );
    assert.equal(split.training.length, 4);
  });

  it('keeps at least two documents on each side when the data allows it', () => {
    const split = splitDocuments(docs(5), percentage(90, 10), 1);
    assert.equal(split.testing.length, 2);
    assert.equal(split.training.length, 3);
  });

  it('explains tiny data and bad percentages instead of training on nothing', () => {
    assert.throws(
      () => splitDocuments(docs(3), percentage(80, 20), 1),
      (e: unknown) => {
        assert.ok(e instanceof TrainingDataError);
        assert.match(e.message, /training set has 1 labeled document; at least 2 are needed/);
        return true;
      },
    );
    assert.throws(() => splitDocuments(docs(4, 'Train'), { kind: 'manual' }, 1), /testing set has 0 labeled documents/);
    assert.throws(() => splitDocuments(docs(1, 'Test'), { kind: 'manual' }, 1), /training set has 0 labeled documents/);
    assert.throws(() => splitDocuments(docs(20), percentage(80, 30), 1), /add up to 100/);
    assert.throws(() => splitDocuments(docs(20), percentage(100, 0), 1), /from 1 to 99/);
  });
});

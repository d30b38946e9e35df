import assert from 'node:assert/strict';
import { termHashes } from '../../../src/service/engine/termHashes';
import { countTerms } from '../../../src/service/engine/termMatrix';
import { buildLookup, hashedTermCounts, weighTerms } from '../../../src/service/engine/textFeatures';
import { TfIdfRows } from '../../../src/service/engine/tfIdfRows';
import { loadWebOfScience } from './sampleData';

function entries(matrix: ReturnType<typeof countTerms>, doc: number): [number, number][] {
  const chunk = matrix.chunks[matrix.chunkOf[doc] ?? 0];
  assert.ok(chunk !== undefined);
  const from = matrix.start[doc] ?? 0;
  const out: [number, number][] = [];
  for (let i = from; i < from + (matrix.length[doc] ?? 0); i++) {
    out.push([matrix.hashes[chunk.terms[i] ?? 0] ?? 0, chunk.counts[i] ?? 0]);
  }
  return out;
}

describe('engine term matrix', () => {
  it('keeps each document whole inside one chunk, its terms in order of first appearance with their counts', () => {
    const texts = ['b a b c', '', 'a a a', 'd e f g h i j k', 'c'];
    // Chunks of 4 entries: the fourth document (8 terms) gets one of its own, none straddles two.
    const matrix = countTerms(texts, termHashes, 4);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((w) => termHashes(w)[0] ?? 0);
    assert.deepEqual(entries(matrix, 0), [
      [b, 2],
      [a, 1],
      [c, 1],
    ]);
    assert.deepEqual(entries(matrix, 1), []);
    assert.deepEqual(entries(matrix, 2), [[a, 3]]);
    assert.equal(matrix.length[3], 8);
    assert.deepEqual(entries(matrix, 3)[0], [d, 1]);
    assert.deepEqual(entries(matrix, 4), [[c, 1]]);
    assert.equal(matrix.hashes.length, 11, 'each term interned once');
    assert.ok(matrix.chunks.length >= 3);
  });

  it('makes training vectors exactly as prediction weighs a text, for the documents fitted and for held-out ones', () => {
    const texts = loadWebOfScience().documents.map((d) => d.text);
    const matrix = countTerms(texts, termHashes, 5000);
    const fitted = Int32Array.from({ length: 100 }, (_, i) => 2 * i);
    const rows = TfIdfRows.fit(matrix, fitted, 2, 1);
    const lookup = buildLookup(rows.space);
    assert.ok(rows.space.buckets.length > 1000);
    for (const doc of [0, 2, 198, 1, 3, 199]) {
      const expected = weighTerms(hashedTermCounts(texts[doc] ?? '', termHashes), rows.space, lookup);
      const made = rows.vectorOf(doc);
      assert.deepEqual(Array.from(made.indices), Array.from(expected.indices), `document ${doc}`);
      assert.deepEqual(Array.from(made.values), Array.from(expected.values), `document ${doc}`);
    }
    assert.deepEqual(Array.from(rows.row(1).indices), Array.from(rows.vectorOf(2).indices));
  });
});

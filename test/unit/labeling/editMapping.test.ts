import assert from 'node:assert/strict';
import type { TextEdit } from '../../../src/core/labeling/editMapping';
import {
  applyEditsToDocument,
  mapRegion,
  mapSpansThroughEdit,
  mapSpansThroughEdits,
} from '../../../src/core/labeling/editMapping';
import type { EntityAssets } from '../../../src/core/labeling/model';
import { entityProject, value } from './fixtures';

interface S {
  category: string;
  offset: number;
  length: number;
}

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insertedText + text.slice(edit.offset + edit.removedLength);
}
function spanAt(text: string, word: string, category = 'X', nth = 0): S {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `${word} in text`);
  return { category, offset: at, length: word.length };
}
const show = (text: string, spans: readonly S[]): string[] =>
  spans.map((s) => text.slice(s.offset, s.offset + s.length));

describe('labeling: edits keep labels on their text', () => {
  const TEXT = 'Paris\r\nis\tnear 😀 Lyon, Zoë and Nîmes.\r\n👩‍👩‍👧 Marseille';
  const WORDS = ['Paris', 'near', 'Lyon', 'Zoë', 'Nîmes', 'Marseille'];
  const spans = WORDS.map((w) => spanAt(TEXT, w));

  it('moves spans after an edit and keeps spans before it, with CRLF, tabs, emoji and combining marks', () => {
    const edits: TextEdit[] = [
      { offset: TEXT.indexOf('\r\n') + 2, removedLength: 0, insertedText: '🇫🇷 ' }, // astral flag: 4 code units
      { offset: TEXT.indexOf('\t'), removedLength: 1, insertedText: '\t\t' },
      { offset: TEXT.indexOf('😀'), removedLength: 2, insertedText: '' }, // delete a surrogate pair
      { offset: TEXT.indexOf('👩'), removedLength: 0, insertedText: 'e\u0301 ' }, // e + combining acute
      { offset: TEXT.indexOf(' and'), removedLength: 0, insertedText: '\r\n' },
    ];
    for (const edit of edits) {
      const mapped = mapSpansThroughEdit(spans, edit, TEXT);
      assert.deepEqual(mapped.review, [], JSON.stringify(edit));
      assert.deepEqual(show(apply(TEXT, edit), mapped.spans), WORDS, JSON.stringify(edit));
    }
  });

  it('inserting right before or right after a span leaves its text alone', () => {
    const lyon = spanAt(TEXT, 'Lyon');
    for (const edit of [
      { offset: lyon.offset, removedLength: 0, insertedText: 'Grand ' },
      { offset: lyon.offset + lyon.length, removedLength: 0, insertedText: ' Part-Dieu' },
      { offset: lyon.offset - 3, removedLength: 3, insertedText: '' }, // deletion ending at its start
    ]) {
      const mapped = mapSpansThroughEdit([lyon], edit, TEXT);
      assert.deepEqual(show(apply(TEXT, edit), mapped.spans), ['Lyon']);
    }
  });

  it('flags a span the edit touches instead of shifting it onto other text', () => {
    const nimes = spanAt(TEXT, 'Nîmes');
    const cases: [TextEdit, RegExp][] = [
      [{ offset: nimes.offset + 2, removedLength: 0, insertedText: 'x' }, /changed text inside/],
      [{ offset: nimes.offset - 2, removedLength: 4, insertedText: '' }, /changed text inside/],
      [{ offset: nimes.offset + 4, removedLength: 5, insertedText: 'S' }, /changed text inside/],
      [{ offset: nimes.offset + nimes.length, removedLength: 0, insertedText: '\u0301' }, /combining character/],
      [{ offset: nimes.offset - 1, removedLength: 1, insertedText: '\u200d' }, /joined the start/],
    ];
    for (const [edit, why] of cases) {
      const mapped = mapSpansThroughEdit(spans, edit, TEXT);
      assert.equal(mapped.review.length, 1, JSON.stringify(edit));
      assert.deepEqual(mapped.review[0]!.span, nimes, 'reported as it was before the edit');
      assert.match(mapped.review[0]!.reason, why);
      const kept = WORDS.filter((w) => w !== 'Nîmes');
      assert.deepEqual(show(apply(TEXT, edit), mapped.spans), kept);
    }
  });

  it('catches deleting the character between a span and a combining mark when it knows the text', () => {
    const text = 'Zoe x\u0301 end';
    const zoe = spanAt(text, 'Zoe');
    const edit = { offset: 3, removedLength: 2, insertedText: '' }; // " x": the accent now follows "Zoe"
    assert.equal(mapSpansThroughEdit([zoe], edit, text).review.length, 1);
    assert.equal(mapSpansThroughEdit([zoe], { offset: 3, removedLength: 1, insertedText: '' }, text).review.length, 0);
  });

  it('maps several edits made at once, each relative to the text before them', () => {
    const edits: TextEdit[] = [
      { offset: TEXT.indexOf('Lyon') - 1, removedLength: 1, insertedText: '  ' },
      { offset: 0, removedLength: 0, insertedText: '>> ' },
      { offset: TEXT.indexOf('Marseille'), removedLength: 0, insertedText: 'Vieux-Port, ' },
    ];
    const mapped = mapSpansThroughEdits(spans, edits, TEXT);
    const after = [...edits].sort((a, b) => b.offset - a.offset).reduce(apply, TEXT);
    assert.deepEqual(show(after, mapped.spans), WORDS);
  });

  it('grows, shrinks and moves regions with the text', () => {
    const region = { regionOffset: 10, regionLength: 20, labels: [] };
    assert.deepEqual(mapRegion(region, { offset: 0, removedLength: 2, insertedText: '' }), {
      ...region,
      regionOffset: 8,
    });
    assert.deepEqual(mapRegion(region, { offset: 15, removedLength: 0, insertedText: 'abc' }), {
      ...region,
      regionLength: 23,
    });
    assert.deepEqual(mapRegion(region, { offset: 30, removedLength: 0, insertedText: 'abc' }), {
      ...region,
      regionLength: 23,
    });
    assert.deepEqual(mapRegion(region, { offset: 31, removedLength: 5, insertedText: '' }), region);
    assert.deepEqual(mapRegion(region, { offset: 5, removedLength: 10, insertedText: 'x' }), {
      ...region,
      regionOffset: 5,
      regionLength: 16,
    });
  });

  it('applies edits to a document of a project: spans follow, touched ones come back for review', () => {
    const file = entityProject([
      {
        location: 'a.txt',
        entities: [
          {
            regionOffset: 0,
            regionLength: TEXT.length,
            labels: spans.map((s, i) => ({ ...s, category: i % 2 ? 'City' : 'Person' })),
          },
        ],
      },
    ]);
    const edit = { offset: TEXT.indexOf('Zoë') + 1, removedLength: 2, insertedText: 'oe' };
    const result = value(applyEditsToDocument(file, 'a.txt', [edit], TEXT));
    const doc = (result.file.assets as EntityAssets).documents[0]!;
    const after = apply(TEXT, edit);
    assert.equal(doc.entities![0]!.regionLength, after.length);
    assert.deepEqual(
      show(after, doc.entities![0]!.labels),
      WORDS.filter((w) => w !== 'Zoë'),
    );
    assert.deepEqual(
      result.review.map((r) => r.span.offset),
      [TEXT.indexOf('Zoë')],
    );
  });

  it('rejects an edit that is not one', () => {
    assert.throws(() => mapSpansThroughEdit(spans, { offset: -1, removedLength: 0, insertedText: '' }), RangeError);
  });
});

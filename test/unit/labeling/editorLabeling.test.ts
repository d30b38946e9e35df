import assert from 'node:assert/strict';
import type { TextEdit } from '../../../src/core/labeling/editMapping';
import type { LiveLabels } from '../../../src/core/labeling/liveLabels';
import { followEdits, liveLabelsOf, mapRange, saveLiveLabels } from '../../../src/core/labeling/liveLabels';
import type { EntityAssets, EntityDocument } from '../../../src/core/labeling/model';
import { hotkey } from '../../../src/core/labeling/hotkeys';
import { snapToWords, trimRange } from '../../../src/core/labeling/wordSnap';
import { entityProject, value } from './fixtures';

const edit = (offset: number, removedLength: number, insertedText: string): TextEdit => ({
  offset,
  removedLength,
  insertedText,
});
const applyEdit = (text: string, e: TextEdit): string =>
  text.slice(0, e.offset) + e.insertedText + text.slice(e.offset + e.removedLength);
const texts = (text: string, live: LiveLabels): string[] =>
  live.spans.map((s) => text.slice(s.offset, s.offset + s.length));
const spanOf = (text: string, word: string, category: string) => ({
  category,
  offset: text.indexOf(word),
  length: word.length,
});

describe('labeling in the editor: keys, selections and unsaved edits', () => {
  it('gives the first nine types the keys 1–9, then letters, and none past the last key', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => hotkey(i)),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c'],
    );
    assert.equal(hotkey(39), undefined);
  });

  it('trims the whitespace around a selection and, when asked, widens it to whole words (emoji kept whole)', () => {
    const text = 'Paid \t😀Zoë Smith-Jones\r\n on 3 May';
    const sloppy = { start: text.indexOf('oë'), end: text.indexOf('th-') + 1 };
    assert.deepEqual(snapToWords(text, sloppy), { start: text.indexOf('Zoë'), end: text.indexOf('-') });
    const padded = { start: text.indexOf('\t'), end: text.indexOf('\r') + 2 };
    const trimmed = trimRange(text, padded);
    assert.equal(text.slice(trimmed.start, trimmed.end), '😀Zoë Smith-Jones');
    const blank = { start: text.indexOf('\r'), end: text.indexOf('\r') + 3 };
    assert.deepEqual(trimRange(text, blank), blank, 'an all-whitespace selection is left for spanProblem to refuse');
    const gap = { start: text.indexOf(' on'), end: text.indexOf(' on') + 1 };
    assert.deepEqual(snapToWords(text, gap), gap, 'not widened to the words either side');
    const wordAfterEmoji = snapToWords('x😀ab y', { start: 4, end: 5 });
    assert.deepEqual(wordAfterEmoji, { start: 3, end: 5 }, 'the emoji is not a word character: not taken in');
  });

  it('moves spans after an unsaved edit and flags the one it touches, with the text it had (CRLF, tab, emoji)', () => {
    let text = 'Lender:\tContoso 😀 Bank\r\nBorrower: Zoë Li\r\n';
    const live0: LiveLabels = {
      spans: [spanOf(text, 'Contoso 😀 Bank', 'Lender'), spanOf(text, 'Zoë Li', 'Borrower')],
      flags: [],
    };
    const insert = edit(0, 0, '🎉\r\n');
    const live1 = followEdits(live0, [insert], text);
    text = applyEdit(text, insert);
    assert.deepEqual(texts(text, live1), ['Contoso 😀 Bank', 'Zoë Li']);
    const inside = edit(text.indexOf('😀'), 2, 'and');
    const live2 = followEdits(live1, [inside], text);
    text = applyEdit(text, inside);
    assert.deepEqual(texts(text, live2), ['Zoë Li'], 'the edited span is not moved onto other text');
    assert.equal(live2.flags.length, 1);
    const [flag] = live2.flags;
    assert.ok(flag);
    assert.equal(flag.text, 'Contoso 😀 Bank');
    assert.equal(flag.category, 'Lender');
    assert.equal(text.slice(flag.offset, flag.offset + flag.length), 'Contoso and Bank');
    assert.match(flag.reason, /inside the span/);
    // Later edits move the flag with its text.
    const third = followEdits(live2, [edit(0, 2, '')], text);
    assert.equal(third.flags[0]?.offset, flag.offset - 2);
  });

  it('maps a range through an edit inside it (it grows) and one before it (it moves)', () => {
    assert.deepEqual(mapRange({ offset: 10, length: 5 }, edit(12, 1, 'abc')), { offset: 10, length: 7 });
    assert.deepEqual(mapRange({ offset: 10, length: 5 }, edit(0, 3, '')), { offset: 7, length: 5 });
  });

  it('writes the followed spans on save: moved spans stay, flagged ones leave, regions follow', () => {
    const text = 'Ann met Bob in Oslo.';
    const file = entityProject([
      {
        location: 'a.txt',
        entities: [
          {
            regionOffset: 0,
            regionLength: text.length,
            labels: [spanOf(text, 'Ann', 'Person'), spanOf(text, 'Bob', 'Person'), spanOf(text, 'Oslo', 'City')],
          },
        ],
      },
    ]);
    const doc = (file.assets as EntityAssets).documents[0] as EntityDocument;
    const batches = [[edit(0, 0, 'Yes, ')], [edit(14, 1, 'ee')]]; // "Yes, Ann met Bob…" then Bob → Beeb
    const live = liveLabelsOf(doc, batches, []);
    let after = text;
    for (const [e] of batches) if (e) after = applyEdit(after, e);
    assert.equal(after, 'Yes, Ann met Beeb in Oslo.');
    assert.deepEqual(texts(after, live), ['Ann', 'Oslo']);
    assert.equal(live.flags.length, 1);
    const saved = value(saveLiveLabels(file, 'a.txt', batches, live.spans));
    const region = (saved.assets as EntityAssets).documents[0]?.entities?.[0];
    assert.ok(region);
    assert.deepEqual(region.labels, live.spans);
    assert.deepEqual([region.regionOffset, region.regionLength], [0, after.length]);
  });
});

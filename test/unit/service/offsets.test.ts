import assert from 'node:assert/strict';
import { countTextElements } from '../../../src/contract/textElements';
import { createSpanConverter, graphemeStarts } from '../../../src/service/offsets';

describe('service offsets', () => {
  const text = 'Hi 👍🏽 café\r\nJoe'; // emoji with skin tone (4 code units, 2 code points), e + combining accent? no: precomposed é
  it('keeps UTF-16 offsets as they are', () => {
    const convert = createSpanConverter(text, 'Utf16CodeUnit');
    assert.deepEqual(convert({ offset: 13, length: 3 }), { offset: 13, length: 3 });
  });

  it('converts to code points and to graphemes after an emoji and a CRLF', () => {
    const joe = text.indexOf('Joe');
    assert.equal(text.slice(joe, joe + 3), 'Joe');
    // Code points: the emoji pair counts 2 instead of 4.
    assert.deepEqual(createSpanConverter(text, 'UnicodeCodePoint')({ offset: joe, length: 3 }), {
      offset: joe - 2,
      length: 3,
    });
    // Graphemes: the emoji with its modifier is 1, and CRLF is 1.
    assert.deepEqual(createSpanConverter(text, 'TextElements_v8')({ offset: joe, length: 3 }), {
      offset: joe - 4,
      length: 3,
    });
  });

  it('widens a span that ends inside a grapheme to cover it', () => {
    const s = 'ae\u0301b'; // e + combining acute: one grapheme of two code units
    assert.deepEqual(createSpanConverter(s, 'TextElements_v8')({ offset: 1, length: 1 }), { offset: 1, length: 1 });
    assert.deepEqual(createSpanConverter(s, 'TextElements_v8')({ offset: 0, length: 4 }), { offset: 0, length: 3 });
  });

  it('counts text elements quickly for long texts, with the same answer as one segmentation', () => {
    const long = 'word 👍🏽 e\u0301 '.repeat(20_000);
    const started = Date.now();
    const count = countTextElements(long);
    assert.ok(Date.now() - started < 5000);
    assert.equal(count, 20_000 * 9);
    assert.equal(countTextElements('a\r\nb'), 3);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const sample = long.slice(0, 3000);
    assert.deepEqual(
      graphemeStarts(sample),
      [...segmenter.segment(sample)].map((s) => s.index),
    );
  });
});

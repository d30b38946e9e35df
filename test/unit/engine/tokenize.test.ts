import assert from 'node:assert/strict';
import { tokenize } from '../../../src/service/engine/tokenize';

function words(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

describe('engine tokenize', () => {
  it('splits words and punctuation with UTF-16 offsets that slice back to the token', () => {
    const text = 'Hello, wörld! Loan of $623,463.00 (5%).';
    const tokens = tokenize(text);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['Hello', ',', 'wörld', '!', 'Loan', 'of', '$', '623', ',', '463', '.', '00', '(', '5', '%', ')', '.'],
    );
    for (const t of tokens) assert.equal(text.slice(t.offset, t.offset + t.length), t.text);
    assert.deepEqual(
      tokens.filter((t) => t.isWord).map((t) => t.text),
      ['Hello', 'wörld', 'Loan', 'of', '623', '463', '00', '5'],
    );
  });

  it('handles non-Latin scripts, including ones written without spaces', () => {
    assert.deepEqual(words('Привет мир'), ['Привет', 'мир']);
    assert.deepEqual(words('مرحبا بالعالم'), ['مرحبا', 'بالعالم']);
    const japanese = tokenize('東京都に住んでいます。');
    assert.ok(japanese.filter((t) => t.isWord).length >= 3, 'Japanese is split into several words');
    assert.equal(japanese.map((t) => t.text).join(''), '東京都に住んでいます。');
    assert.ok(words('ภาษาไทยง่ายนิดเดียว').length >= 3, 'Thai is split into several words');
  });

  it('keeps combining marks inside words', () => {
    assert.deepEqual(words('e\u0301te\u0301 café'), ['e\u0301te\u0301', 'café']);
  });

  it('keeps emoji sequences whole and counts offsets in UTF-16 code units', () => {
    const text = 'ok 👍🏽 👨‍👩‍👧 🇫🇷 end';
    const tokens = tokenize(text);
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['ok', '👍🏽', '👨‍👩‍👧', '🇫🇷', 'end'],
    );
    const end = tokens.at(-1);
    assert.equal(end?.offset, text.length - 3);
    assert.equal(tokens[1]?.length, 4);
  });

  it('treats CRLF as space and keeps offsets counting both characters', () => {
    const text = 'Date 6/29/2018\r\n\r\nParker McLean';
    const parker = tokenize(text).find((t) => t.text === 'Parker');
    assert.equal(parker?.offset, 18);
  });

  it('returns nothing for empty or blank text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \r\n\t '), []);
  });
});

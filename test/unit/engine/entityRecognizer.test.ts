import assert from 'node:assert/strict';
import type { RegionText } from '../../../src/service/engine/entityRecognizer';
import {
  decodeEntities,
  deserializeEntityRecognizer,
  goldTags,
  recognizeEntities,
  serializeEntityRecognizer,
  trainEntityRecognizer,
} from '../../../src/service/engine/entityRecognizer';
import { tokenSequence } from '../../../src/service/engine/tokenFeatures';
import { loadLoanAgreements } from './sampleData';

describe('engine entity recognizer', () => {
  const loans = loadLoanAgreements();
  const regions: RegionText[] = loans.documents.flatMap((d) =>
    (d.regions ?? []).map((region) => ({ text: d.text, region })),
  );
  const training = regions.slice(0, 12);
  const model = trainEntityRecognizer(training, loans.categories, 5);

  it('tags tokens with BIO from labels and decodes them back to the same spans (CRLF offsets)', () => {
    const first = regions[0];
    assert.ok(first !== undefined);
    assert.ok(first.text.includes('\r\n'), 'the sample keeps CRLF line ends');
    const tokens = tokenSequence(first.text);
    const tags = goldTags(tokens, first.region.labels, loans.categories);
    const decoded = decodeEntities(tokens, tags, new Float64Array(tags.length).fill(1), loans.categories);
    const key = (e: { category: string; offset: number; length: number }): string =>
      `${e.category}@${e.offset}+${e.length}`;
    assert.deepEqual(decoded.map(key).sort(), first.region.labels.map(key).sort());
  });

  it('finds entities in unseen agreements with valid, non-overlapping spans and confidences', () => {
    let exact = 0;
    let expected = 0;
    for (const { text, region } of regions.slice(15)) {
      const found = recognizeEntities(model, text);
      let lastEnd = 0;
      for (const e of found) {
        assert.ok(loans.categories.includes(e.category));
        assert.ok(e.offset >= lastEnd, 'sorted and not overlapping');
        assert.ok(e.length > 0 && e.offset + e.length <= text.length, 'inside the text');
        assert.ok(e.confidenceScore >= 0 && e.confidenceScore <= 1);
        lastEnd = e.offset + e.length;
      }
      const keys = new Set(found.map((e) => `${e.category}@${e.offset}+${e.length}`));
      expected += region.labels.length;
      exact += region.labels.filter((l) => keys.has(`${l.category}@${l.offset}+${l.length}`)).length;
    }
    assert.ok(exact / expected > 0.75, `exact-span recall ${exact / expected}`);
  });

  it('learns only from the labeled regions', () => {
    const text = 'Paid by Alice Smith today.\nPaid by Bob Jones today.\n';
    const second = text.indexOf('Paid by Bob');
    // The first line is outside the region: "Alice Smith" would be a missed label if it were read.
    const region = {
      regionOffset: second,
      regionLength: text.length - second,
      labels: [{ category: 'Payer', offset: second + 8, length: 9 }],
    };
    const m = trainEntityRecognizer([{ text, region }], ['Payer'], 1);
    const tokens = tokenSequence(text, region.regionOffset, region.regionOffset + region.regionLength);
    assert.equal(tokens.starts[0], second, 'tokens start at the region');
    const found = recognizeEntities(m, text, second, text.length);
    assert.deepEqual(
      found.map((e) => text.slice(e.offset, e.offset + e.length)),
      ['Bob Jones'],
    );
  });

  it('handles non-English text and emoji with UTF-16 offsets', () => {
    const names = ['Jürgen Müller', 'Zoë Ærø', 'Łukasz Wójcik', 'Søren Østergård', 'Ingrid Öberg'];
    const training = names.map((name) => {
      const text = `🙂 Zahlung von ${name} 👍🏽 erhalten.\r\nDanke.`;
      const offset = text.indexOf(name);
      return {
        text,
        region: {
          regionOffset: 0,
          regionLength: text.length,
          labels: [{ category: 'Name', offset, length: name.length }],
        },
      };
    });
    const m = trainEntityRecognizer(training, ['Name'], 1);
    const text = '👨‍👩‍👧 Zahlung von Ağca Çelik 👍🏽 erhalten.';
    const found = recognizeEntities(m, text);
    assert.deepEqual(
      found.map((e) => [text.slice(e.offset, e.offset + e.length), e.offset]),
      [['Ağca Çelik', text.indexOf('Ağca')]],
    );
  });

  it('is deterministic for a seed and round-trips through JSON', () => {
    const again = trainEntityRecognizer(training, loans.categories, 5);
    const data = serializeEntityRecognizer(model);
    assert.deepEqual(serializeEntityRecognizer(again), data);
    const restored = deserializeEntityRecognizer(JSON.parse(JSON.stringify(data)), 'characters');
    const text = regions[19]?.text ?? '';
    assert.deepEqual(recognizeEntities(restored, text), recognizeEntities(model, text));
    assert.throws(() => deserializeEntityRecognizer({ ...data, transition: '' }, 'characters'), /do not match/);
  });

  it('returns no entities for empty text', () => {
    assert.deepEqual(recognizeEntities(model, ''), []);
  });
});

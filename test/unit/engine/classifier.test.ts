import assert from 'node:assert/strict';
import { charNgramHashes } from '../../../src/service/engine/charNgrams';
import { termHashes } from '../../../src/service/engine/termHashes';
import { loadModel, serializeModel } from '../../../src/service/engine/trainer';
import {
  classProbabilities,
  decideClasses,
  deserializeTextClassifier,
  serializeTextClassifier,
  trainTextClassifier,
} from '../../../src/service/engine/textClassifier';
import type { LabeledText } from '../../../src/service/engine/textClassifier';
import { loadMovieSummaries, loadWebOfScience } from './sampleData';

function hashes(text: string): number[] {
  return Array.from(termHashes(text));
}

function asLabeled(documents: { text: string; classes?: string[] }[], categories: string[]): LabeledText[] {
  return documents.map((d) => ({ text: d.text, labels: (d.classes ?? []).map((c) => categories.indexOf(c)) }));
}

describe('engine text classifier', () => {
  const wos = loadWebOfScience();
  const wosTraining = asLabeled(wos.documents.slice(0, 150), wos.categories);
  const wosTesting = wos.documents.slice(150);

  it('hashes the same words the same way whatever path the text takes (case folded)', () => {
    // The emoji sends the second text through the general tokenizer.
    const plain = hashes('Neural Networks, learning');
    const withEmoji = hashes('neural networks , LEARNING 🙂');
    assert.deepEqual(withEmoji.slice(0, plain.length), plain);
    assert.equal(withEmoji.length, plain.length + 1);
  });

  it('gives single-label probabilities in [0, 1] that sum to 1, and learns the topics', () => {
    const model = trainTextClassifier(wosTraining, wos.categories, false, 1);
    let correct = 0;
    for (const d of wosTesting) {
      const p = classProbabilities(model, d.text);
      assert.equal(p.length, wos.categories.length);
      for (const v of p) assert.ok(v >= 0 && v <= 1);
      assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      const chosen = decideClasses(model, p);
      assert.equal(chosen.length, 1);
      if (wos.categories[chosen[0] ?? -1] === d.classes?.[0]) correct++;
    }
    // Seven balanced classes: chance is 1/7.
    assert.ok(correct / wosTesting.length > 0.6, `accuracy ${correct / wosTesting.length}`);
  });

  it('is deterministic for a seed and survives serialization unchanged', () => {
    const a = trainTextClassifier(wosTraining, wos.categories, false, 42);
    const b = trainTextClassifier(wosTraining, wos.categories, false, 42);
    const sa = serializeTextClassifier(a);
    assert.deepEqual(serializeTextClassifier(b), sa);
    const c = trainTextClassifier(wosTraining, wos.categories, false, 43);
    assert.notEqual(serializeTextClassifier(c).weights, sa.weights);
    const restored = deserializeTextClassifier(JSON.parse(JSON.stringify(sa)), 'wordsAndChars');
    const text = wosTesting[0]?.text ?? '';
    assert.deepEqual(classProbabilities(restored, text), classProbabilities(a, text));
  });

  it('gives multi-label probabilities per class in [0, 1] and predicts classes above their threshold', () => {
    const movies = loadMovieSummaries();
    const model = trainTextClassifier(
      asLabeled(movies.documents.slice(0, 160), movies.categories),
      movies.categories,
      true,
      3,
    );
    let sawSeveral = false;
    for (const d of movies.documents.slice(160)) {
      const p = classProbabilities(model, d.text);
      for (const v of p) assert.ok(v >= 0 && v <= 1);
      const chosen = decideClasses(model, p);
      assert.ok(chosen.length >= 1, 'every training document had a class, so at least one is predicted');
      for (const k of chosen.slice(1)) assert.ok((p[k] ?? 0) >= (model.thresholds[k] ?? 1));
      if (chosen.length > 1) sawSeveral = true;
    }
    assert.ok(sawSeveral, 'some summaries get several genres');
  });

  it('works on tiny and non-English training sets', () => {
    const docs: LabeledText[] = [
      { text: 'Der Hund bellt laut im Garten', labels: [0] },
      { text: 'Die Katze schläft auf dem Sofa', labels: [1] },
      { text: 'Ein Hund läuft über die Wiese', labels: [0] },
      { text: 'Eine Katze jagt die Maus', labels: [1] },
    ];
    const model = trainTextClassifier(docs, ['Hund', 'Katze'], false, 1);
    assert.deepEqual(decideClasses(model, classProbabilities(model, 'Der Hund spielt')), [0]);
    assert.deepEqual(decideClasses(model, classProbabilities(model, 'Die Katze spielt')), [1]);
  });

  it('rejects damaged model data with a readable error', () => {
    assert.throws(
      () => deserializeTextClassifier({ classes: 'nope' }, 'wordsAndChars'),
      /damaged or from another version/,
    );
    const model = serializeTextClassifier(trainTextClassifier(wosTraining.slice(0, 20), wos.categories, false, 1));
    assert.throws(() => deserializeTextClassifier({ ...model, bias: [1] }, 'wordsAndChars'), /do not match/);
  });

  it('adds char n-grams within words: 3 and 4 units of the space-padded word, case-folded, all odd hashes', () => {
    // " ab " gives " ab", "ab " and " ab ".
    const ab = Array.from(charNgramHashes('ab'));
    assert.equal(ab.length, 3);
    assert.ok(ab.every((h) => (h & 1) === 1));
    assert.deepEqual(Array.from(charNgramHashes('AB')), ab);
    assert.deepEqual(Array.from(charNgramHashes(' ab \n\t ab')), [...ab, ...ab]);
    assert.equal(charNgramHashes('a').length, 1, '" a " is one 3-gram');
    assert.equal(charNgramHashes('   ').length, 0);
  });

  it('saves as tfidf-linear-v3; a words-only model saved by the previous version (v2) still loads and predicts', () => {
    const text = wosTesting[0]?.text ?? '';
    for (const [features, format] of [
      ['wordsAndChars', 'tfidf-linear-v3'],
      ['words', 'tfidf-linear-v2'],
    ] as const) {
      const classifier = trainTextClassifier(wosTraining, wos.categories, false, 7, features);
      const saved = JSON.parse(
        JSON.stringify(serializeModel({ kind: 'CustomSingleLabelClassification', classifier })),
      ) as ReturnType<typeof serializeModel>;
      assert.equal(saved.format, format);
      const loaded = loadModel(saved);
      assert.ok(loaded.kind !== 'CustomEntityRecognition');
      assert.deepEqual(classProbabilities(loaded.classifier, text), classProbabilities(classifier, text));
    }
    const model = serializeModel({
      kind: 'CustomSingleLabelClassification',
      classifier: trainTextClassifier(wosTraining.slice(0, 20), wos.categories, false, 1),
    });
    assert.throws(() => loadModel({ ...model, format: 'tfidf-linear-v9' }), /Unsupported .* train the model again/);
  });

  it('calibrates single-label confidence: on held-out documents the mean top confidence is near the accuracy', () => {
    const model = trainTextClassifier(wosTraining, wos.categories, false, 5);
    assert.ok(model.temperature < 1, `scores sharpened (temperature ${model.temperature})`);
    let confidence = 0;
    let correct = 0;
    for (const d of wosTesting) {
      const p = classProbabilities(model, d.text);
      const [top] = decideClasses(model, p);
      confidence += p[top ?? 0] ?? 0;
      if (wos.categories[top ?? -1] === d.classes?.[0]) correct++;
    }
    const gap = Math.abs(confidence - correct) / wosTesting.length;
    assert.ok(
      gap < 0.1,
      `mean confidence ${confidence / wosTesting.length} vs accuracy ${correct / wosTesting.length}`,
    );
    const uncalibrated = { ...model, temperature: 1 };
    let flat = 0;
    for (const d of wosTesting) flat += Math.max(...classProbabilities(uncalibrated, d.text));
    assert.ok(Math.abs(flat - correct) / wosTesting.length > gap, 'the temperature narrowed the gap');
  });
});

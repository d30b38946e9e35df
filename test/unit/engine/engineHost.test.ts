import assert from 'node:assert/strict';
import { createEngine } from '../../../src/service/engine/engineHost';
import { TEXT_CLASSIFIER_FORMAT } from '../../../src/service/engine/textClassifier';
import type { Engine, TrainProgress, TrainRequest } from '../../../src/service/engine/types';
import { loadLoanAgreements, loadWebOfScience } from './sampleData';

describe('engine host (worker threads)', () => {
  let engine: Engine;
  const wos = loadWebOfScience();
  const request: TrainRequest = {
    kind: wos.kind,
    categories: wos.categories,
    documents: wos.documents.slice(0, 60),
    evaluation: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
    seed: 11,
  };

  beforeEach(() => {
    engine = createEngine();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('trains in a worker, reports progress, and predicts with the trained model', async () => {
    const progress: TrainProgress[] = [];
    const result = await engine.train(request, { onProgress: (p) => progress.push(p) });
    assert.equal(result.trainingDocumentCount, 48);
    assert.equal(result.testingDocumentCount, 12);
    assert.equal(result.documentEvaluations.length, 12);
    assert.ok(progress.length >= 2);
    assert.deepEqual(progress.at(-1), { trainingPercent: 100, evaluationPercent: 100 });
    for (const p of progress) assert.ok(p.trainingPercent >= 0 && p.trainingPercent <= 100);

    const texts = wos.documents.slice(100, 104).map((d) => d.text);
    const predictions = await engine.predict(result.model, texts, { cacheKey: 'wos' });
    assert.equal(predictions.length, 4);
    for (const p of predictions) {
      if (p.kind !== 'classes') assert.fail(`expected classes, got ${p.kind}`);
      assert.equal(p.classes.length, 1);
      assert.ok(wos.categories.includes(p.classes[0]?.category ?? ''));
    }
    // Cached and uncached models answer the same.
    assert.deepEqual(await engine.predict(result.model, texts, { cacheKey: 'wos' }), predictions);
    assert.deepEqual(await engine.predict(result.model, texts), predictions);
  });

  it('is deterministic across workers for the same seed', async () => {
    const [a, b] = await Promise.all([engine.train(request), engine.train(request)]);
    assert.deepEqual(a.model, b.model);
    assert.deepEqual(a.evaluationSummary, b.evaluationSummary);
  });

  it('predicts entities with offsets inside the text', async () => {
    const loans = loadLoanAgreements();
    const result = await engine
      .train({
        kind: loans.kind,
        categories: loans.categories,
        documents: loans.documents.slice(0, 6),
        evaluation: { kind: 'manual' },
        seed: 2,
      })
      .catch((e: unknown) => e);
    // Manual split without Test documents is refused with an actionable message.
    assert.ok(result instanceof Error);
    assert.match(result.message, /testing set has 0 labeled documents/);

    const trained = await engine.train({
      kind: loans.kind,
      categories: loans.categories,
      documents: loans.documents.slice(0, 6).map((d, i) => ({ ...d, dataset: i < 4 ? 'Train' : 'Test' })),
      evaluation: { kind: 'manual' },
      seed: 2,
    });
    const text = loans.documents[10]?.text ?? '';
    const [prediction] = await engine.predict(trained.model, [text]);
    if (prediction?.kind !== 'entities') assert.fail('expected an entity prediction');
    assert.ok(prediction.entities.length > 0);
    for (const e of prediction.entities) {
      assert.equal(text.slice(e.offset, e.offset + e.length), e.text);
      assert.ok(e.confidenceScore >= 0 && e.confidenceScore <= 1);
    }
  });

  it('aborts training by terminating the worker, with an AbortError', async () => {
    const controller = new AbortController();
    const loans = loadLoanAgreements();
    const pending = engine.train(
      {
        kind: loans.kind,
        categories: loans.categories,
        documents: loans.documents,
        evaluation: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
        seed: 3,
      },
      { signal: controller.signal },
    );
    setTimeout(() => {
      controller.abort();
    }, 50);
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    const already = new AbortController();
    already.abort();
    await assert.rejects(engine.train(request, { signal: already.signal }), { name: 'AbortError' });
    await assert.rejects(
      engine.predict({ kind: request.kind, format: 'x', data: {} }, ['a'], { signal: already.signal }),
      {
        name: 'AbortError',
      },
    );
  });

  it('turns errors in the worker into rejected promises with readable messages', async () => {
    await assert.rejects(
      engine.train({
        ...request,
        evaluation: { kind: 'percentage', trainingSplitPercentage: 90, testingSplitPercentage: 20 },
      }),
      /add up to 100/,
    );
    await assert.rejects(
      engine.train({ ...request, documents: 'not a list' } as unknown as TrainRequest),
      /Training failed: the request is malformed/,
    );
    await assert.rejects(
      engine.predict(
        { kind: 'CustomSingleLabelClassification', format: TEXT_CLASSIFIER_FORMAT, data: { classes: 3 } },
        ['text'],
      ),
      /damaged or from another version/,
    );
    await assert.rejects(
      engine.predict({ kind: 'CustomSingleLabelClassification', format: 'future-format', data: {} }, ['text']),
      /Unsupported classification model format/,
    );
    // The pool keeps serving after a failed request.
    const result = await engine.train(request);
    assert.equal((await engine.predict(result.model, ['neural networks'])).length, 1);
  });

  it('rejects new work once closed', async () => {
    await engine.close();
    await assert.rejects(engine.train(request), /engine is closed/);
    await assert.rejects(engine.predict({ kind: request.kind, format: 'x', data: {} }, ['a']), /engine is closed/);
  });
});

// Classes and entity types named like Object.prototype's members train and evaluate like any other name: each has
// its per-class scores and its confusion-matrix row, as own keys of the JSON the service answers.
import assert from 'node:assert/strict';
import { createEngine } from '../../../src/service/engine/engineHost';
import type { LocalService } from '../../../src/service/server';
import { makeTempDirs, startTestService, writeContainer } from './fixtures';
import type { TempDirs } from './fixtures';
import { call, operationLocation, waitForJob } from './http';

const NAMES: readonly string[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const WORDS = ['harbor ship anchor', 'violin concert melody', 'garden tulip soil', 'engine piston gear'];
const V = 'api-version=2023-04-01';
type Kind = 'CustomSingleLabelClassification' | 'CustomMultiLabelClassification' | 'CustomEntityRecognition';

/** Three training and two test documents for each name; an entity document labels its one word of the type. */
function project(kind: Kind, projectName: string): { labels: Record<string, unknown>; docs: Record<string, string> } {
  const docs: Record<string, string> = {};
  const documents: Record<string, unknown>[] = [];
  NAMES.forEach((name, n) => {
    const words = (WORDS[n] ?? '').split(' ');
    for (let i = 0; i < 5; i++) {
      const location = `${n}-${i}.txt`;
      const word = words[i % words.length] ?? '';
      const text = `We talked about the ${word} and the ${words.join(' ')} today.`;
      docs[location] = text;
      const doc: Record<string, unknown> = { location, language: 'en', dataset: i < 3 ? 'Train' : 'Test' };
      if (kind === 'CustomSingleLabelClassification') doc.class = { category: name };
      if (kind === 'CustomMultiLabelClassification') doc.classes = [{ category: name }];
      if (kind === 'CustomEntityRecognition') {
        const offset = text.indexOf(word);
        doc.entities = [
          {
            regionOffset: 0,
            regionLength: text.length,
            labels: [{ category: name, offset, length: word.length }],
          },
        ];
      }
      documents.push(doc);
    }
  });
  const categories = NAMES.map((category) => ({ category }));
  const assets =
    kind === 'CustomEntityRecognition'
      ? { projectKind: kind, entities: categories, documents }
      : { projectKind: kind, classes: categories, documents };
  return {
    docs,
    labels: {
      projectFileVersion: '2022-05-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: { projectName, projectKind: kind, storageInputContainerName: projectName, language: 'en' },
      assets,
    },
  };
}

describe('service: classes and entity types named like prototype members', function () {
  this.timeout(60_000);
  let dirs: TempDirs;
  let service: LocalService;
  before(async () => {
    dirs = await makeTempDirs();
    service = await startTestService(dirs, { engine: createEngine({ workers: 1 }) });
  });
  after(async () => {
    await service.close();
    await dirs.cleanup();
  });

  async function trainAndEvaluate(kind: Kind, name: string): Promise<Record<string, unknown>> {
    const { labels, docs } = project(kind, name);
    await writeContainer(dirs.containersDir, name, docs);
    const A = `${service.endpoint}/language/authoring/analyze-text/projects/${name}`;
    const key = service.key;
    const imported = await waitForJob(
      operationLocation(await call('POST', `${A}/:import?${V}`, { key, body: labels })),
      key,
    );
    assert.equal(imported.status, 'succeeded', JSON.stringify(imported.errors));
    const body = { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } };
    const trained = await waitForJob(operationLocation(await call('POST', `${A}/:train?${V}`, { key, body })), key);
    assert.equal(trained.status, 'succeeded', JSON.stringify(trained.errors));
    const summary = await call('GET', `${A}/models/m1/evaluation/summary-result?${V}`, { key });
    assert.equal(summary.status, 200, summary.text);
    // JSON.parse makes "__proto__" an own key, as any client's parser would read it.
    return JSON.parse(summary.text) as Record<string, unknown>;
  }

  function assertOwnKeys(value: unknown, what: string, extra: readonly string[] = []): Record<string, unknown> {
    assert.ok(typeof value === 'object' && value !== null, `${what} is missing`);
    const record = value as Record<string, unknown>;
    assert.deepEqual(Object.keys(record).sort(), [...NAMES, ...extra].sort(), what);
    return record;
  }

  it('single-label: each name has its scores and its confusion-matrix row', async () => {
    const summary = await trainAndEvaluate('CustomSingleLabelClassification', 'Single');
    const evaluation = summary.customSingleLabelClassificationEvaluation as Record<string, unknown>;
    const classes = assertOwnKeys(evaluation.classes, 'classes');
    for (const name of NAMES) {
      const counts = classes[name] as { truePositiveCount: number; falseNegativeCount: number };
      assert.equal(counts.truePositiveCount + counts.falseNegativeCount, 2, name);
    }
    const matrix = evaluation.confusionMatrix as Record<string, unknown>;
    for (const name of NAMES) assert.ok(Object.hasOwn(matrix, name), `no confusion-matrix row for ${name}`);
  });

  it('multi-label: each name has its scores', async () => {
    const summary = await trainAndEvaluate('CustomMultiLabelClassification', 'Multi');
    const evaluation = summary.customMultiLabelClassificationEvaluation as Record<string, unknown>;
    const classes = assertOwnKeys(evaluation.classes, 'classes');
    for (const name of NAMES) {
      const counts = classes[name] as { truePositiveCount: number; falseNegativeCount: number };
      assert.equal(counts.truePositiveCount + counts.falseNegativeCount, 2, name);
    }
  });

  it('entities: each type has its scores and its confusion-matrix row', async () => {
    const summary = await trainAndEvaluate('CustomEntityRecognition', 'Entities');
    const evaluation = summary.customEntityRecognitionEvaluation as Record<string, unknown>;
    const entities = assertOwnKeys(evaluation.entities, 'entities');
    for (const name of NAMES) {
      const counts = entities[name] as { truePositiveCount: number; falseNegativeCount: number };
      assert.equal(counts.truePositiveCount + counts.falseNegativeCount, 2, name);
    }
    const matrix = evaluation.confusionMatrix as Record<string, unknown>;
    for (const name of NAMES) assert.ok(Object.hasOwn(matrix, name), `no confusion-matrix row for ${name}`);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../src/api/errors';
import type { ExportedProject } from '../../src/contract/labels';
import { DATASETS, SAMPLE_DATA, clientFor, labelsFor, startService } from './serviceFixture';
import type { DatasetName, RunningService } from './serviceFixture';

interface Case {
  dataset: DatasetName;
  project: string;
  kind: string;
  documents: number;
}

const CASES: Case[] = [
  { dataset: 'science', project: 'Science', kind: 'CustomSingleLabelClassification', documents: 35 },
  { dataset: 'movies', project: 'Movies', kind: 'CustomMultiLabelClassification', documents: 30 },
  { dataset: 'loans', project: 'Loans', kind: 'CustomEntityRecognition', documents: 20 },
];

function text(dataset: DatasetName, location: string): string {
  return readFileSync(path.join(SAMPLE_DATA, DATASETS[dataset].folder, location), 'utf8');
}

describe('contract: local service round trips with the real engine and the API client', function () {
  this.timeout(60_000);
  let running: RunningService;
  before(async () => {
    running = await startService();
  });
  after(async () => {
    await running.stop();
  });

  for (const c of CASES) {
    it(`${c.kind}: import → train → evaluate → deploy → analyze → export`, async () => {
      const { client } = running;
      const labels = labelsFor(c.dataset, c.project, c.documents);
      const imported = await client.importProjectAndWait(labels);
      assert.equal(imported.status, 'succeeded');
      assert.equal((await client.getProject(c.project)).projectKind, c.kind);

      const trained = await client.trainAndWait(c.project, {
        modelLabel: 'm1',
        trainingConfigVersion: 'latest',
        evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
      });
      assert.equal(trained.status, 'succeeded');
      assert.equal(trained.result.trainingStatus.percentComplete, 100);
      assert.equal(trained.result.evaluationStatus?.status, 'succeeded');

      const summary = await client.getEvaluationSummary(c.project, 'm1');
      assert.equal(summary.projectKind, c.kind);
      const results = await client.listEvaluationResults(c.project, 'm1');
      assert.ok(results.length > 0 && results.length < c.documents, `${results.length} test documents`);

      const deployed = await client.deployAndWait(c.project, 'prod', { trainedModelLabel: 'm1' });
      assert.equal(deployed.status, 'succeeded');
      assert.deepEqual(
        (await client.listDeployments(c.project)).map((d) => d.deploymentName),
        ['prod'],
      );

      const docs = (labels.assets?.documents ?? [])
        .slice(0, 3)
        .map((d, i) => ({ id: String(i), text: text(c.dataset, d.location) }));
      const analyzed = await client.runtime.analyze(docs, [
        { kind: c.kind as 'CustomEntityRecognition', projectName: c.project, deploymentName: 'prod' },
      ]);
      assert.equal(analyzed.status, 'succeeded');
      const task = analyzed.tasks[0];
      assert.ok(task);
      assert.deepEqual(
        task.documents.map((d) => d.id),
        ['0', '1', '2'],
      );
      for (const doc of task.documents) {
        assert.equal(doc.error, undefined);
        if (c.kind === 'CustomEntityRecognition') {
          const source = docs.find((d) => d.id === doc.id)?.text ?? '';
          assert.ok((doc.entities ?? []).length > 0, 'finds entities in a training document');
          for (const e of doc.entities ?? []) assert.equal(source.slice(e.offset, e.offset + e.length), e.text);
        } else {
          assert.ok(doc.classes, 'has classes');
          if (c.kind === 'CustomSingleLabelClassification') assert.equal(doc.classes.length, 1);
        }
      }

      const exported = await client.exportProjectAndWait(c.project);
      assert.deepEqual(exported, labels);
      // And once more through import: still exact.
      await client.importProjectAndWait(exported);
      const again: ExportedProject = await client.exportProjectAndWait(c.project);
      assert.deepEqual(again, labels);
    });
  }

  it('keeps projects, trained models, deployments and jobs across a restart, and still predicts', async () => {
    const before = await running.client.listTrainingJobs('Loans');
    await running.restart();
    const { client } = running;
    assert.deepEqual((await client.listProjects()).map((p) => p.projectName).sort(), ['Loans', 'Movies', 'Science']);
    assert.deepEqual(
      (await client.listModels('Loans')).map((m) => m.label),
      ['m1'],
    );
    assert.deepEqual(
      (await client.listTrainingJobs('Loans')).map((j) => j.jobId),
      before.map((j) => j.jobId),
    );
    const source = text('loans', '01.txt');
    const analyzed = await client.runtime.analyze(
      [{ id: 'a', text: source }],
      [{ kind: 'CustomEntityRecognition', projectName: 'Loans', deploymentName: 'prod' }],
    );
    const entities = analyzed.tasks[0]?.documents[0]?.entities ?? [];
    assert.ok(entities.length > 0);
    for (const e of entities) assert.equal(source.slice(e.offset, e.offset + e.length), e.text);
  });

  it('reports bad input with the service error shape: wrong key, missing container document, unknown project', async () => {
    const wrongKey = clientFor({ endpoint: running.service.endpoint, key: 'not-the-key' });
    await assert.rejects(wrongKey.listProjects(), (e: unknown) => e instanceof ApiError && e.status === 401);

    const labels = labelsFor('loans', 'Broken', 2);
    const doc = labels.assets?.documents[0];
    assert.ok(doc);
    doc.location = 'no-such-file.txt';
    const job = await client()
      .importProjectAndWait(labels)
      .catch((e: unknown) => e);
    assert.ok(job instanceof Error);
    assert.match(job.message, /no-such-file\.txt" was not found/);

    await assert.rejects(
      client().getProject('NoSuchProject'),
      (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'ProjectNotFound',
    );
  });

  function client(): RunningService['client'] {
    return running.client;
  }
});

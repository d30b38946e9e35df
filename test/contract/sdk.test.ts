import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AzureKeyCredential, TextAnalysisClient } from '@azure/ai-language-text';
import { DATASETS, SAMPLE_DATA, labelsFor, makeCertificate, startService } from './serviceFixture';
import type { DatasetName, RunningService } from './serviceFixture';

function documentsOf(dataset: DatasetName, locations: string[]): { id: string; text: string; language: string }[] {
  return locations.map((location, i) => ({
    id: String(i + 1),
    text: readFileSync(path.join(SAMPLE_DATA, DATASETS[dataset].folder, location), 'utf8'),
    language: 'en',
  }));
}

describe('contract: the official @azure/ai-language-text SDK against the local service', function () {
  this.timeout(60_000);
  let running: RunningService;
  const deployed: Record<DatasetName, string[]> = { science: [], movies: [], loans: [] };

  let cert = '';
  // The SDK refuses plain http, so the service serves HTTPS with a certificate the SDK is told to trust.
  const sdkClient = (): TextAnalysisClient =>
    new TextAnalysisClient(running.service.endpoint, new AzureKeyCredential(running.service.key), {
      tlsOptions: { ca: cert },
    });

  before(async () => {
    const certDir = await mkdtemp(path.join(os.tmpdir(), 'cts-cert-'));
    const tls = makeCertificate(certDir);
    await rm(certDir, { recursive: true, force: true });
    cert = tls.cert;
    running = await startService({ tls });
    assert.match(running.service.endpoint, /^https:\/\/127\.0\.0\.1:/);
    const setups: [DatasetName, string, number][] = [
      ['science', 'SdkScience', 30],
      ['movies', 'SdkMovies', 30],
      ['loans', 'SdkLoans', 20],
    ];
    for (const [dataset, project, count] of setups) {
      const labels = labelsFor(dataset, project, count);
      await running.client.importProjectAndWait(labels);
      await running.client.trainAndWait(project, { modelLabel: 'm', trainingConfigVersion: 'latest' });
      await running.client.deployAndWait(project, 'prod', { trainedModelLabel: 'm' });
      deployed[dataset] = (labels.assets?.documents ?? []).slice(0, 2).map((d) => d.location);
    }
  });
  after(async () => {
    await running.stop();
  });

  it('runs custom single-label, multi-label and entity recognition actions on deployed models', async () => {
    const sdk = sdkClient();
    const poll = { updateIntervalInMs: 50 };

    const single = await sdk.beginAnalyzeBatch(
      [{ kind: 'CustomSingleLabelClassification', projectName: 'SdkScience', deploymentName: 'prod' }],
      documentsOf('science', deployed.science),
      poll,
    );
    for await (const action of await single.pollUntilDone()) {
      assert.equal(action.kind, 'CustomSingleLabelClassification');
      assert.ok(!action.error, JSON.stringify(action.error));
      assert.equal(action.results.length, 2);
      for (const doc of action.results) {
        assert.ok(!doc.error, JSON.stringify(doc));
        assert.equal(doc.classifications.length, 1);
        assert.ok(doc.classifications[0]?.category);
      }
    }

    const multi = await sdk.beginAnalyzeBatch(
      [{ kind: 'CustomMultiLabelClassification', projectName: 'SdkMovies', deploymentName: 'prod' }],
      documentsOf('movies', deployed.movies),
      poll,
    );
    for await (const action of await multi.pollUntilDone()) {
      assert.equal(action.kind, 'CustomMultiLabelClassification');
      assert.ok(!action.error, JSON.stringify(action.error));
      assert.deepEqual(
        action.results.map((d) => d.id),
        ['1', '2'],
      );
      for (const doc of action.results) assert.ok(!doc.error && Array.isArray(doc.classifications));
    }

    const loans = documentsOf('loans', deployed.loans);
    const entities = await sdk.beginAnalyzeBatch(
      [
        {
          kind: 'CustomEntityRecognition',
          projectName: 'SdkLoans',
          deploymentName: 'prod',
          stringIndexType: 'Utf16CodeUnit',
        },
      ],
      loans,
      poll,
    );
    for await (const action of await entities.pollUntilDone()) {
      assert.equal(action.kind, 'CustomEntityRecognition');
      assert.ok(!action.error, JSON.stringify(action.error));
      for (const doc of action.results) {
        assert.ok(!doc.error, JSON.stringify(doc));
        const source = loans.find((d) => d.id === doc.id)?.text ?? '';
        assert.ok(doc.entities.length > 0);
        for (const e of doc.entities) assert.equal(source.slice(e.offset, e.offset + e.length), e.text);
      }
    }
  });

  it('surfaces service errors through the SDK (unknown deployment)', async () => {
    const sdk = sdkClient();
    await assert.rejects(
      sdk.beginAnalyzeBatch(
        [{ kind: 'CustomSingleLabelClassification', projectName: 'SdkScience', deploymentName: 'missing' }],
        [{ id: '1', text: 'hello', language: 'en' }],
        {},
      ),
      (e: unknown) => e instanceof Error && 'statusCode' in e && e.statusCode === 404,
    );
  });
});

// The Azure route end to end on real components: documents uploaded to Azurite with the blob layer, then the local
// service, reading its containers from that Blob endpoint as Azure reads the linked storage account, imports,
// trains, deploys and analyzes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../src/api/errors';
import type { LocalService } from '../../src/service/server';
import { BlobStore } from '../../src/storage/blobStore';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, startServiceOnBlobs } from '../azurite';
import type { Azurite, BlobBackedService } from '../azurite';
import { DATASETS, SAMPLE_DATA, clientFor, labelsFor } from './serviceFixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('contract: the local service reads its containers from a Blob endpoint (Azurite)', function () {
  this.timeout(90_000);
  let azurite: Azurite;
  let backed: BlobBackedService;
  let service: LocalService;

  before(async () => {
    azurite = await startAzurite(ROOT);
    backed = await startServiceOnBlobs(azurite.accountUrl);
    service = backed.service;
  });
  after(async () => {
    await backed.close();
    await azurite.stop();
  });

  it('upload → import → train → deploy → analyze, then export the same labels', async () => {
    const labels = labelsFor('science', 'ScienceBlob', 35);
    const container = 'science-docs';
    labels.metadata.storageInputContainerName = container;
    const store = new BlobStore(azurite.accountUrl, {
      kind: 'key',
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
    });
    await store.ensureContainer(container);
    const folder = path.join(SAMPLE_DATA, DATASETS.science.folder);
    const documents = (labels.assets?.documents ?? []).map((d) => ({
      name: d.location,
      content: readFileSync(path.join(folder, d.location)),
    }));
    const uploaded = await store.uploadChanged(container, documents, { concurrency: 8 });
    assert.equal(uploaded.uploaded.length, 35);

    const client = clientFor(service);
    assert.equal((await client.importProjectAndWait(labels)).status, 'succeeded');
    const trained = await client.trainAndWait('ScienceBlob', {
      modelLabel: 'm1',
      trainingConfigVersion: 'latest',
      evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
    });
    assert.equal(trained.status, 'succeeded');
    assert.equal((await client.deployAndWait('ScienceBlob', 'prod', { trainedModelLabel: 'm1' })).status, 'succeeded');
    const first = documents[0];
    assert.ok(first);
    const analyzed = await client.runtime.analyze(
      [{ id: '1', text: Buffer.from(first.content).toString('utf8') }],
      [{ kind: 'CustomSingleLabelClassification', projectName: 'ScienceBlob', deploymentName: 'prod' }],
    );
    assert.equal(analyzed.status, 'succeeded');
    assert.equal(analyzed.tasks[0]?.documents[0]?.classes?.length, 1);
    assert.deepEqual(await client.exportProjectAndWait('ScienceBlob'), labels);
  });

  it('a missing container or blob is named in the import error', async () => {
    const client = clientFor(service);
    const missingContainer = labelsFor('science', 'NoContainer', 2);
    missingContainer.metadata.storageInputContainerName = 'not-there';
    await assert.rejects(client.importProjectAndWait(missingContainer), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.match(
        e.message,
        /Storage container "not-there" was not found in http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1/,
      );
      return true;
    });
    const missingBlob = labelsFor('science', 'NoBlob', 2);
    missingBlob.metadata.storageInputContainerName = 'science-docs';
    const doc = missingBlob.assets?.documents[0];
    assert.ok(doc);
    doc.location = 'nowhere/missing.txt';
    await assert.rejects(client.importProjectAndWait(missingBlob), (e: unknown) => {
      assert.ok(e instanceof ApiError || e instanceof Error);
      assert.match(e.message, /Document "nowhere\/missing\.txt" was not found in container "science-docs"/);
      return true;
    });
  });
});

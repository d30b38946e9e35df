// Documents the service must refuse without reading them whole: huge sparse files, a symlink to /dev/zero, a FIFO,
// in a folder container and in a blob container (Azurite). Each import fails with the service's 400 and names the
// document; memory stays bounded and the service keeps answering.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { open, symlink } from 'node:fs/promises';
import path from 'node:path';
import { MAX_TRAINING_DOCUMENT_CHARACTERS } from '../../../src/contract/limits';
import type { LocalService } from '../../../src/service/server';
import { BlobStore } from '../../../src/storage/blobStore';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../azurite';
import type { Azurite } from '../../azurite';
import { startFaultProxy } from '../../faultProxy';
import type { FaultProxy } from '../../faultProxy';
import { makeTempDirs, runningService, startTestService, writeContainer } from './fixtures';
import type { TempDirs } from './fixtures';
import { call, operationLocation, waitForJob } from './http';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const V = 'api-version=2023-04-01';
const LIMIT = MAX_TRAINING_DOCUMENT_CHARACTERS.toLocaleString('en-US');

function labelsFor(projectName: string, container: string, locations: readonly string[]): Record<string, unknown> {
  return {
    projectFileVersion: '2022-05-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectName,
      projectKind: 'CustomSingleLabelClassification',
      storageInputContainerName: container,
      language: 'en',
    },
    assets: {
      projectKind: 'CustomSingleLabelClassification',
      classes: [{ category: 'c' }],
      documents: locations.map((location) => ({ location, language: 'en', class: { category: 'c' } })),
    },
  };
}

/** Imports and waits for the job's end; samples this process's RSS meanwhile and returns its peak growth. */
async function importAndMeasure(
  service: LocalService,
  labels: Record<string, unknown>,
): Promise<{ job: Record<string, unknown>; status: number; peakGrowthMb: number }> {
  const name = (labels.metadata as { projectName: string }).projectName;
  const url = `${service.endpoint}/language/authoring/analyze-text/projects/${name}/:import?${V}`;
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const res = await call('POST', url, { key: service.key, body: labels });
    const job = await waitForJob(operationLocation(res), service.key, 60_000);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { job, status: res.status, peakGrowthMb: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

function jobError(job: Record<string, unknown>): { code: string; message: string; innererror?: { code: string } } {
  const errors = job.errors as { code: string; message: string; innererror?: { code: string } }[];
  const first = errors[0];
  assert.ok(first, `no error in ${JSON.stringify(job)}`);
  return first;
}

async function stillAnswers(service: LocalService): Promise<void> {
  const res = await call('GET', `${service.endpoint}/language/authoring/analyze-text/projects?${V}`, {
    key: service.key,
  });
  assert.equal(res.status, 200);
}

/** A file of `bytes` bytes that takes no disk space. */
async function sparse(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  await handle.truncate(bytes);
  await handle.close();
}

describe('service: documents refused without reading them whole', function () {
  this.timeout(120_000);

  describe('folder containers', () => {
    const local = runningService();

    it('refuses 300 MB sparse documents with a 400 naming each and the limit, in bounded memory, and still answers', async () => {
      const dir = await writeContainer(local.dirs.containersDir, 'big', {
        'ok.txt': 'é'.repeat(MAX_TRAINING_DOCUMENT_CHARACTERS), // 2 bytes a character: at the limit, accepted
        'long.txt': 'a'.repeat(MAX_TRAINING_DOCUMENT_CHARACTERS + 1), // small in bytes, one character too many
      });
      await sparse(path.join(dir, 'huge1.txt'), 300 * 2 ** 20);
      await sparse(path.join(dir, 'huge2.txt'), 300 * 2 ** 20);
      const { job, status, peakGrowthMb } = await importAndMeasure(
        local.service,
        labelsFor('Huge', 'big', ['ok.txt', 'huge1.txt', 'long.txt', 'huge2.txt']),
      );
      assert.equal(status, 202);
      assert.equal(job.status, 'failed');
      const error = jobError(job);
      assert.equal(error.code, 'InvalidRequest');
      assert.equal(error.innererror?.code, 'InvalidDocument');
      for (const name of ['huge1.txt', 'long.txt', 'huge2.txt']) {
        assert.ok(
          error.message.includes(`Document "${name}" in container "big" is too large`) &&
            error.message.includes(`at most ${LIMIT} characters`),
          error.message,
        );
      }
      assert.ok(!error.message.includes('ok.txt'), error.message);
      // Reading the two whole would take 600 MB of buffers and as much again of strings.
      assert.ok(peakGrowthMb < 150, `RSS grew ${peakGrowthMb.toFixed(0)} MB`);
      await stillAnswers(local.service);
      const fine = await importAndMeasure(local.service, labelsFor('Fine', 'big', ['ok.txt']));
      assert.equal(fine.job.status, 'succeeded');
    });

    it('refuses a symlink to /dev/zero, a FIFO and a device node listed as documents, and still answers', async () => {
      const dir = await writeContainer(local.dirs.containersDir, 'odd', { 'ok.txt': 'fine' });
      await symlink('/dev/zero', path.join(dir, 'zero.txt'));
      execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
      const locations = ['zero.txt', 'fifo.txt'];
      if (process.getuid?.() === 0) {
        execFileSync('mknod', [path.join(dir, 'device.txt'), 'c', '1', '5']); // /dev/zero's numbers, inside
        locations.push('device.txt');
      }
      const { job } = await importAndMeasure(local.service, labelsFor('Odd', 'odd', locations));
      assert.equal(job.status, 'failed');
      const error = jobError(job);
      assert.equal(error.innererror?.code, 'InvalidDocument');
      assert.match(error.message, /Document location "zero\.txt" resolves outside container "odd"/);
      assert.match(error.message, /Document "fifo\.txt" in container "odd" is not a file/);
      if (locations.includes('device.txt'))
        assert.match(error.message, /Document "device\.txt" in container "odd" is not a file/);
      await stillAnswers(local.service);
    });
  });

  describe('blob containers (Azurite)', () => {
    let azurite: Azurite;
    let proxy: FaultProxy;
    let dirs: TempDirs;
    let service: LocalService;

    before(async () => {
      azurite = await startAzurite(ROOT);
      proxy = await startFaultProxy(azurite.accountUrl);
      const auth = { kind: 'key', accountName: AZURITE_ACCOUNT, accountKey: AZURITE_KEY } as const;
      const store = new BlobStore(azurite.accountUrl, auth);
      await store.ensureContainer('blobs');
      await store.uploadChanged('blobs', [
        { name: 'ok.txt', content: Buffer.from('fine') },
        { name: 'long.txt', content: Buffer.from('a'.repeat(MAX_TRAINING_DOCUMENT_CHARACTERS + 1)) },
        { name: 'big.txt', content: Buffer.alloc(4 * MAX_TRAINING_DOCUMENT_CHARACTERS + 8, 0x61) },
      ]);
      dirs = await makeTempDirs();
      service = await startTestService(dirs, {
        containers: { blob: { accountUrl: `${proxy.url}/${AZURITE_ACCOUNT}`, auth } },
      });
    });
    after(async () => {
      await service.close();
      await dirs.cleanup();
      await proxy.close();
      await azurite.stop();
    });

    it('refuses oversized blobs with a 400 naming each, never downloading the one over the byte bound', async () => {
      // Any download of big.txt would be answered (and counted) by this rule; its size is all that may be asked.
      proxy.rules = [{ method: 'GET', path: /\/big\.txt/, status: 500, code: 'InternalError', times: 100 }];
      const { job } = await importAndMeasure(service, labelsFor('Blobs', 'blobs', ['ok.txt', 'long.txt', 'big.txt']));
      assert.equal(job.status, 'failed');
      const error = jobError(job);
      assert.equal(error.innererror?.code, 'InvalidDocument');
      for (const name of ['long.txt', 'big.txt'])
        assert.ok(error.message.includes(`Document "${name}" in container "blobs" is too large`), error.message);
      assert.equal(proxy.injected, 0, 'big.txt was downloaded');
      const fine = await importAndMeasure(service, labelsFor('BlobsFine', 'blobs', ['ok.txt']));
      assert.equal(fine.job.status, 'succeeded');
    });

    it('answers hostile blob locations with the service error shape and keeps answering', async () => {
      const locations = [
        '../blobs/ok.txt',
        '/ok.txt',
        'C:\\ok.txt',
        '\\\\server\\share\\ok.txt',
        '%2e%2e/ok.txt',
        'file:///ok.txt',
        'ok.txt\u0000',
        'x'.repeat(2000),
        '?comp=list',
        '#ok.txt',
      ];
      for (const [i, location] of locations.entries()) {
        const res = await call(
          'POST',
          `${service.endpoint}/language/authoring/analyze-text/projects/Hostile${i}/:import?${V}`,
          { key: service.key, body: labelsFor(`Hostile${i}`, 'blobs', [location]) },
        );
        const error =
          res.status === 202
            ? jobError(await waitForJob(operationLocation(res), service.key))
            : (res.json as { error: { code: string; message: string; innererror?: { code: string } } }).error;
        assert.ok(res.status === 202 || res.status === 400, `${location}: ${res.status}`);
        assert.equal(error.code, 'InvalidRequest', `${location}: ${error.message}`);
        assert.equal(error.innererror?.code, 'InvalidDocument', `${location}: ${error.message}`);
      }
      await stillAnswers(service);
    });
  });
});

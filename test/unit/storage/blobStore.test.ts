// The blob layer against a real Azurite: containers, changed-only uploads, retries, cancel, and storage faults
// mapped to one sentence each (faults come from a proxy in front of Azurite).
import * as assert from 'node:assert/strict';
import path from 'node:path';
import { BlobStore } from '../../../src/storage/blobStore';
import type { BlobDocument } from '../../../src/storage/blobStore';
import { StorageError } from '../../../src/storage/storageErrors';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../../azurite';
import type { Azurite } from '../../azurite';
import { startFaultProxy } from '../../faultProxy';
import type { FaultProxy } from '../../faultProxy';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const auth = { kind: 'key', accountName: AZURITE_ACCOUNT, accountKey: AZURITE_KEY } as const;

function docs(count: number, version = 'v1'): BlobDocument[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `folder/doc${i}.txt`,
    content: Buffer.from(`Document ${i} ${version}\n`),
  }));
}

describe('BlobStore against Azurite', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let proxy: FaultProxy;
  let store: BlobStore;

  before(async () => {
    azurite = await startAzurite(ROOT);
    proxy = await startFaultProxy(azurite.accountUrl);
    const url = `${proxy.url}/${AZURITE_ACCOUNT}`;
    store = new BlobStore(url, auth);
  });
  after(async () => {
    await proxy.close();
    await azurite.stop();
  });
  afterEach(() => {
    proxy.rules = [];
  });

  it('creates a missing container once and uploads only what changed', async () => {
    await store.ensureContainer('first');
    await store.ensureContainer('first');
    assert.equal(await store.containerExists('first'), true);
    const progress: number[] = [];
    const first = await store.uploadChanged('first', docs(20), {
      concurrency: 4,
      onProgress: (done) => progress.push(done),
    });
    assert.equal(first.uploaded.length, 20);
    assert.equal(progress.at(-1), 20);

    const edited = docs(20);
    edited[3] = { name: 'folder/doc3.txt', content: Buffer.from('Edited\n') };
    const second = await store.uploadChanged('first', edited, { concurrency: 4 });
    assert.deepEqual(second.uploaded, ['folder/doc3.txt']);
    assert.equal(second.unchanged.length, 19);
    assert.equal((await store.download('first', 'folder/doc3.txt')).toString(), 'Edited\n');
  });

  it('retries a 503 and a dropped connection, then succeeds', async () => {
    await store.ensureContainer('flaky');
    proxy.rules = [
      { method: 'PUT', path: /doc1\.txt/, status: 503, times: 2 },
      { method: 'PUT', path: /doc2\.txt/, reset: true, times: 1 },
    ];
    const result = await store.uploadChanged('flaky', docs(4), { backoffMs: () => 10 });
    assert.equal(result.uploaded.length, 4);
    assert.equal(proxy.injected, 3);
  });

  it('an outage that lasts fails with what to do, and the next push finishes the rest', async () => {
    await store.ensureContainer('outage');
    proxy.rules = [{ method: 'PUT', path: /doc5\.txt/, status: 503, times: 100 }];
    await assert.rejects(
      store.uploadChanged('outage', docs(10), { backoffMs: () => 5, attempts: 2, concurrency: 2 }),
      (e: unknown) =>
        e instanceof StorageError &&
        e.fault === 'unavailable' &&
        /is unavailable \(503\) while writing "folder\/doc5\.txt".*push again/.test(e.message),
    );
    proxy.rules = [];
    const again = await store.uploadChanged('outage', docs(10));
    assert.ok(again.uploaded.includes('folder/doc5.txt'));
    assert.ok(again.uploaded.length < 10, `only the rest is uploaded (${again.uploaded.length})`);
  });

  it('a dropped connection that persists says the connection was dropped', async () => {
    await store.ensureContainer('reset');
    proxy.rules = [{ method: 'PUT', reset: true, times: 100 }];
    await assert.rejects(
      store.uploadChanged('reset', docs(1), { backoffMs: () => 5, attempts: 2 }),
      (e: unknown) => e instanceof StorageError && e.fault === 'network' && /connection .* was dropped/.test(e.message),
    );
  });

  it('403 names the Storage Blob Data Contributor role and the account', async () => {
    proxy.rules = [{ status: 403, code: 'AuthorizationPermissionMismatch', times: 1 }];
    await assert.rejects(
      store.ensureContainer('denied'),
      (e: unknown) =>
        e instanceof StorageError &&
        e.fault === 'forbidden' &&
        /Storage Blob Data Contributor role on the storage account 127\.0\.0\.1:\d+\/devstoreaccount1/.test(e.message),
    );
  });

  it('404 on a missing container says so', async () => {
    await assert.rejects(
      store.listHashes('never-made'),
      (e: unknown) =>
        e instanceof StorageError &&
        e.fault === 'containerNotFound' &&
        /Container "never-made" does not exist/.test(e.message),
    );
  });

  it('cancel stops the upload (an AbortError, not a storage error)', async () => {
    await store.ensureContainer('cancelled');
    const controller = new AbortController();
    const result = store.uploadChanged('cancelled', docs(50), {
      concurrency: 2,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 5) controller.abort();
      },
    });
    await assert.rejects(result, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    const held = await store.listHashes('cancelled');
    assert.ok(held.size < 50, 'it stopped before the end');
  });
});

// Push at project scale: 10,000 documents of ~600 characters uploaded to Azurite (the Azure Storage emulator, on
// this machine) with the blob layer Push to… uses: first push (container created, every document uploaded), then
// a re-push after one document changed (the container listed with its content hashes, one upload). Default
// concurrency (16 in flight). One run each: the first push is the figure users wait for once.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BlobStore } from '../src/storage/blobStore';
import type { BlobDocument } from '../src/storage/blobStore';
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite } from '../test/azurite';

const DOCUMENTS = 10_000;
const GOALS = { firstPushS: 120, rePushS: 5 };

function documents(): BlobDocument[] {
  return Array.from({ length: DOCUMENTS }, (_, i) => ({
    name: `docs/${String(i).padStart(5, '0')}.txt`,
    content: Buffer.from(`Document ${i}. ${'The borrower agrees to repay the loan with interest. '.repeat(11)}\n`),
  }));
}

async function main(): Promise<void> {
  const azurite = await startAzurite(path.resolve(__dirname, '..', '..'));
  try {
    const store = new BlobStore(azurite.accountUrl, {
      kind: 'key',
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
    });
    const docs = documents();
    let begun = performance.now();
    await store.ensureContainer('bench');
    const first = await store.uploadChanged('bench', docs);
    const firstS = (performance.now() - begun) / 1000;

    docs[4321] = { name: 'docs/04321.txt', content: Buffer.from('Edited.\n') };
    begun = performance.now();
    const again = await store.uploadChanged('bench', docs);
    const againS = (performance.now() - begun) / 1000;

    const rows = [
      [
        'first push, 10,000 documents (uploaded)',
        `${firstS.toFixed(1)} s (${first.uploaded.length})`,
        `≤ ${GOALS.firstPushS} s`,
        firstS <= GOALS.firstPushS,
      ],
      ['documents per second, first push', `${Math.round(DOCUMENTS / firstS)}`, '', true],
      [
        're-push after one change (uploaded)',
        `${againS.toFixed(2)} s (${again.uploaded.length})`,
        `≤ ${GOALS.rePushS} s`,
        againS <= GOALS.rePushS && again.uploaded.length === 1,
      ],
    ] as const;
    console.log('| measure | value | goal |\n|---|---|---|');
    for (const [what, value, goal, ok] of rows)
      console.log(`| ${what} | ${value} | ${goal === '' ? '' : `${goal}: ${ok ? 'PASS' : 'FAIL'}`} |`);
    if (rows.some((r) => !r[3])) process.exitCode = 1;
  } finally {
    await azurite.stop();
  }
}

void main();

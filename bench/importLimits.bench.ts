// Memory of an :import listing huge documents: 16 sparse files of 300 MB each (no disk space taken) in a folder
// container of the local service, run in this process. The import must fail (each document is over the
// 128,000-character limit) with the process's peak RSS (VmHWM) under 500 MB: the service checks sizes before it
// reads, so it never holds a document whole.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LanguageClient } from '../src/api/client';
import { createEngine } from '../src/service/engine/engineHost';
import { startLocalService } from '../src/service/server';

const DOCUMENTS = 16;
const DOCUMENT_BYTES = 300 * 2 ** 20;
const GOAL_MB = 500;

/** Peak resident set size of this process so far, in MB (Linux), or the current one elsewhere. */
function peakRssMb(): number {
  const status = (() => {
    try {
      return readFileSync('/proc/self/status', 'utf8');
    } catch {
      return '';
    }
  })();
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? process.memoryUsage.rss() / 2 ** 20 : Number(kb) / 1024;
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cts-bench-import-'));
  try {
    const container = path.join(root, 'containers', 'huge');
    await mkdir(container, { recursive: true });
    const locations = Array.from({ length: DOCUMENTS }, (_, i) => `doc${i}.txt`);
    for (const location of locations) {
      const handle = await open(path.join(container, location), 'w');
      await handle.truncate(DOCUMENT_BYTES);
      await handle.close();
    }
    const service = await startLocalService({
      dataDir: path.join(root, 'data'),
      containers: { dir: path.join(root, 'containers') },
      engine: createEngine({ workers: 1 }),
      env: {},
    });
    try {
      const client = new LanguageClient({
        endpoint: service.endpoint,
        credential: { key: service.key },
        poll: { initialIntervalMs: 10, maxIntervalMs: 50, backoffFactor: 1.2 },
      });
      const before = peakRssMb();
      const started = performance.now();
      const refused = await client
        .importProjectAndWait({
          projectFileVersion: '2022-05-01',
          stringIndexType: 'Utf16CodeUnit',
          metadata: {
            projectName: 'Huge',
            projectKind: 'CustomSingleLabelClassification',
            storageInputContainerName: 'huge',
            language: 'en',
          },
          assets: {
            projectKind: 'CustomSingleLabelClassification',
            classes: [{ category: 'c' }],
            documents: locations.map((location) => ({ location, language: 'en', class: { category: 'c' } })),
          },
        })
        .then(
          () => 'accepted',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
      const ms = performance.now() - started;
      const peak = peakRssMb();
      const named = locations.filter((l) => refused.includes(`"${l}"`) && refused.includes('too large')).length;
      console.log('| step | result |\n|---|---|');
      console.log(
        `| import ${DOCUMENTS} × ${DOCUMENT_BYTES / 2 ** 20} MB sparse documents (refused) | ${ms.toFixed(0)} ms; ${named} of ${DOCUMENTS} named too large |`,
      );
      console.log(
        `| peak RSS (VmHWM) before → after the import | ${before.toFixed(0)} MB → ${peak.toFixed(0)} MB (goal < ${GOAL_MB} MB) |`,
      );
      if (named !== DOCUMENTS || peak >= GOAL_MB) {
        console.error(`goal missed: ${refused.slice(0, 300)}`);
        process.exitCode = 1;
      }
    } finally {
      await service.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

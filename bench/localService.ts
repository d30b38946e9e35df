// The local service the service benchmarks run against: web of science (210 abstracts) as the 'science' container
// of a temporary folder, the real engine, a client that polls fast, and the dataset's labels file.
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LanguageClient } from '../src/api/client';
import type { ExportedProject } from '../src/contract/labels';
import { exportedProjectSchema } from '../src/contract/labels';
import { createEngine } from '../src/service/engine/engineHost';
import { startLocalService } from '../src/service/server';
import type { LocalService } from '../src/service/server';

export const SCIENCE = path.resolve(__dirname, '..', '..', 'samples', 'web-of-science');

export interface BenchService {
  service: LocalService;
  client: LanguageClient;
  /** The web of science labels file, its documents in the 'science' container. */
  labels: ExportedProject;
  /** Stops the service and removes its folder. */
  close: () => Promise<void>;
}

export async function startBenchService(tempPrefix: string): Promise<BenchService> {
  const labels = exportedProjectSchema.parse(
    JSON.parse(readFileSync(path.join(SCIENCE, 'webOfScience_labelsFile.json'), 'utf8')),
  );
  const root = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  await mkdir(path.join(root, 'containers'));
  await symlink(SCIENCE, path.join(root, 'containers', 'science'));
  const service = await startLocalService({
    dataDir: path.join(root, 'data'),
    containers: { dir: path.join(root, 'containers') },
    engine: createEngine(),
    env: {},
  });
  const client = new LanguageClient({
    endpoint: service.endpoint,
    credential: { key: service.key },
    poll: { initialIntervalMs: 10, maxIntervalMs: 50, backoffFactor: 1.2 },
  });
  const close = async (): Promise<void> => {
    await service.close();
    await rm(root, { recursive: true, force: true });
  };
  return { service, client, labels, close };
}

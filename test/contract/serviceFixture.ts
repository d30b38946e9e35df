// Starts the local service with the real engine over a containers dir made of the bundled sample datasets (samples/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { LanguageClient } from '../../src/api/client';
import type { ExportedProject } from '../../src/contract/labels';
import { exportedProjectSchema } from '../../src/contract/labels';
import { createEngine } from '../../src/service/engine/engineHost';
import { startLocalService } from '../../src/service/server';
import type { LocalService } from '../../src/service/server';

export const SAMPLE_DATA = path.resolve(__dirname, '..', '..', '..', 'samples');

export const DATASETS = {
  loans: { folder: 'loan-agreements', labels: 'loanAgreementsLabels.json' },
  movies: { folder: 'movie-summaries', labels: 'movieLabels.json' },
  science: { folder: 'web-of-science', labels: 'webOfScience_labelsFile.json' },
} as const;
export type DatasetName = keyof typeof DATASETS;

/** A dataset's labels file, renamed and cut to its first `limit` documents, pointed at its container. */
export function labelsFor(dataset: DatasetName, projectName: string, limit: number): ExportedProject {
  const { folder, labels } = DATASETS[dataset];
  const raw = JSON.parse(readFileSync(path.join(SAMPLE_DATA, folder, labels), 'utf8')) as unknown;
  const parsed = exportedProjectSchema.parse(raw);
  const assets = parsed.assets;
  if (!assets) throw new Error(`${labels} has no assets`);
  return {
    ...parsed,
    metadata: { ...parsed.metadata, projectName, storageInputContainerName: dataset },
    assets: { ...assets, documents: assets.documents.slice(0, limit) },
  };
}

export interface RunningService {
  service: LocalService;
  client: LanguageClient;
  root: string;
  dataDir: string;
  containersDir: string;
  /** Stops the service and starts a new one on the same data dir (same key). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Each container is a symlink to a bundled dataset folder (the container root resolves, its files stay inside). */
export async function makeContainers(root: string): Promise<string> {
  const containersDir = path.join(root, 'containers');
  await mkdir(containersDir, { recursive: true });
  for (const [name, { folder }] of Object.entries(DATASETS)) {
    await symlink(path.join(SAMPLE_DATA, folder), path.join(containersDir, name));
  }
  return containersDir;
}

export function clientFor(service: { endpoint: string; key: string }, ca?: string): LanguageClient {
  return new LanguageClient({
    ...(ca !== undefined ? { dispatcher: new Agent({ connect: { ca } }) } : {}),
    endpoint: service.endpoint,
    credential: { key: service.key },
    poll: { initialIntervalMs: 20, maxIntervalMs: 100, backoffFactor: 1.5 },
    retry: { maxRetries: 0 },
  });
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl), for the HTTPS endpoint. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

export async function startService(options: { tls?: { cert: string; key: string } } = {}): Promise<RunningService> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cts-contract-'));
  const dataDir = path.join(root, 'data');
  const containersDir = await makeContainers(root);
  const start = (key?: string): Promise<LocalService> =>
    startLocalService({
      dataDir,
      containers: { dir: containersDir },
      engine: createEngine({ workers: 1 }),
      env: {},
      ...(key !== undefined ? { key } : {}),
      ...(options.tls ? { tls: options.tls } : {}),
    });
  const service = await start();
  const running: RunningService = {
    service,
    client: clientFor(service, options.tls?.cert),
    root,
    dataDir,
    containersDir,
    restart: async () => {
      await running.service.close();
      running.service = await start(running.service.key);
      running.client = clientFor(running.service, options.tls?.cert);
    },
    stop: async () => {
      await running.service.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return running;
}

// Small labelled projects written to a temporary containers directory, shared by the service's tests.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalService } from '../../../src/service/server';
import type { LocalService, LocalServiceOptions } from '../../../src/service/server';
import { createKeywordEngine } from './keywordEngine';
import type { KeywordEngine } from './keywordEngine';

export interface TempDirs {
  root: string;
  dataDir: string;
  containersDir: string;
  cleanup(): Promise<void>;
}

export async function makeTempDirs(): Promise<TempDirs> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cts-service-'));
  const dataDir = path.join(root, 'data');
  const containersDir = path.join(root, 'containers');
  await mkdir(dataDir, { recursive: true });
  await mkdir(containersDir, { recursive: true });
  return { root, dataDir, containersDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export const CLASS_DOCS: Record<string, string> = {
  'a.txt': 'A story about sports and a big match.',
  'b.txt': 'Cooking dinner with fresh food from the market.',
  'c.txt': 'The sports team won the match again.',
  'sub/d.txt': 'Food and recipes for a quiet evening.',
};

export async function writeContainer(
  containersDir: string,
  name: string,
  docs: Record<string, string>,
): Promise<string> {
  const dir = path.join(containersDir, name);
  for (const [location, text] of Object.entries(docs)) {
    await mkdir(path.dirname(path.join(dir, location)), { recursive: true });
    await writeFile(path.join(dir, location), text, 'utf8');
  }
  return dir;
}

export function singleLabelProject(projectName: string, container: string): Record<string, unknown> {
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
      classes: [{ category: 'sports' }, { category: 'food' }],
      documents: [
        { location: 'a.txt', language: 'en', dataset: 'Train', class: { category: 'sports' } },
        { location: 'b.txt', language: 'en', dataset: 'Train', class: { category: 'food' } },
        { location: 'c.txt', language: 'en', dataset: 'Test', class: { category: 'sports' } },
        { location: 'sub/d.txt', language: 'en', dataset: 'Test', class: { category: 'food' } },
      ],
    },
  };
}

/** The service on a temporary data folder with the tests' containers (and, by default, the keyword engine). */
export function startTestService(dirs: TempDirs, options: Partial<LocalServiceOptions> = {}): Promise<LocalService> {
  return startLocalService({
    dataDir: dirs.dataDir,
    engine: createKeywordEngine(),
    containers: { dir: dirs.containersDir },
    env: {},
    ...options,
  });
}

/** The service of one test (or one suite): its temporary folders, its keyword engine, the service itself. */
export class RunningService {
  dirs!: TempDirs;
  engine!: KeywordEngine;
  /** A test may replace it with a restarted one: the one here at the end is closed. */
  service!: LocalService;
}

/**
 * Starts the service on fresh temporary folders with the 'docs' container (CLASS_DOCS) before each test, or once
 * before the suite with `once`, and closes it and removes the folders after.
 */
export function runningService(options: { once?: boolean } = {}): RunningService {
  const running = new RunningService();
  (options.once === true ? before : beforeEach)(async () => {
    running.dirs = await makeTempDirs();
    await writeContainer(running.dirs.containersDir, 'docs', CLASS_DOCS);
    running.engine = createKeywordEngine();
    running.service = await startTestService(running.dirs, { engine: running.engine });
  });
  (options.once === true ? after : afterEach)(async () => {
    await running.service.close();
    await running.dirs.cleanup();
  });
  return running;
}

// Retention and limits as Azure has them: expired jobs (and the analysed text they hold) removed at start and
// periodically, 500 projects, a cap on tasks, bounded job-record writes, and trainings queued behind a few slots.
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../../src/core/atomicFile';
import { DEFAULT_LIMITS } from '../../../src/service/context';
import { MAX_DEPLOYMENTS, MAX_MODELS } from '../../../src/contract/limits';
import type { LocalService, LocalServiceOptions } from '../../../src/service/server';
import { defaultTrainingSlots } from '../../../src/service/slots';
import { CLASS_DOCS, makeTempDirs, singleLabelProject, writeContainer, startTestService } from './fixtures';
import type { TempDirs } from './fixtures';
import { call, operationLocation, waitForJob } from './http';
import { createKeywordEngine } from './keywordEngine';
import type { KeywordEngine } from './keywordEngine';

const V = 'api-version=2023-04-01';
const A = '/language/authoring/analyze-text';
const SECRET = 'sports secret-phrase-7731';

describe('local service retention and limits', function () {
  this.timeout(20_000);
  let dirs: TempDirs;
  let service: LocalService | undefined;
  let engine: KeywordEngine;
  const writes: string[] = [];

  const start = async (options: Partial<LocalServiceOptions> = {}): Promise<LocalService> => {
    service = await startTestService(dirs, {
      engine,
      writeFile: async (file, content) => {
        writes.push(file);
        await writeFileAtomic(file, content);
      },
      ...options,
    });
    return service;
  };
  const url = (s: LocalService, p: string): string => `${s.endpoint}${A}${p}${p.includes('?') ? '&' : '?'}${V}`;
  const done = async (s: LocalService, res: Awaited<ReturnType<typeof call>>): Promise<Record<string, unknown>> => {
    assert.equal(res.status, 202, res.text);
    return waitForJob(operationLocation(res), s.key);
  };
  const importProject = async (s: LocalService, name: string): Promise<void> => {
    const res = await call('POST', url(s, `/projects/${name}/:import`), {
      key: s.key,
      body: singleLabelProject(name, 'docs'),
    });
    assert.equal((await done(s, res)).status, 'succeeded');
  };
  const train = (s: LocalService, name: string): ReturnType<typeof call> =>
    call('POST', url(s, `/projects/${name}/:train`), {
      key: s.key,
      body: { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } },
    });
  const deployed = async (s: LocalService, name: string): Promise<void> => {
    await importProject(s, name);
    assert.equal((await done(s, await train(s, name))).status, 'succeeded');
    const res = await call('PUT', url(s, `/projects/${name}/deployments/prod`), {
      key: s.key,
      body: { trainedModelLabel: 'm1' },
    });
    assert.equal((await done(s, res)).status, 'succeeded');
  };
  const analyze = (s: LocalService, tasks: number): ReturnType<typeof call> =>
    call('POST', `${s.endpoint}/language/analyze-text/jobs?${V}`, {
      key: s.key,
      body: {
        analysisInput: { documents: [{ id: 'secret-phrase-7731', text: SECRET }] },
        tasks: Array.from({ length: tasks }, (_, i) => ({
          kind: 'CustomSingleLabelClassification',
          taskName: `t${i}`,
          parameters: { projectName: 'p', deploymentName: 'prod' },
        })),
      },
    });
  const filesContaining = async (text: string): Promise<string[]> => {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        // A sweep may remove a file between listing and reading it.
        else if ((await readFile(full, 'utf8').catch(() => '')).includes(text)) found.push(full);
      }
    };
    await walk(dirs.dataDir);
    return found;
  };

  beforeEach(async () => {
    dirs = await makeTempDirs();
    await writeContainer(dirs.containersDir, 'docs', CLASS_DOCS);
    engine = createKeywordEngine();
    writes.length = 0;
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    await dirs.cleanup();
  });

  it('has Azure’s limits by default', () => {
    assert.equal(DEFAULT_LIMITS.projects, 500);
    assert.equal(MAX_MODELS, 10);
    assert.equal(MAX_DEPLOYMENTS, 10);
    assert.ok(defaultTrainingSlots(2) === 1 && defaultTrainingSlots(64) === 4 && defaultTrainingSlots(1) === 1);
  });

  it('removes expired analyze jobs and their text periodically, without anyone reading them', async () => {
    const s = await start({ retention: { runtimeTtlMs: 2000, sweepIntervalMs: 100 } });
    await deployed(s, 'p');
    const job = operationLocation(await analyze(s, 1));
    assert.equal((await waitForJob(job, s.key)).status, 'succeeded');
    assert.ok((await filesContaining('secret-phrase-7731')).length > 0, 'the result holds the text');
    for (let i = 0; i < 120 && (await filesContaining('secret-phrase-7731')).length > 0; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await filesContaining('secret-phrase-7731'), []);
    assert.equal((await call('GET', job, { key: s.key })).status, 404);
  });

  it('removes jobs that expired while the service was stopped when it starts', async () => {
    const s = await start();
    await importProject(s, 'p');
    await s.close();
    const jobsDir = path.join(dirs.dataDir, 'jobs');
    const [file] = await readdir(jobsDir);
    const record = JSON.parse(await readFile(path.join(jobsDir, file!), 'utf8')) as Record<string, unknown>;
    await writeFile(
      path.join(jobsDir, file!),
      JSON.stringify({ ...record, expirationDateTime: '2020-01-01T00:00:00Z' }),
    );
    await start();
    assert.deepEqual(await readdir(jobsDir), []);
  });

  it('refuses a project over the limit, and tasks over the cap', async () => {
    const s = await start({ limits: { projects: 2 } });
    await importProject(s, 'p');
    await importProject(s, 'q');
    const third = await call('POST', url(s, '/projects/r/:import'), {
      key: s.key,
      body: singleLabelProject('r', 'docs'),
    });
    assert.equal(third.status, 400, third.text);
    assert.equal((third.json as { error: { code: string } }).error.code, 'QuotaExceeded');
    const created = await call('PATCH', url(s, '/projects/r'), {
      key: s.key,
      body: {
        projectKind: 'CustomSingleLabelClassification',
        storageInputContainerName: 'docs',
        projectName: 'r',
        language: 'en',
      },
    });
    assert.equal(created.status, 400, created.text);
    await importProject(s, 'q'); // re-importing an existing project is not a new one
    assert.equal((await analyze(s, 26)).status, 400);
  });

  it('writes an analyze job’s record a bounded number of times, whatever the number of tasks', async () => {
    const s = await start();
    await deployed(s, 'p');
    writes.length = 0;
    const job = operationLocation(await analyze(s, 25));
    const body = await waitForJob(job, s.key);
    assert.equal(body.status, 'succeeded');
    const jobWrites = writes.filter((f) => f.includes(`${path.sep}jobs${path.sep}`));
    assert.ok(jobWrites.length <= 3, `${jobWrites.length} writes`);
  });

  it('queues trainings beyond the slots as notStarted with their position, and a queued one can be cancelled', async () => {
    const s = await start({ trainingSlots: 1 });
    for (const p of ['a', 'b', 'c']) await importProject(s, p);
    engine.holdTraining = true;
    const locations: string[] = [];
    for (const p of ['a', 'b', 'c']) locations.push(operationLocation(await train(s, p)));
    for (let i = 0; i < 200 && engine.trainCalls === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(engine.trainCalls, 1, 'one training at a time');
    const states = await Promise.all(locations.map(async (l) => (await call('GET', l, { key: s.key })).json));
    const [first, second, third] = states as { status: string; warnings?: { code: string; message: string }[] }[];
    assert.equal(first!.status, 'running');
    assert.equal(second!.status, 'notStarted');
    assert.match(second!.warnings?.[0]?.message ?? '', /position 1 of 2/);
    assert.match(third!.warnings?.[0]?.message ?? '', /position 2 of 2/);
    const cancel = await call('POST', `${locations[2]!.replace(/\?.*$/, '')}/:cancel?${V}`, { key: s.key });
    assert.equal(cancel.status, 202, cancel.text);
    assert.equal((await waitForJob(locations[2]!, s.key)).status, 'cancelled');
    engine.holdTraining = false;
    engine.release();
    assert.equal((await waitForJob(locations[0]!, s.key)).status, 'succeeded');
    assert.equal((await waitForJob(locations[1]!, s.key)).status, 'succeeded');
    assert.equal(engine.trainCalls, 2);
  });
});

// Write failures and races that used to stop the service or bring data back: a full disk or an over-long file
// name becomes an error on that request (or a failed job), and a delete always wins over a finishing job.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../../src/core/atomicFile';
import type { LocalService } from '../../../src/service/server';
import { CLASS_DOCS, makeTempDirs, singleLabelProject, writeContainer, startTestService } from './fixtures';
import type { TempDirs } from './fixtures';
import { call, operationLocation, waitForJob } from './http';
import { createKeywordEngine } from './keywordEngine';
import type { KeywordEngine } from './keywordEngine';

const V = 'api-version=2023-04-01';
const A = '/language/authoring/analyze-text';

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

describe('local service durability: write faults and deletes', function () {
  this.timeout(20_000);
  let dirs: TempDirs;
  let service: LocalService;
  let engine: KeywordEngine;
  /** When set, every write fails with this code. */
  let failWith: string | undefined;
  /** When set, the write of a trained model's record (its last write before the project's) waits for it. */
  let modelGate: Promise<void> | undefined;
  let modelWriteStarted = false;

  const url = (p: string): string => `${service.endpoint}${A}${p}${p.includes('?') ? '&' : '?'}${V}`;
  const start = async (): Promise<void> => {
    service = await startTestService(dirs, {
      engine,
      writeFile: async (file, content) => {
        if (failWith !== undefined) throw fsError(failWith);
        if (path.basename(file) === 'm1.json' && modelGate) {
          modelWriteStarted = true;
          await modelGate;
        }
        await writeFileAtomic(file, content);
      },
    });
  };
  const importProject = async (name: string): Promise<void> => {
    const res = await call('POST', url(`/projects/${name}/:import`), {
      key: service.key,
      body: singleLabelProject(name, 'docs'),
    });
    assert.equal(res.status, 202, res.text);
    assert.equal((await waitForJob(operationLocation(res), service.key)).status, 'succeeded');
  };
  const train = (name: string): ReturnType<typeof call> =>
    call('POST', url(`/projects/${name}/:train`), {
      key: service.key,
      body: { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } },
    });

  beforeEach(async () => {
    dirs = await makeTempDirs();
    await writeContainer(dirs.containersDir, 'docs', CLASS_DOCS);
    engine = createKeywordEngine();
    failWith = undefined;
    modelGate = undefined;
    modelWriteStarted = false;
    await start();
  });
  afterEach(async () => {
    failWith = undefined;
    await service.close();
    await dirs.cleanup();
  });

  for (const code of ['ENOSPC', 'ENAMETOOLONG']) {
    it(`${code}: requests get an Azure-shaped 500, nothing half-created, and the service keeps serving`, async () => {
      failWith = code;
      const create = await call('PATCH', url('/projects/p'), {
        key: service.key,
        body: {
          projectKind: 'CustomSingleLabelClassification',
          storageInputContainerName: 'docs',
          projectName: 'p',
          language: 'en',
        },
      });
      assert.equal(create.status, 500, create.text);
      const error = (create.json as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'InternalServerError');
      assert.match(error.message, new RegExp(code));
      const imported = await call('POST', url('/projects/q/:import'), {
        key: service.key,
        body: singleLabelProject('q', 'docs'),
      });
      assert.equal(imported.status, 500, imported.text);
      failWith = undefined;
      assert.equal((await call('GET', url('/projects/p'), { key: service.key })).status, 404, 'not half-created');
      assert.equal((await call('GET', url('/projects'), { key: service.key })).status, 200, 'still serving');
      await importProject('p');
    });
  }

  it('a write that fails inside a job fails the job with the reason, and nothing is left unhandled', async () => {
    await importProject('p');
    engine.holdTraining = true;
    const started = await train('p');
    assert.equal(started.status, 202, started.text);
    for (let i = 0; i < 200 && engine.trainCalls === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    failWith = 'ENOSPC';
    engine.release();
    const job = await waitForJob(operationLocation(started), service.key);
    assert.equal(job.status, 'failed');
    assert.match(JSON.stringify(job.errors), /disk is full/);
    failWith = undefined;
    assert.equal((await call('GET', url('/projects/p/models/m1'), { key: service.key })).status, 404);
  });

  it('a project deleted while its training job saves the model stays deleted', async () => {
    await importProject('victim');
    let open = (): void => undefined;
    modelGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const started = await train('victim');
    assert.equal(started.status, 202, started.text);
    for (let i = 0; i < 200 && !modelWriteStarted; i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.ok(modelWriteStarted, 'the model write is in flight');
    const deleted = await call('DELETE', url('/projects/victim'), { key: service.key });
    assert.equal(deleted.status, 202, deleted.text);
    await new Promise((r) => setTimeout(r, 20));
    open();
    const deletion = await waitForJob(operationLocation(deleted), service.key);
    assert.equal(deletion.status, 'succeeded');
    const training = await waitForJob(operationLocation(started), service.key);
    assert.equal(training.status, 'failed', 'the training reports that its project went away');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await call('GET', url('/projects/victim'), { key: service.key })).status, 404);
    await service.close();
    await start();
    assert.equal((await call('GET', url('/projects/victim'), { key: service.key })).status, 404, 'after restart');
    assert.equal(existsSync(path.join(dirs.dataDir, 'projects', 'victim')), false, 'no folder left behind');
  });

  it('a swap does not bring back a deployment deleted meanwhile', async () => {
    await importProject('p');
    assert.equal((await waitForJob(operationLocation(await train('p')), service.key)).status, 'succeeded');
    for (const d of ['a', 'b']) {
      const res = await call('PUT', url(`/projects/p/deployments/${d}`), {
        key: service.key,
        body: { trainedModelLabel: 'm1' },
      });
      assert.equal((await waitForJob(operationLocation(res), service.key)).status, 'succeeded');
    }
    const [swap, del] = await Promise.all([
      call('POST', url('/projects/p/deployments/:swap'), {
        key: service.key,
        body: { firstDeploymentName: 'a', secondDeploymentName: 'b' },
      }),
      call('DELETE', url('/projects/p/deployments/b'), { key: service.key }),
    ]);
    await waitForJob(operationLocation(swap), service.key);
    assert.equal((await waitForJob(operationLocation(del), service.key)).status, 'succeeded');
    assert.equal((await call('GET', url('/projects/p/deployments/b'), { key: service.key })).status, 404);
  });
});

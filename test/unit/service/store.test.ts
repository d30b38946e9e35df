import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Jobs } from '../../../src/service/jobs';
import { Store } from '../../../src/service/store';
import { makeTempDirs } from './fixtures';
import type { TempDirs } from './fixtures';

describe('service store', () => {
  let dirs: TempDirs;
  beforeEach(async () => {
    dirs = await makeTempDirs();
  });
  afterEach(() => dirs.cleanup());

  const project = (name: string) => ({
    metadata: {
      projectName: name,
      projectKind: 'CustomSingleLabelClassification' as const,
      storageInputContainerName: 'c',
      language: 'en',
    },
    createdDateTime: '2024-01-01T00:00:00Z',
    lastModifiedDateTime: '2024-01-01T00:00:00Z',
    projectFileVersion: '2022-05-01',
  });

  it('reloads what it saved, removing leftovers of interrupted writes and skipping unreadable files', async () => {
    const store = await Store.open(dirs.dataDir);
    await store.saveProject(project('p1'));
    await store.saveProject(project('p.2'));
    const projectsDir = path.join(dirs.dataDir, 'projects');
    const p1Dir = path.join(projectsDir, 'p1');
    await writeFile(path.join(p1Dir, 'project.json.abc.tmp'), '{"half', 'utf8');
    await writeFile(path.join(dirs.dataDir, 'jobs', 'broken.json'), '{"jobId":', 'utf8');
    const reopened = await Store.open(dirs.dataDir);
    assert.deepEqual([...reopened.projects.keys()].sort(), ['p.2', 'p1']);
    assert.deepEqual(await readdir(p1Dir), ['project.json']);
    assert.equal(reopened.warnings.length, 1);
  });

  it('deletes a project with everything under it', async () => {
    const store = await Store.open(dirs.dataDir);
    await store.saveProject(project('p1'));
    await store.deleteProject('p1');
    assert.deepEqual(await readdir(path.join(dirs.dataDir, 'projects')), []);
    assert.equal((await Store.open(dirs.dataDir)).projects.size, 0);
  });

  it('reports jobs left running by a previous process as failed', async () => {
    const store = await Store.open(dirs.dataDir);
    const jobs = new Jobs(store);
    const job = await jobs.create({ kind: 'train', apiVersion: '2023-04-01', projectName: 'p1' });
    job.status = 'running';
    job.training = {
      modelLabel: 'm',
      trainingConfigVersion: '2022-05-01',
      trainingStatus: { percentComplete: 40, status: 'running' },
      evaluationStatus: { percentComplete: 0, status: 'notStarted' },
    };
    await store.saveJob(job);
    const reopened = await Store.open(dirs.dataDir);
    assert.equal(await new Jobs(reopened).recoverInterrupted(), 1);
    const recovered = (await Store.open(dirs.dataDir)).jobs.get(job.jobId);
    assert.equal(recovered?.status, 'failed');
    assert.equal(recovered.training?.trainingStatus.status, 'failed');
    assert.match(recovered.errors[0]?.message ?? '', /stopped while this job was in progress/);
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { call, operationLocation } from '../unit/service/http';
import { labelsFor, makeContainers } from './serviceFixture';

const CLI = path.resolve(__dirname, '..', '..', 'src', 'service', 'cli.js');
const KEY = 'crash-test-key';
const V = 'api-version=2023-04-01';

interface Child {
  process: ChildProcess;
  endpoint: string;
}

/** Starts the compiled CLI and waits for its "endpoint:" line. */
function startChild(dataDir: string, containersDir: string): Promise<Child> {
  const child = spawn(
    process.execPath,
    [CLI, '--port', '0', '--data', dataDir, '--containers', containersDir, '--key', KEY],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const endpoint = /^endpoint: (\S+)$/m.exec(out)?.[1];
      if (endpoint !== undefined && /^key: /m.test(out)) resolve({ process: child, endpoint });
    });
    child.once('exit', (code) => {
      reject(new Error(`service exited with ${String(code)}: ${err}`));
    });
  });
}

function kill9(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => {
      resolve();
    });
    child.process.kill('SIGKILL');
  });
}

describe('contract: kill -9 at random moments leaves a readable store', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;
  let containersDir: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'cts-crash-'));
    dataDir = path.join(root, 'data');
    containersDir = await makeContainers(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('survives SIGKILL during writes, and reports a training job that was running as failed', async () => {
    const jobUrls: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const child = await startChild(dataDir, containersDir);
      const url = (p: string): string => `${child.endpoint}/language/authoring/analyze-text${p}?${V}`;
      // Fire writes without waiting, then kill at a random moment among them.
      const writes = Array.from({ length: 6 }, (_, i) =>
        call('POST', url(`/projects/P${round}_${i}/:import`), {
          key: KEY,
          body: labelsFor('loans', `P${round}_${i}`, 5),
        })
          .then((res) => {
            if (res.status === 202) jobUrls.push(operationLocation(res));
          })
          .catch(() => undefined),
      );
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      await kill9(child);
      await Promise.all(writes);
    }

    // Last round: a training job in flight when the process dies.
    let child = await startChild(dataDir, containersDir);
    let url = (p: string): string => `${child.endpoint}/language/authoring/analyze-text${p}?${V}`;
    const imported = await call('POST', url('/projects/Crash/:import'), {
      key: KEY,
      body: labelsFor('loans', 'Crash', 20),
    });
    assert.equal(imported.status, 202);
    for (let i = 0; i < 200; i += 1) {
      const state = await call('GET', operationLocation(imported), { key: KEY });
      if ((state.json as { status: string }).status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const train = await call('POST', url('/projects/Crash/:train'), {
      key: KEY,
      body: { modelLabel: 'm', trainingConfigVersion: 'latest' },
    });
    assert.equal(train.status, 202);
    const trainPath = new URL(operationLocation(train)).pathname;
    await kill9(child);

    child = await startChild(dataDir, containersDir);
    url = (p: string): string => `${child.endpoint}/language/authoring/analyze-text${p}?${V}`;
    try {
      const projects = await call('GET', url('/projects'), { key: KEY });
      assert.equal(projects.status, 200, 'the store is readable');
      const trainJob = (await call('GET', `${child.endpoint}${trainPath}?${V}`, { key: KEY })).json as {
        status: string;
        errors?: { message: string }[];
      };
      assert.equal(trainJob.status, 'failed');
      assert.match(trainJob.errors?.[0]?.message ?? '', /stopped while this job was in progress/);
      // No job is left stuck from any round.
      for (const jobUrl of jobUrls) {
        const state = await call('GET', `${child.endpoint}${new URL(jobUrl).pathname}?${V}`, { key: KEY });
        assert.equal(state.status, 200);
        assert.ok(['succeeded', 'failed'].includes((state.json as { status: string }).status));
      }
      // Every project that exists is whole: it can be read and exported.
      for (const p of (projects.json as { value: { projectName: string }[] }).value) {
        assert.equal((await call('GET', url(`/projects/${p.projectName}`), { key: KEY })).status, 200);
      }
    } finally {
      await kill9(child);
    }
  });
});

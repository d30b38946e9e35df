import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startLocalService } from '../../../src/service/server';
import { runningService, singleLabelProject } from './fixtures';
import { call, operationLocation, waitForJob } from './http';

const V = 'api-version=2023-04-01';

describe('local service over HTTP (keyword engine)', function () {
  this.timeout(20_000);
  const local = runningService();
  let base: string;
  let key: string;

  const authoring = (p: string): string =>
    `${base}/language/authoring/analyze-text${p}${p.includes('?') ? '&' : '?'}${V}`;
  const importProject = async (name: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await call('POST', authoring(`/projects/${name}/:import`), { key, body });
    assert.equal(res.status, 202, res.text);
    return waitForJob(operationLocation(res), key);
  };
  const trainAndDeploy = async (name: string): Promise<void> => {
    const train = await call('POST', authoring(`/projects/${name}/:train`), {
      key,
      body: { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } },
    });
    assert.equal(train.status, 202, train.text);
    assert.equal((await waitForJob(operationLocation(train), key)).status, 'succeeded');
    const deploy = await call('PUT', authoring(`/projects/${name}/deployments/prod`), {
      key,
      body: { trainedModelLabel: 'm1' },
    });
    assert.equal(deploy.status, 202, deploy.text);
    assert.equal((await waitForJob(operationLocation(deploy), key)).status, 'succeeded');
  };
  const analyze = (body: unknown, query = ''): Promise<Awaited<ReturnType<typeof call>>> =>
    call('POST', `${base}/language/analyze-text/jobs?${V}${query}`, { key, body });

  beforeEach(() => {
    ({ endpoint: base, key } = local.service);
  });

  it('binds to loopback and answers 401 without the key or with a wrong one', async () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    for (const k of [undefined, 'wrong']) {
      const res = await call('GET', authoring('/projects'), k === undefined ? {} : { key: k });
      assert.equal(res.status, 401);
      assert.equal((res.json as { error: { code: string } }).error.code, '401');
    }
    assert.equal((await call('GET', authoring('/projects'), { key })).status, 200);
  });

  it('requires a supported api-version', async () => {
    const missing = await call('GET', `${base}/language/authoring/analyze-text/projects`, { key });
    assert.equal(missing.status, 400);
    assert.match((missing.json as { error: { message: string } }).error.message, /api-version/);
    const unknown = await call('GET', `${base}/language/authoring/analyze-text/projects?api-version=1999-01-01`, {
      key,
    });
    assert.equal(unknown.status, 404);
  });

  it('rejects malformed JSON, an unknown kind and a location escaping its container with clear 400s', async () => {
    const malformed = await call('POST', authoring('/projects/p1/:import'), {
      key,
      rawBody: '{"projectFileVersion": ',
    });
    assert.equal(malformed.status, 400);
    assert.equal(
      (malformed.json as { error: { innererror: { code: string } } }).error.innererror.code,
      'InvalidRequestBodyFormat',
    );

    const kind = singleLabelProject('p1', 'docs') as { metadata: Record<string, unknown> };
    kind.metadata.projectKind = 'CustomSentimentThing';
    const unknownKind = await call('POST', authoring('/projects/p1/:import'), { key, body: kind });
    assert.equal(unknownKind.status, 400);
    assert.match(unknownKind.text, /projectKind/);

    for (const location of ['../outside.txt', '/etc/passwd', 'sub/../../x.txt']) {
      const body = singleLabelProject('p1', 'docs') as { assets: { documents: { location: string }[] } };
      const first = body.assets.documents[0];
      assert.ok(first);
      first.location = location;
      const res = await call('POST', authoring('/projects/p1/:import'), { key, body });
      assert.equal(res.status, 400, location);
      assert.match((res.json as { error: { message: string } }).error.message, /inside its container/);
    }
  });

  it('fails an import whose document is a symlink leading outside the container', async () => {
    await writeFile(path.join(local.dirs.root, 'secret.txt'), 'outside', 'utf8');
    await symlink(path.join(local.dirs.root, 'secret.txt'), path.join(local.dirs.containersDir, 'docs', 'link.txt'));
    const body = singleLabelProject('p1', 'docs') as { assets: { documents: { location: string }[] } };
    const first = body.assets.documents[0];
    assert.ok(first);
    first.location = 'link.txt';
    const job = await importProject('p1', body);
    assert.equal(job.status, 'failed');
    assert.match(JSON.stringify(job.errors), /outside container/);
    assert.equal((await call('GET', authoring('/projects/p1'), { key })).status, 404);
  });

  it('refuses bodies over the size limit with 413', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const res = await call('POST', `${base}/language/analyze-text/jobs?${V}`, {
      key,
      rawBody: JSON.stringify({ big }),
    });
    assert.equal(res.status, 413);
    assert.equal(
      (res.json as { error: { innererror: { code: string } } }).error.innererror.code,
      'InvalidDocumentBatch',
    );
  });

  it('runs import → train → deploy → analyze with job states, operation-location and runtime shapes', async () => {
    const imported = await importProject('p1', singleLabelProject('p1', 'docs'));
    assert.equal(imported.status, 'succeeded');
    assert.match(String(imported.jobId), /^[0-9a-f-]{36}_\d{18}$/);
    const project = await call('GET', authoring('/projects/p1'), { key });
    assert.equal((project.json as { projectKind: string }).projectKind, 'CustomSingleLabelClassification');
    await trainAndDeploy('p1');

    const jobs = await call('GET', authoring('/projects/p1/train/jobs'), { key });
    const trainJob = (
      jobs.json as { value: { result: { trainingStatus: { percentComplete: number; status: string } } }[] }
    ).value[0];
    assert.deepEqual(trainJob?.result.trainingStatus.percentComplete, 100);
    const model = await call('GET', authoring('/projects/p1/models/m1'), { key });
    assert.equal((model.json as { hasSnapshot: boolean }).hasSnapshot, true);
    const evaluation = await call(
      'GET',
      authoring('/projects/p1/models/m1/evaluation/result?stringIndexType=Utf16CodeUnit&maxpagesize=1'),
      { key },
    );
    const page = evaluation.json as { value: unknown[]; nextLink?: string };
    assert.equal(page.value.length, 1);
    assert.ok(page.nextLink?.includes('skip=1'));

    const submit = await analyze({
      displayName: 'run',
      analysisInput: {
        documents: [
          { id: '1', text: 'Food for everyone' },
          { id: '2', text: 'sports news' },
          { id: '3', text: '' },
        ],
      },
      tasks: [
        {
          kind: 'CustomSingleLabelClassification',
          taskName: 't',
          parameters: { projectName: 'p1', deploymentName: 'prod' },
        },
      ],
    });
    assert.equal(submit.status, 202, submit.text);
    const location = operationLocation(submit);
    assert.match(location, /\/language\/analyze-text\/jobs\/[0-9a-f-]{36}\?api-version=2023-04-01$/);
    await waitForJob(location, key);
    const result = (await call('GET', `${location}&showStats=true`, { key })).json as {
      lastUpdateDateTime: string;
      lastUpdatedDateTime: string;
      tasks: {
        items: {
          kind: string;
          results: {
            documents: { id: string; class: { category: string }[]; statistics: unknown }[];
            errors: { id: string }[];
            statistics: unknown;
          };
        }[];
      };
    };
    assert.ok(result.lastUpdateDateTime && result.lastUpdatedDateTime);
    const item = result.tasks.items[0];
    assert.equal(item?.kind, 'CustomSingleLabelClassificationLROResults');
    assert.deepEqual(
      item.results.documents.map((d) => d.class[0]?.category),
      ['food', 'sports'],
    );
    assert.deepEqual(
      item.results.errors.map((e) => e.id),
      ['3'],
    );
    assert.ok(item.results.documents[0]?.statistics);
    assert.ok(item.results.statistics);
  });

  it('applies confidenceThreshold: the top class below it becomes None', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    const patch = await call('PATCH', authoring('/projects/p1'), {
      key,
      body: { settings: { confidenceThreshold: 0.5 } },
    });
    assert.equal(patch.status, 200, patch.text);
    await trainAndDeploy('p1');
    const submit = await analyze({
      analysisInput: {
        documents: [
          { id: '1', text: 'nothing relevant' },
          { id: '2', text: 'food' },
        ],
      },
      tasks: [{ kind: 'CustomSingleLabelClassification', parameters: { projectName: 'p1', deploymentName: 'prod' } }],
    });
    const job = (await waitForJob(operationLocation(submit), key)) as {
      tasks: { items: { results: { documents: { class: { category: string }[] }[] } }[] };
    };
    assert.deepEqual(
      job.tasks.items[0]?.results.documents.map((d) => d.class[0]?.category),
      ['None', 'food'],
    );
  });

  it('enforces runtime limits and unknown project or deployment', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    await trainAndDeploy('p1');
    const task = { kind: 'CustomSingleLabelClassification', parameters: { projectName: 'p1', deploymentName: 'prod' } };
    const docs = (n: number, text = 'x'): { id: string; text: string }[] =>
      Array.from({ length: n }, (_, i) => ({ id: String(i), text }));
    const tooMany = await analyze({ analysisInput: { documents: docs(26) }, tasks: [task] });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.text, /Max 25 records/);
    const tooLong = await analyze({ analysisInput: { documents: docs(2, 'y'.repeat(70_000)) }, tasks: [task] });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /125000 characters/);
    const noProject = await analyze({
      analysisInput: { documents: docs(1) },
      tasks: [{ ...task, parameters: { projectName: 'nope', deploymentName: 'prod' } }],
    });
    assert.equal(noProject.status, 404);
    assert.equal((noProject.json as { error: { code: string } }).error.code, 'ProjectNotFound');
    const noDeployment = await analyze({
      analysisInput: { documents: docs(1) },
      tasks: [{ ...task, parameters: { projectName: 'p1', deploymentName: 'nope' } }],
    });
    assert.equal(noDeployment.status, 404);
    const wrongKind = await analyze({
      analysisInput: { documents: docs(1) },
      tasks: [{ ...task, kind: 'CustomEntityRecognition' }],
    });
    assert.equal(wrongKind.status, 400);
  });

  it('pages runtime results with top/skip and nextLink', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    await trainAndDeploy('p1');
    const submit = await analyze({
      analysisInput: { documents: Array.from({ length: 5 }, (_, i) => ({ id: `d${i}`, text: 'food' })) },
      tasks: [{ kind: 'CustomSingleLabelClassification', parameters: { projectName: 'p1', deploymentName: 'prod' } }],
    });
    const location = operationLocation(submit);
    await waitForJob(location, key);
    const first = (await call('GET', `${location}&top=2`, { key })).json as {
      nextLink?: string;
      tasks: { items: { results: { documents: { id: string }[] } }[] };
    };
    assert.deepEqual(
      first.tasks.items[0]?.results.documents.map((d) => d.id),
      ['d0', 'd1'],
    );
    assert.ok(first.nextLink);
    const second = (await call('GET', first.nextLink, { key })).json as {
      tasks: { items: { results: { documents: { id: string }[] } }[] };
    };
    assert.deepEqual(
      second.tasks.items[0]?.results.documents.map((d) => d.id),
      ['d2', 'd3'],
    );
  });

  it('allows one training job per project at a time, and cancels it', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    local.engine.holdTraining = true;
    const body = { modelLabel: 'm1', trainingConfigVersion: 'latest' };
    const first = await call('POST', authoring('/projects/p1/:train'), { key, body });
    assert.equal(first.status, 202);
    const second = await call('POST', authoring('/projects/p1/:train'), { key, body: { ...body, modelLabel: 'm2' } });
    assert.equal(second.status, 409);
    assert.equal((second.json as { error: { code: string } }).error.code, 'Conflict');
    const location = operationLocation(first);
    const jobId = /train\/jobs\/([^?]+)/.exec(location)?.[1] ?? '';
    // Wait until running so the cancel interrupts real work.
    for (
      let i = 0;
      i < 100 && ((await call('GET', location, { key })).json as { status: string }).status !== 'running';
      i += 1
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const cancel = await call('POST', authoring(`/projects/p1/train/jobs/${jobId}/:cancel`), { key });
    assert.equal(cancel.status, 202);
    assert.equal(operationLocation(cancel), location);
    const done = await waitForJob(location, key);
    assert.equal(done.status, 'cancelled');
    assert.equal((await call('GET', authoring('/projects/p1/models/m1'), { key })).status, 404);
  });

  it('injects faults: 429 with Retry-After for chosen routes, a limited number of times', async () => {
    local.service.faults.set([{ path: '/projects$', status: 429, retryAfterSeconds: 3, times: 1 }]);
    const throttled = await call('GET', authoring('/projects'), { key });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers['retry-after'], '3');
    assert.equal((throttled.json as { error: { code: string } }).error.code, '429');
    assert.equal((await call('GET', authoring('/projects'), { key })).status, 200);
    local.service.faults.set([{ path: 'languages', malformedBody: true }]);
    const broken = await call('GET', authoring('/projects/global/languages'), { key });
    assert.equal(broken.status, 200);
    assert.throws(() => JSON.parse(broken.text) as unknown);
  });

  it('injects a job delay: the job stays notStarted until it is due, and can be cancelled meanwhile', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    local.service.faults.set([{ method: 'POST', path: '/:train$', jobDelayMs: 60_000, times: 1 }]);
    const body = { modelLabel: 'm1', trainingConfigVersion: 'latest' };
    const train = await call('POST', authoring('/projects/p1/:train'), { key, body });
    assert.equal(train.status, 202);
    const location = operationLocation(train);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(((await call('GET', location, { key })).json as { status: string }).status, 'notStarted');
    const jobId = /train\/jobs\/([^?]+)/.exec(location)?.[1] ?? '';
    assert.equal((await call('POST', authoring(`/projects/p1/train/jobs/${jobId}/:cancel`), { key })).status, 202);
    assert.equal((await waitForJob(location, key)).status, 'cancelled');
    // The rule applied once: the next training starts at once.
    const next = await call('POST', authoring('/projects/p1/:train'), { key, body });
    assert.equal((await waitForJob(operationLocation(next), key)).status, 'succeeded');
  });

  it('reads fault rules from CUSTOM_TEXT_FAULTS at start', async () => {
    const other = await startLocalService({
      dataDir: path.join(local.dirs.root, 'data2'),
      engine: local.engine,
      closeEngine: false,
      env: { CUSTOM_TEXT_FAULTS: JSON.stringify([{ method: 'GET', path: '/projects', status: 503 }]) },
    });
    try {
      const res = await call('GET', `${other.endpoint}/language/authoring/analyze-text/projects?${V}`, {
        key: other.key,
      });
      assert.equal(res.status, 503);
      assert.equal((res.json as { error: { code: string } }).error.code, 'ServiceUnavailable');
    } finally {
      await other.close();
    }
  });

  it('exports exactly what was imported and restores a model snapshot', async () => {
    const labels = singleLabelProject('p1', 'docs');
    await importProject('p1', labels);
    await trainAndDeploy('p1');
    const exportOnce = async (query = ''): Promise<unknown> => {
      const res = await call('POST', authoring(`/projects/p1/:export?stringIndexType=Utf16CodeUnit${query}`), { key });
      assert.equal(res.status, 202, res.text);
      const job = await waitForJob(operationLocation(res), key);
      return (await call('GET', String(job.resultUrl), { key })).json;
    };
    assert.deepEqual(await exportOnce(), labels);
    const changed = structuredClone(labels) as { assets: { classes: { category: string }[] } };
    changed.assets.classes.push({ category: 'travel' });
    await importProject('p1', changed);
    assert.deepEqual(await exportOnce(), changed);
    assert.deepEqual(await exportOnce('&trainedModelLabel=m1'), labels);
    const load = await call('POST', authoring('/projects/p1/models/m1/:load-snapshot'), { key });
    assert.equal((await waitForJob(operationLocation(load), key)).status, 'succeeded');
    assert.deepEqual(await exportOnce(), labels);
  });

  it('keeps projects, models, deployments and jobs across a restart', async () => {
    await importProject('p1', singleLabelProject('p1', 'docs'));
    await trainAndDeploy('p1');
    await local.service.close();
    local.service = await startLocalService({
      dataDir: local.dirs.dataDir,
      engine: local.engine,
      containers: { dir: local.dirs.containersDir },
      env: {},
      key,
    });
    base = local.service.endpoint;
    assert.equal((await call('GET', authoring('/projects/p1/models/m1'), { key })).status, 200);
    assert.equal((await call('GET', authoring('/projects/p1/deployments/prod'), { key })).status, 200);
    const jobs = (await call('GET', authoring('/projects/p1/train/jobs'), { key })).json as {
      value: { status: string }[];
    };
    assert.deepEqual(
      jobs.value.map((j) => j.status),
      ['succeeded'],
    );
  });
});

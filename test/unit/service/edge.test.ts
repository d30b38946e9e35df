// The service's edge as another client would meet it: raw paths with dot segments, names that are not names,
// foreign Host headers, query values spelled the way other SDKs spell them, and retry hints on running jobs.
import assert from 'node:assert/strict';
import { runningService, singleLabelProject } from './fixtures';
import { call, operationLocation, rawCall, waitForJob } from './http';

const V = 'api-version=2023-04-01';
const A = '/language/authoring/analyze-text';

describe('local service edge: paths, names, Host, query values, retry hints', function () {
  this.timeout(20_000);
  const local = runningService();
  let base: string;
  let key: string;

  const url = (p: string): string => `${base}${A}${p}${p.includes('?') ? '&' : '?'}${V}`;
  const importProject = async (name: string): Promise<void> => {
    const res = await call('POST', url(`/projects/${name}/:import`), { key, body: singleLabelProject(name, 'docs') });
    assert.equal(res.status, 202, res.text);
    assert.equal((await waitForJob(operationLocation(res), key)).status, 'succeeded');
  };
  const train = async (name: string, modelLabel: string): Promise<Awaited<ReturnType<typeof call>>> =>
    call('POST', url(`/projects/${name}/:train`), {
      key,
      body: { modelLabel, trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } },
    });

  beforeEach(() => {
    ({ endpoint: base, key } = local.service);
  });

  it('refuses ".." and over-long model labels, and a ".." path segment never reaches the project', async () => {
    await importProject('victim');
    for (const label of ['..', '.', 'x'.repeat(228), 'a/b']) {
      const res = await train('victim', label);
      assert.equal(res.status, 400, `${label.slice(0, 10)}: ${res.text}`);
      assert.equal((res.json as { error: { code: string } }).error.code, 'InvalidRequest');
    }
    for (const segment of ['..', '%2E%2E', '%2e.', '.', '%2E']) {
      for (const method of ['DELETE', 'GET']) {
        const res = await rawCall(base, method, `${A}/projects/victim/models/${segment}?${V}`, { key });
        assert.equal(res.status, 404, `${method} ${segment}: ${res.text}`);
      }
      const up = await rawCall(base, 'GET', `${A}/projects/other/${segment}/victim?${V}`, { key });
      assert.equal(up.status, 404, `${segment}: ${up.text}`);
    }
    assert.equal((await call('GET', url('/projects/victim'), { key })).status, 200, 'the project is still there');
  });

  it('answers 404 for reads of names that cannot exist and 400 when creating them', async () => {
    const long = 'p'.repeat(51);
    assert.equal((await call('GET', url(`/projects/${long}`), { key })).status, 404);
    assert.equal((await call('GET', url('/projects/victim/train/jobs/not-a-job-id'), { key })).status, 404);
    const create = await call('PATCH', url(`/projects/${long}`), {
      key,
      body: {
        projectKind: 'CustomSingleLabelClassification',
        storageInputContainerName: 'docs',
        projectName: long,
        language: 'en',
      },
    });
    assert.equal(create.status, 400, create.text);
  });

  it('builds links from the address it serves and refuses foreign Host headers', async () => {
    const port = new URL(base).port;
    const foreign = await rawCall(base, 'GET', `${A}/projects?${V}`, { key, host: `attacker.example:${port}` });
    assert.equal(foreign.status, 403, foreign.text);
    assert.equal((foreign.json as { error: { code: string } }).error.code, 'Forbidden');
    const body = JSON.stringify(singleLabelProject('p', 'docs'));
    const local = await rawCall(base, 'POST', `${A}/projects/p/:import?${V}`, { key, host: `localhost:${port}`, body });
    assert.equal(local.status, 202, local.text);
    assert.ok(
      String(local.headers['operation-location']).startsWith(`${base}/`),
      String(local.headers['operation-location']),
    );
    for (const host of [`127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) {
      assert.equal((await rawCall(base, 'GET', `${A}/projects?${V}`, { key, host })).status, 200, host);
    }
  });

  it('parses showStats and paging values as Azure does', async () => {
    await importProject('p');
    assert.equal((await train('p', 'm1')).status, 202);
    await new Promise((r) => setTimeout(r, 50));
    const jobs = await call('GET', url('/projects/p/train/jobs'), { key });
    await waitForJob(
      `${base}${A}/projects/p/train/jobs/${(jobs.json as { value: { jobId: string }[] }).value[0]!.jobId}?${V}`,
      key,
    );
    const deploy = await call('PUT', url('/projects/p/deployments/prod'), { key, body: { trainedModelLabel: 'm1' } });
    await waitForJob(operationLocation(deploy), key);
    const submit = await call('POST', `${base}/language/analyze-text/jobs?${V}`, {
      key,
      body: {
        analysisInput: { documents: [{ id: '1', text: 'sports match' }] },
        tasks: [{ kind: 'CustomSingleLabelClassification', parameters: { projectName: 'p', deploymentName: 'prod' } }],
      },
    });
    const job = operationLocation(submit);
    await waitForJob(job, key);
    for (const value of ['True', 'TRUE', 'true']) {
      const res = await call('GET', `${job}&showStats=${value}`, { key });
      const item = (res.json as { tasks: { items: { results: { statistics?: unknown } }[] } }).tasks.items[0]!;
      assert.ok(item.results.statistics, `showStats=${value}`);
    }
    assert.equal((await call('GET', `${job}&showStats=yes`, { key })).status, 400);
    for (const bad of ['1e2', '0x10', '2147483648', '-1', '1.5', 'ten']) {
      const res = await call('GET', url(`/projects?top=${bad}`), { key });
      assert.equal(res.status, 400, `top=${bad}: ${res.text}`);
    }
    const zero = await call('GET', url('/projects?top=0'), { key });
    assert.deepEqual((zero.json as { value: unknown[] }).value, []);
    const far = await call('GET', url('/projects?skip=2147483647'), { key });
    assert.deepEqual((far.json as { value: unknown[] }).value, []);
  });

  it('answers malformed bodies with Azure-shaped errors: wrong content type, BOM, unknown kinds, wrong types', async () => {
    const target = `${A}/projects/p?${V}`;
    const project = {
      projectKind: 'CustomSingleLabelClassification',
      storageInputContainerName: 'docs',
      projectName: 'p',
      language: 'en',
    };
    const cases: [string, string | undefined, number, string][] = [
      [JSON.stringify(project), 'text/plain', 415, 'InvalidRequest'],
      [`\uFEFF${JSON.stringify(project)}`, undefined, 400, 'InvalidRequest'],
      [JSON.stringify({ ...project, projectKind: 'CustomWhatever' }), undefined, 400, 'InvalidRequest'],
      [JSON.stringify({ ...project, language: 7 }), undefined, 400, 'InvalidRequest'],
    ];
    for (const [body, contentType, status, code] of cases) {
      const res = await rawCall(base, 'PATCH', target, { key, body, ...(contentType ? { contentType } : {}) });
      assert.equal(res.status, status, res.text);
      assert.equal((res.json as { error: { code: string } }).error.code, code);
    }
    const ok = await rawCall(base, 'PATCH', target, {
      key,
      body: JSON.stringify(project),
      contentType: 'application/json; charset=utf-8',
    });
    assert.equal(ok.status, 201, ok.text);
  });

  it('slows down repeated wrong keys, never the right one', async () => {
    const wrong = async (): Promise<number> => {
      const t = performance.now();
      assert.equal((await call('GET', url('/projects'), { key: 'wrong' })).status, 401);
      return performance.now() - t;
    };
    for (let i = 0; i < 10; i += 1) assert.ok((await wrong()) < 200, `attempt ${i + 1} answers at once`);
    await wrong();
    assert.ok((await wrong()) >= 450, 'the 12th wrong key waits');
    const t = performance.now();
    assert.equal((await call('GET', url('/projects'), { key })).status, 200);
    assert.ok(performance.now() - t < 200, 'the right key is not delayed');
  });

  it('tells pollers when to ask again while a job runs, and stops once it is done', async () => {
    await importProject('p');
    local.engine.holdTraining = true;
    const started = await train('p', 'm1');
    assert.equal(started.status, 202);
    assert.equal(started.headers['retry-after'], '1');
    for (let i = 0; i < 200 && local.engine.trainCalls === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    const running = await call('GET', operationLocation(started), { key });
    assert.equal((running.json as { status: string }).status, 'running');
    assert.equal(running.headers['retry-after'], '1');
    assert.ok(Number(running.headers['retry-after-ms']) > 0);
    local.engine.release();
    await waitForJob(operationLocation(started), key);
    const done = await call('GET', operationLocation(started), { key });
    assert.equal(done.headers['retry-after'], undefined);
  });
});

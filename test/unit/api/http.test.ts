// Every failure the real service produces, through the client, on an undici MockAgent.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ApiError, JobFailedError, NetworkError, SchemaError, isAbortError } from '../../../src/api/errors';
import { aJob, aProject, aTrainingJob, endpoint, harness, projectsPath, secretKey } from './helpers';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/** Waits for deployment job `jobId` of project p / deployment prod, started before. */
async function waitForDeployment(h: ReturnType<typeof harness>, jobId = 'd1'): Promise<{ status: string }> {
  const url = `${endpoint}${projectsPath}/p/deployments/prod/jobs/${jobId}?api-version=2023-04-01`;
  h.on('PUT', `${projectsPath}/p/deployments/prod`, 202, undefined, { 'operation-location': url });
  return h.client.deployAndWait('p', 'prod', { trainedModelLabel: 'm1' });
}

function assertNoSecret(harnessLog: unknown[], error: unknown): void {
  assert.ok(!String(error).includes(secretKey), 'String(error)');
  assert.ok(!inspect(error, { depth: 10 }).includes(secretKey), 'inspect(error)');
  assert.ok(!JSON.stringify(harnessLog).includes(secretKey), 'request log');
}

describe('api client: HTTP behaviour and failures', () => {
  it('lists projects across pages via nextLink, with the key header and api-version', async () => {
    const h = harness();
    h.on('GET', projectsPath, 200, {
      value: [aProject('a'), aProject('b')],
      nextLink: `${endpoint}${projectsPath}?api-version=2023-04-01&skip=2`,
    });
    h.on('GET', projectsPath, 200, { value: [aProject('c', 'customSingleLabelClassification')], nextLink: null });
    const projects = await h.client.listProjects();
    assert.deepEqual(
      projects.map((p) => p.projectName),
      ['a', 'b', 'c'],
    );
    assert.equal(projects[2]?.projectKind, 'CustomSingleLabelClassification');
    assert.equal(h.seen[0]?.headers['ocp-apim-subscription-key'], secretKey);
    assert.match(h.seen[0].path, /api-version=2023-04-01/);
    assert.match(h.seen[1]?.path ?? '', /skip=2/);
    assert.equal(h.log.length, 2);
    assert.equal(h.log[0]?.status, 200);
  });

  it('stops after maxPages', async () => {
    const h = harness();
    h.on('GET', projectsPath, 200, { value: [aProject('a')], nextLink: `${endpoint}${projectsPath}?skip=1` });
    const projects = await h.client.listProjects({ maxPages: 1 });
    assert.equal(projects.length, 1);
    assert.equal(h.seen.length, 1);
  });

  it('loads one page at a time and continues from its nextLink', async () => {
    const h = harness();
    const next = `${endpoint}${projectsPath}?api-version=2023-04-01&top=2&skip=2&maxpagesize=2`;
    h.on('GET', projectsPath, 200, { value: [aProject('a'), aProject('b')], nextLink: next });
    h.on('GET', projectsPath, 200, { value: [aProject('c')], nextLink: null });
    const first = await h.client.listProjectsPage({ pageSize: 2 });
    assert.equal(first.nextLink, next);
    assert.match(h.seen[0]?.path ?? '', /maxpagesize=2/);
    const second = await h.client.listProjectsPage({ nextLink: first.nextLink ?? undefined });
    assert.deepEqual(
      second.value.map((p) => p.projectName),
      ['c'],
    );
    assert.equal(h.seen[1]?.path, next.slice(endpoint.length));
  });

  it('sends a bearer token from a token provider instead of the key', async () => {
    const h = harness({ credential: { getToken: () => Promise.resolve('tok-123') } });
    h.on('GET', projectsPath, 200, { value: [] });
    await h.client.listProjects();
    assert.equal(h.seen[0]?.headers.authorization, 'Bearer tok-123');
    assert.equal(h.seen[0].headers['ocp-apim-subscription-key'], undefined);
  });

  it('400 with inner errors: code, message, inner chain, request id; not retried', async () => {
    const h = harness();
    h.on(
      'POST',
      '/language/analyze-text/jobs',
      400,
      {
        error: {
          code: 'InvalidRequest',
          message: 'Invalid document in request.',
          innererror: {
            code: 'InvalidDocumentBatch',
            message: 'Batch request contains too many records. Max 25 records are permitted.',
          },
        },
      },
      { 'apim-request-id': 'req-400' },
    );
    const error = await rejection(
      h.client.runtime.beginAnalyze(
        [{ id: '1', text: 'x' }],
        [{ kind: 'CustomSingleLabelClassification', projectName: 'p', deploymentName: 'd' }],
      ),
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'InvalidRequest');
    assert.equal(error.innermostCode, 'InvalidDocumentBatch');
    assert.equal(error.requestId, 'req-400');
    assert.match(
      error.message,
      /HTTP 400 InvalidRequest: Invalid document in request\. \(InvalidDocumentBatch: Batch request/,
    );
    assert.equal(h.seen.length, 1);
    assertNoSecret(h.log, error);
  });

  it('401: reported without the key anywhere', async () => {
    const h = harness();
    h.on('GET', projectsPath, 401, {
      error: {
        code: '401',
        message: `Access denied due to invalid subscription key ${secretKey} or wrong API endpoint.`,
      },
    });
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 401);
    assert.match(error.message, /\*\*\*/);
    assertNoSecret(h.log, error);
    assert.equal(h.seen.length, 1);
  });

  it('the key is not visible by inspecting or serialising the client', () => {
    const h = harness();
    assert.ok(!inspect(h.client, { depth: 10, showHidden: true }).includes(secretKey));
    assert.ok(
      !JSON.stringify(h.client, (_k, v: unknown) => (v instanceof Object && 'agent' in v ? undefined : v)).includes(
        secretKey,
      ),
    );
  });

  it('a token provider failure reaches the caller unchanged and is not retried', async () => {
    let calls = 0;
    const h = harness({
      credential: {
        getToken: () => {
          calls++;
          return Promise.reject(new Error('AADSTS700016: application not found'));
        },
      },
    });
    await assert.rejects(h.client.listProjects(), /AADSTS700016/);
    assert.equal(calls, 1);
    assert.equal(h.seen.length, 0);
  });

  it('403 quota with a days-long Retry-After: reported, not retried', async () => {
    const h = harness();
    h.on(
      'GET',
      projectsPath,
      403,
      {
        error: {
          code: '403',
          message: 'Out of call volume quota for TextAnalytics F0 pricing tier. Please retry after 2 days.',
        },
      },
      { 'retry-after': String(2 * 86400) },
    );
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof ApiError);
    assert.equal(error.isQuotaExceeded, true);
    assert.equal(error.retryAfterMs, 2 * 86400 * 1000);
    assert.equal(h.seen.length, 1);
    assert.deepEqual(h.sleeps, []);
  });

  it('404 and 409 carry the service code', async () => {
    const h = harness();
    h.on('GET', `${projectsPath}/missing`, 404, {
      error: { code: 'ProjectNotFound', message: 'The project missing could not be found.' },
    });
    h.on('DELETE', `${projectsPath}/busy/models/m`, 409, { error: { code: 'Conflict', message: 'A job is running.' } });
    const notFound = await rejection(h.client.getProject('missing'));
    assert.ok(notFound instanceof ApiError);
    assert.equal(notFound.status, 404);
    assert.equal(notFound.code, 'ProjectNotFound');
    const conflict = await rejection(h.client.deleteModel('busy', 'm'));
    assert.ok(conflict instanceof ApiError);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.code, 'Conflict');
  });

  it('429 with Retry-After: waits the given time, then succeeds (even for a POST)', async () => {
    const h = harness();
    h.on(
      'POST',
      `${projectsPath}/p/:train`,
      429,
      { error: { code: '429', message: 'Rate limit. Please retry after 2 seconds.' } },
      { 'retry-after': '2' },
    );
    h.on('POST', `${projectsPath}/p/:train`, 202, undefined, {
      'operation-location': `${endpoint}${projectsPath}/p/train/jobs/j1?api-version=2023-04-01`,
    });
    const url = await h.client.beginTrain('p', { modelLabel: 'm1', trainingConfigVersion: 'latest' });
    assert.match(url, /train\/jobs\/j1/);
    assert.deepEqual(h.sleeps, [2000]);
    assert.equal(h.seen.length, 2);
    assert.deepEqual(
      h.log.map((e) => [e.attempt, e.status]),
      [
        [1, 429],
        [2, 202],
      ],
    );
  });

  it('500 and 503 on a GET: retried with growing, jittered backoff, then reported', async () => {
    const h = harness({ retry: { maxRetries: 3, baseDelayMs: 100 } });
    h.on('GET', projectsPath, 500, { error: { code: 'InternalServerError', message: 'boom' } });
    h.on('GET', projectsPath, 503, 'Service Unavailable');
    h.on('GET', projectsPath, 503, { error: { code: 'ServiceUnavailable', message: 'busy' } });
    h.on('GET', projectsPath, 503, { error: { code: 'ServiceUnavailable', message: 'still busy' } });
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 503);
    assert.equal(error.serviceMessage, 'still busy');
    assert.equal(h.seen.length, 4);
    // random() = 0.5 → 75% of each doubling step.
    assert.deepEqual(h.sleeps, [75, 150, 300]);
  });

  it('500 on a POST is never re-sent', async () => {
    const h = harness();
    h.on('POST', `${projectsPath}/p/:train`, 500, { error: { code: 'InternalServerError', message: 'boom' } });
    const error = await rejection(h.client.beginTrain('p', { modelLabel: 'm1', trainingConfigVersion: 'latest' }));
    assert.ok(error instanceof ApiError);
    assert.equal(h.seen.length, 1);
  });

  it('a non-JSON error page still becomes an ApiError with its status', async () => {
    const h = harness({ retry: { maxRetries: 0 } });
    h.on('GET', projectsPath, 502, '<html><body>Bad Gateway</body></html>', { 'content-type': 'text/html' });
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 502);
    assert.match(error.message, /Bad Gateway/);
  });

  it('malformed JSON in a success answer: SchemaError', async () => {
    const h = harness();
    h.on('GET', projectsPath, 200, '{"value": [');
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof SchemaError);
    assert.match(error.message, /not valid JSON/);
  });

  it('schema drift: a missing or mistyped field is a SchemaError naming the path; new fields and casing are fine', async () => {
    const h = harness();
    h.on('GET', `${projectsPath}/p/models`, 200, { value: [{ label: 'm1', modelId: 42 }] });
    const error = await rejection(h.client.listModels('p'));
    assert.ok(error instanceof SchemaError);
    assert.ok(error.issues.some((i) => i.path === 'value.0.modelId'));
    assert.equal(error.operation, 'list models of p');

    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, {
      ...aTrainingJob('SUCCEEDED', 100, 100),
      lastUpdatedDateTime: undefined,
      lastUpdateDateTime: '2024-02-02T00:00:00Z',
      brandNewField: { nested: true },
    });
    const job = await h.client.waitForTraining('p', 'j1');
    assert.equal(job.status, 'succeeded');
    assert.equal(job.lastUpdatedDateTime, '2024-02-02T00:00:00Z');
  });

  it('connection reset: a GET is retried, a POST is reported as a network error', async () => {
    const h = harness();
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    h.pool.intercept({ method: 'GET', path: (p) => p.startsWith(projectsPath) }).replyWithError(reset);
    h.on('GET', projectsPath, 200, { value: [aProject('a')] });
    assert.equal((await h.client.listProjects()).length, 1);
    assert.equal(h.sleeps.length, 1);
    assert.equal(h.log[0]?.error?.includes('connectionReset'), true);

    h.pool.intercept({ method: 'POST', path: (p) => p.startsWith(`${projectsPath}/p/:train`) }).replyWithError(reset);
    const error = await rejection(h.client.beginTrain('p', { modelLabel: 'm1', trainingConfigVersion: 'latest' }));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.kind, 'connectionReset');
    assert.equal(error.causeCode, 'ECONNRESET');
  });

  it('timeout: no answer in time is a NetworkError of kind timeout', async () => {
    const h = harness({ timeoutMs: 50, retry: { maxRetries: 0 } });
    h.on('GET', projectsPath, 200, { value: [] }).delay(500);
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.kind, 'timeout');
  });

  it('refuses to follow a nextLink or operation-location to another host (the key would go with it)', async () => {
    const h = harness();
    h.on('GET', projectsPath, 200, { value: [aProject('a')], nextLink: 'https://evil.example.com/steal' });
    const error = await rejection(h.client.listProjects());
    assert.ok(error instanceof SchemaError);
    assert.match(error.message, /another host/);
    assert.equal(h.seen.length, 1);
  });

  it('rejects invalid names before sending anything', async () => {
    const h = harness();
    const error = await rejection(h.client.getProject('my project/../x'));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ValidationError');
    assert.match(error.message, /contains " "/);
    assert.equal(h.seen.length, 0);
  });
});

describe('api client: long-running jobs', () => {
  it('trainAndWait: polls with backoff, honours Retry-After, reports percentComplete', async () => {
    const h = harness({ poll: { initialIntervalMs: 1000, backoffFactor: 2, maxIntervalMs: 3000 } });
    const jobUrl = `${endpoint}${projectsPath}/p/train/jobs/j1?api-version=2023-04-01`;
    h.on('POST', `${projectsPath}/p/:train`, 202, undefined, { 'operation-location': jobUrl });
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('notStarted', 0));
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('running', 50), { 'retry-after': '5' });
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('running', 100, 0));
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('running', 100, 50));
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('succeeded', 100, 100));
    const progress: (number | undefined)[] = [];
    const job = await h.client.trainAndWait(
      'p',
      {
        modelLabel: 'm1',
        trainingConfigVersion: 'latest',
        evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
      },
      { onProgress: (p) => progress.push(p.percentComplete) },
    );
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(progress, [0, 50, 90, 95, 100]);
    assert.deepEqual(h.sleeps, [1000, 5000, 3000, 3000]);
    assert.deepEqual(h.seen[0]?.body, {
      modelLabel: 'm1',
      trainingConfigVersion: 'latest',
      evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
    });
  });

  it('abort mid-poll: stops at once with an abort error and sends nothing more', async () => {
    const h = harness();
    const controller = new AbortController();
    h.on('GET', `${projectsPath}/p/train/jobs/j1`, 200, aTrainingJob('running', 10));
    const error = await rejection(
      h.client.waitForTraining('p', 'j1', {
        signal: controller.signal,
        onProgress: () => {
          controller.abort();
        },
      }),
    );
    assert.equal(isAbortError(error), true);
    assert.equal(h.seen.length, 1);
  });

  it('tolerates a briefly unknown job (404 right after submit), but not a job that stays unknown', async () => {
    const h = harness({ poll: { initialIntervalMs: 250 } });
    const notFound = { error: { code: 'NotFound', message: 'job not found' } };
    h.on('GET', `${projectsPath}/p/deployments/prod/jobs/d1`, 404, notFound);
    h.on('GET', `${projectsPath}/p/deployments/prod/jobs/d1`, 200, aJob('succeeded'));
    const done = await waitForDeployment(h);
    assert.equal(done.status, 'succeeded');
    assert.deepEqual(h.sleeps, [250]);
    h.sleeps.length = 0;

    for (let i = 0; i < 4; i++) h.on('GET', `${projectsPath}/p/deployments/prod/jobs/d2`, 404, notFound);
    const error = await rejection(waitForDeployment(h, 'd2'));
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.deepEqual(h.sleeps, [250, 250, 250]);
  });

  it('an abort while a request is in flight is an abort, not a network error', async () => {
    const h = harness();
    const controller = new AbortController();
    h.on('GET', projectsPath, 200, { value: [] }).delay(5000);
    setTimeout(() => {
      controller.abort();
    }, 20);
    const error = await rejection(h.client.listProjects({ signal: controller.signal }));
    assert.equal(isAbortError(error), true);
    assert.ok(!(error instanceof NetworkError));
  });

  it('a job that ends failed: JobFailedError with the service errors', async () => {
    const h = harness();
    h.on('POST', `${projectsPath}/p/:import`, 202, undefined, {
      'operation-location': `${endpoint}${projectsPath}/p/import/jobs/j9`,
    });
    h.on(
      'GET',
      `${projectsPath}/p/import/jobs/j9`,
      200,
      aJob('failed', { errors: [{ code: 'InvalidRequest', message: 'Document 01.txt not found in container.' }] }),
    );
    const error = await rejection(
      h.client.importProjectAndWait({
        projectFileVersion: '2022-05-01',
        stringIndexType: 'Utf16CodeUnit',
        metadata: {
          projectName: 'p',
          projectKind: 'CustomSingleLabelClassification',
          language: 'en',
          storageInputContainerName: 'c',
        },
      }),
    );
    assert.ok(error instanceof JobFailedError);
    assert.equal(error.status, 'failed');
    assert.match(error.message, /01\.txt not found/);
  });

  it('exportProjectAndWait downloads the labels file from resultUrl', async () => {
    const h = harness();
    h.on('POST', `${projectsPath}/p/:export`, 202, undefined, {
      'operation-location': `${endpoint}${projectsPath}/p/export/jobs/e1`,
    });
    h.on(
      'GET',
      `${projectsPath}/p/export/jobs/e1`,
      200,
      aJob('succeeded', { resultUrl: `${endpoint}${projectsPath}/p/export/jobs/e1/result?api-version=2023-04-01` }),
    );
    h.on('GET', `${projectsPath}/p/export/jobs/e1/result`, 200, {
      projectFileVersion: '2022-05-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectName: 'p',
        projectKind: 'CustomMultiLabelClassification',
        language: 'en',
        storageInputContainerName: 'c',
      },
      assets: {
        projectKind: 'customMultiLabelClassification',
        classes: [{ category: 'A' }],
        documents: [{ location: 'a.txt', classes: [{ category: 'A' }] }],
      },
    });
    const exported = await h.client.exportProjectAndWait('p');
    assert.equal(exported.assets?.projectKind, 'CustomMultiLabelClassification');
    assert.match(h.seen[0]?.path ?? '', /stringIndexType=Utf16CodeUnit/);
  });
});

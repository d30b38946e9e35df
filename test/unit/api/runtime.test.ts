// Runtime: request building, batching, polling and result normalisation, on a MockAgent.
import assert from 'node:assert/strict';
import { countTextElements, planBatches } from '../../../src/api/batching';
import { JobFailedError, ValidationError } from '../../../src/api/errors';
import { buildTasks } from '../../../src/api/runtime';
import { endpoint, harness, requestBody } from './helpers';

const jobsPath = '/language/analyze-text/jobs';

function job(
  id: string,
  status: string,
  items: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    jobId: id,
    createdDateTime: '2024-01-01T00:00:00Z',
    // What the service really sends at job level.
    lastUpdateDateTime: '2024-01-01T00:00:01Z',
    status,
    tasks: { completed: items.length, failed: 0, inProgress: 0, total: items.length, items },
    ...extra,
  };
}

function classItem(docs: { id: string; category: string }[], status = 'succeeded'): Record<string, unknown> {
  return {
    kind: 'CustomSingleLabelClassificationLROResults',
    lastUpdateDateTime: '2024-01-01T00:00:01Z',
    status,
    results: {
      projectName: 'p',
      deploymentName: 'd',
      errors: [],
      documents: docs.map((d) => ({ id: d.id, class: [{ category: d.category, confidenceScore: 0.9 }], warnings: [] })),
    },
  };
}

describe('api runtime: batching', () => {
  it('counts text elements like the service: CRLF and combined emoji are one each', () => {
    assert.equal(countTextElements('abc'), 3);
    assert.equal(countTextElements('a\r\nb'), 3);
    assert.equal(countTextElements('café'), 4);
    assert.equal(countTextElements('e\u0301'), 1);
    assert.equal(countTextElements('👩‍👩‍👧 ok'), 4);
  });

  it('agrees with full grapheme segmentation on random tricky text (CRLF, combining, ZWJ, flags, prepend)', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const pieces = [
      'a',
      ' ',
      '\r',
      '\n',
      '\r\n',
      'é',
      'e\u0301',
      '\u0301',
      '👩',
      '\u200d',
      '🇫',
      '🇷',
      '\u0600',
      '1',
      '©',
      '\ufe0f',
      '한',
      '\u1100',
      '\u1161',
      '\u0e33',
    ];
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 1500; i++) {
      let text = '';
      const length = Math.floor(next() * 14);
      for (let j = 0; j < length; j++) text += pieces[Math.floor(next() * pieces.length)] ?? '';
      assert.equal(countTextElements(text), [...segmenter.segment(text)].length, JSON.stringify(text));
    }
  });

  it('counts long runs of non-Latin text piece by piece, with the same result as one segmentation', function () {
    // One segmentation of a 130,000-unit run takes minutes in ICU; this test's timeout catches a return to that.
    this.timeout(10_000);
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    assert.equal(countTextElements('e\u0301'.repeat(65_000)), 65_000);
    const hindi = 'नमस्ते दुनिया ';
    assert.equal(countTextElements(hindi.repeat(9_000)), 9_000 * [...segmenter.segment(hindi)].length);
    assert.equal(countTextElements('🇫🇷👩‍👩‍👧'.repeat(20_000)), 40_000);
    // Chunk edges fall inside clusters: one base with 40,000 combining marks is still one element.
    assert.equal(countTextElements(`a${'\u0301'.repeat(40_000)}b`), 2);
    // Random tricky text in blocks that end in a space (a boundary whatever comes next), counted block by block as
    // the reference: ICU itself takes tens of seconds on 60,000 units of this in one piece.
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['e\u0301', '👩\u200d👩\u200d👧', '🇫', '🇷', 'क्ष', '\r\n', 'ab', '한', '\u0e33'];
    let text = '';
    let expected = 0;
    while (text.length < 60_000) {
      let block = 'a';
      while (block.length < 1_500) block += pieces[Math.floor(next() * pieces.length)] ?? '';
      block += ' ';
      expected += [...segmenter.segment(block)].length;
      text += block;
    }
    assert.equal(countTextElements(text), expected);
  });

  it('splits at 25 documents and at 125,000 characters, keeping order', () => {
    const docs = Array.from({ length: 60 }, (_, i) => ({ id: String(i), text: 'x' }));
    assert.deepEqual(
      planBatches(docs).map((b) => b.documents.length),
      [25, 25, 10],
    );
    const big = Array.from({ length: 5 }, (_, i) => ({ id: `b${i}`, text: 'y'.repeat(50_000) }));
    const batches = planBatches(big);
    assert.deepEqual(
      batches.map((b) => b.indexes),
      [[0, 1], [2, 3], [4]],
    );
    assert.ok(batches.every((b) => b.characters <= 125_000));
  });

  it('names the document that is over the limit on its own, and duplicate ids', () => {
    const docs = [
      { id: 'fine', text: 'ok' },
      { id: 'chapter-7.txt', text: 'z'.repeat(125_001) },
    ];
    assert.throws(
      () => planBatches(docs),
      (e: unknown) => e instanceof ValidationError && /"chapter-7\.txt" has 125,001 characters/.test(e.message),
    );
    assert.throws(
      () =>
        planBatches([
          { id: 'a', text: '1' },
          { id: 'a', text: '2' },
        ]),
      /"a" is used twice/,
    );
  });

  it('entity tasks always ask for UTF-16 offsets; names are validated', () => {
    const tasks = buildTasks([
      { kind: 'CustomEntityRecognition', projectName: 'p', deploymentName: 'd' },
      { kind: 'CustomMultiLabelClassification', projectName: 'p', deploymentName: 'd', taskName: 'genres' },
    ]);
    assert.deepEqual(tasks[0], {
      kind: 'CustomEntityRecognition',
      parameters: { projectName: 'p', deploymentName: 'd', stringIndexType: 'Utf16CodeUnit' },
    });
    assert.deepEqual(tasks[1], {
      kind: 'CustomMultiLabelClassification',
      taskName: 'genres',
      parameters: { projectName: 'p', deploymentName: 'd' },
    });
    assert.throws(
      () => buildTasks([{ kind: 'CustomEntityRecognition', projectName: 'p', deploymentName: 'prod deployment' }]),
      ValidationError,
    );
  });
});

describe('api runtime: analyze jobs', () => {
  it('analyze splits 30 documents into 2 jobs and returns results in input order', async () => {
    const h = harness();
    let n = 0;
    h.pool
      .intercept({ method: 'POST', path: (p) => p.startsWith(jobsPath) })
      .reply((opts) => {
        n++;
        const body = requestBody(opts.body) as { analysisInput: { documents: { id: string }[] } };
        h.seen.push({ method: 'POST', path: opts.path, headers: {}, body });
        return {
          statusCode: 202,
          data: '',
          responseOptions: {
            headers: { 'operation-location': `${endpoint}${jobsPath}/job-${n}?api-version=2023-04-01` },
          },
        };
      })
      .times(2);
    const docs = Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, text: `document ${i}` }));
    // Job 1 answers in reverse order; job 2 reports one document as an error.
    h.on(
      'GET',
      `${jobsPath}/job-1`,
      200,
      job('job-1', 'succeeded', [
        classItem(
          docs
            .slice(0, 25)
            .reverse()
            .map((d) => ({ id: d.id, category: 'A' })),
        ),
      ]),
    );
    const item2 = classItem(docs.slice(25, 29).map((d) => ({ id: d.id, category: 'B' })));
    (item2.results as { errors: unknown[] }).errors.push({
      id: 'd29',
      error: {
        code: 'InvalidArgument',
        message: 'Invalid document in request.',
        innererror: { code: 'InvalidDocument', message: 'Document text is empty.' },
      },
    });
    h.on('GET', `${jobsPath}/job-2`, 200, job('job-2', 'succeeded', [item2]));
    const progress: number[] = [];
    const result = await h.client.runtime.analyze(
      docs,
      [{ kind: 'CustomSingleLabelClassification', projectName: 'p', deploymentName: 'd' }],
      {
        concurrency: 1,
        language: 'en',
        onProgress: (p) => progress.push(p.completedDocuments),
      },
    );
    assert.deepEqual(result.jobIds, ['job-1', 'job-2']);
    const task = result.tasks[0];
    assert.ok(task);
    assert.deepEqual(
      task.documents.map((d) => d.id),
      docs.map((d) => d.id),
    );
    assert.equal(task.documents[0]?.classes?.[0]?.category, 'A');
    assert.equal(task.documents[27]?.classes?.[0]?.category, 'B');
    assert.equal(task.documents[29]?.error?.code, 'InvalidArgument');
    assert.deepEqual(progress, [25, 30]);
    const firstBody = h.seen[0]?.body as { analysisInput: { documents: { language?: string }[] } };
    assert.equal(firstBody.analysisInput.documents.length, 25);
    assert.equal(firstBody.analysisInput.documents[0]?.language, 'en');
    // POST + one GET per job: no busy polling when the job is already done.
    assert.equal(h.log.length, 4);
  });

  it('reads every result page via nextLink', async () => {
    const h = harness();
    h.on(
      'GET',
      `${jobsPath}/j`,
      200,
      job('j', 'succeeded', [classItem([{ id: '1', category: 'A' }])], {
        nextLink: `${endpoint}${jobsPath}/j?api-version=2023-04-01&top=1&skip=1`,
      }),
    );
    h.on('GET', `${jobsPath}/j`, 200, job('j', 'succeeded', [classItem([{ id: '2', category: 'C' }])]));
    const result = await h.client.runtime.waitForAnalyzeJob('j');
    assert.deepEqual(
      result.tasks[0]?.documents.map((d) => [d.id, d.classes?.[0]?.category]),
      [
        ['1', 'A'],
        ['2', 'C'],
      ],
    );
    assert.match(h.seen[1]?.path ?? '', /skip=1/);
  });

  it('a partially succeeded job returns its results and task errors; a failed one throws', async () => {
    const h = harness();
    const failedTask = {
      kind: 'CustomEntityRecognitionLROResults',
      lastUpdateDateTime: '2024-01-01T00:00:01Z',
      status: 'failed',
    };
    h.on(
      'GET',
      `${jobsPath}/partial`,
      200,
      job('partial', 'partiallySucceeded', [classItem([{ id: '1', category: 'A' }]), failedTask], {
        errors: [{ code: 'InvalidRequest', message: 'Deployment not found.', target: '#/tasks/items/1' }],
      }),
    );
    const result = await h.client.runtime.waitForAnalyzeJob('partial');
    assert.equal(result.status, 'partiallyCompleted');
    assert.equal(result.errors[0]?.message, 'Deployment not found.');
    assert.equal(result.tasks[1]?.status, 'failed');
    assert.equal(result.tasks[1].documents.length, 0);

    h.on(
      'GET',
      `${jobsPath}/bad`,
      200,
      job('bad', 'failed', [], { errors: [{ code: 'InternalServerError', message: 'Model crashed.' }] }),
    );
    await assert.rejects(
      h.client.runtime.waitForAnalyzeJob('bad'),
      (e: unknown) => e instanceof JobFailedError && /Model crashed/.test(e.message),
    );
  });

  it('polls a running job with backoff and reports task progress', async () => {
    const h = harness({ poll: { initialIntervalMs: 500, backoffFactor: 2 } });
    const running = job('r', 'running', []);
    (running.tasks as { total: number; inProgress: number }).total = 2;
    (running.tasks as { total: number; inProgress: number }).inProgress = 2;
    h.on('GET', `${jobsPath}/r`, 200, running);
    h.on('GET', `${jobsPath}/r`, 200, { ...running, tasks: { completed: 1, failed: 0, inProgress: 1, total: 2 } });
    h.on(
      'GET',
      `${jobsPath}/r`,
      200,
      job('r', 'succeeded', [classItem([{ id: '1', category: 'A' }]), classItem([{ id: '1', category: 'B' }])]),
    );
    const percents: (number | undefined)[] = [];
    await h.client.runtime.waitForAnalyzeJob('r', { onProgress: (p) => percents.push(p.percentComplete) });
    assert.deepEqual(percents, [0, 50, 100]);
    assert.deepEqual(h.sleeps, [500, 1000]);
  });

  it('refuses work that cannot be sent: too many documents for one request, nothing to do', async () => {
    const h = harness();
    const docs = Array.from({ length: 26 }, (_, i) => ({ id: String(i), text: 't' }));
    await assert.rejects(
      h.client.runtime.beginAnalyze(docs, [{ kind: 'CustomEntityRecognition', projectName: 'p', deploymentName: 'd' }]),
      /use analyze\(\) to split/,
    );
    await assert.rejects(
      h.client.runtime.analyze([], [{ kind: 'CustomEntityRecognition', projectName: 'p', deploymentName: 'd' }]),
      /no documents/,
    );
    assert.equal(h.seen.length, 0);
  });
});

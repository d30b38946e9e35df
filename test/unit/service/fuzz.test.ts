// Request fuzzing: every route the service serves × malformed names, encoded dot segments, bodies, content types
// and query values, from a fixed seed and a bounded count, on loopback. The service must never crash, answer 500,
// write outside its data folder, or change a resource the request did not name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, symlink, truncate } from 'node:fs/promises';
import path from 'node:path';
import { runningService, singleLabelProject, writeContainer } from './fixtures';
import { call, operationLocation, rawCall, waitForJob } from './http';

export const FUZZ_REQUESTS = 3000;
const SEED = 20261201;

/** mulberry32: a small deterministic generator, so every run sends the same requests. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// "beta" and its children are the only real names fuzzed requests use; "alpha" is never named.
const NAMES = [
  'beta',
  'm1',
  'prod',
  'fresh',
  '..',
  '.',
  '%2E%2E',
  '%2e',
  '.%2E',
  '%2E.',
  '..%2F..',
  '%2F',
  '%2Falpha',
  '%5C..%5Calpha',
  'a%00b',
  '%00',
  'x'.repeat(51),
  'y'.repeat(300),
  '%',
  '%ZZ',
  'global',
  'swap',
  ':swap',
  '~',
  'CON',
  'nul',
  '%C3%BC',
  '%C0%AE%C0%AE',
  '%252E%252E',
  'alpha%2F..',
  '-',
  '_',
  '.hidden',
  'a..b',
  '%20',
  '+',
  '*',
  '%E2%80%AE',
  '%FF',
];
const JOB_IDS = [
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-0000-0000-000000000000_1',
  '..',
  '%2E%2E',
  'x',
  '0'.repeat(400),
];
const QUERIES = [
  '',
  'api-version=2023-04-01',
  'api-version=2022-05-01',
  'api-version=2024-11-01',
  'api-version=2025-05-15-preview',
  'api-version=',
  'api-version=2023-04-01&api-version=2022-05-01',
  'api-version=%00',
  'api-version=2023-04-01&top=-1',
  'api-version=2023-04-01&top=1e309',
  'api-version=2023-04-01&skip=99999999999999999999',
  'api-version=2023-04-01&maxpagesize=0',
  'api-version=2023-04-01&top=0&skip=0',
  'api-version=2023-04-01&showStats=True',
  'api-version=2023-04-01&showStats=maybe',
  'api-version=2023-04-01&stringIndexType=Utf16CodeUnit',
  'api-version=2023-04-01&stringIndexType=%00',
  'api-version=2023-04-01&trainedModelLabel=..',
  'api-version=2023-04-01&projectKind=Nope',
  'api-version=2023-04-01&%%%',
];
const KIND = 'CustomSingleLabelClassification';
const BODIES: (string | undefined)[] = [
  undefined,
  '',
  'null',
  '[]',
  '"text"',
  '42',
  '{',
  '{"a":',
  '\uFEFF{}',
  `\uFEFF${JSON.stringify({ modelLabel: 'm2', trainingConfigVersion: 'latest' })}`,
  '{}',
  JSON.stringify({ modelLabel: 5 }),
  JSON.stringify({ modelLabel: '..', trainingConfigVersion: 'latest' }),
  JSON.stringify({ modelLabel: 'z'.repeat(300), trainingConfigVersion: 'latest' }),
  JSON.stringify({ modelLabel: 'm2', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'sideways' } }),
  JSON.stringify({ trainedModelLabel: '..' }),
  JSON.stringify({ trainedModelLabel: 'm1' }),
  JSON.stringify({ trainedModelLabel: ['m1'] }),
  JSON.stringify({ firstDeploymentName: 'prod', secondDeploymentName: '..' }),
  JSON.stringify({ projectKind: 'Nope', storageInputContainerName: 'docs', projectName: 'beta', language: 'en' }),
  JSON.stringify({ projectKind: KIND, storageInputContainerName: '../..', projectName: 'beta', language: 'en' }),
  JSON.stringify({ projectKind: KIND, storageInputContainerName: 'docs', projectName: 'beta', language: 'en' }),
  JSON.stringify({ ...singleLabelProject('beta', 'docs'), metadata: { projectKind: 7 } }),
  JSON.stringify(singleLabelProject('beta', '..')),
  JSON.stringify({
    ...singleLabelProject('beta', 'docs'),
    assets: {
      projectKind: KIND,
      classes: [],
      documents: [{ location: '../../../etc/passwd', language: 'en', class: { category: 'x' } }],
    },
  }),
  JSON.stringify({
    ...singleLabelProject('beta', 'docs'),
    assets: {
      projectKind: KIND,
      classes: [],
      documents: [{ location: '/etc/passwd', language: 'en', class: { category: 'x' } }],
    },
  }),
  JSON.stringify({
    analysisInput: { documents: [{ id: '1', text: 'sports' }] },
    tasks: [{ kind: 'Nope', parameters: { projectName: 'beta', deploymentName: 'prod' } }],
  }),
  JSON.stringify({
    analysisInput: { documents: [{ id: '1', text: 'sports' }] },
    tasks: [{ kind: KIND, parameters: { projectName: 'alpha', deploymentName: '..' } }],
  }),
  JSON.stringify({ analysisInput: { documents: [{ id: '1', text: 1 }] }, tasks: [] }),
  JSON.stringify({
    analysisInput: { documents: Array.from({ length: 30 }, (_, i) => ({ id: String(i), text: 'a' })) },
    tasks: [{ kind: KIND, parameters: { projectName: 'beta', deploymentName: 'prod' } }],
  }),
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  `{"modelLabel":"m3","trainingConfigVersion":"latest","__proto__":{"polluted":true}}`,
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/merge-patch+json',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

describe('local service request fuzzing', function () {
  this.timeout(120_000);
  const local = runningService({ once: true });

  it(`survives ${FUZZ_REQUESTS} malformed requests over every route, touching only what they name`, async () => {
    const key = local.service.key;
    const A = `${local.service.endpoint}/language/authoring/analyze-text`;
    const V = 'api-version=2023-04-01';
    const ready = async (res: Awaited<ReturnType<typeof call>>): Promise<void> => {
      assert.equal((await waitForJob(operationLocation(res), key)).status, 'succeeded');
    };
    const seed = async (name: string): Promise<void> => {
      await ready(
        await call('POST', `${A}/projects/${name}/:import?${V}`, { key, body: singleLabelProject(name, 'docs') }),
      );
      const body = { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } };
      await ready(await call('POST', `${A}/projects/${name}/:train?${V}`, { key, body }));
      await ready(
        await call('PUT', `${A}/projects/${name}/deployments/prod?${V}`, { key, body: { trainedModelLabel: 'm1' } }),
      );
    };
    const alphaState = async (): Promise<string> => {
      const parts = await Promise.all(
        ['', '/models', '/deployments', '/models/m1', '/deployments/prod', '/models/m1/evaluation/summary-result'].map(
          async (p) => (await call('GET', `${A}/projects/alpha${p}?${V}`, { key })).text,
        ),
      );
      return parts.join('\n');
    };
    const before = await alphaState();
    const containersBefore = (await listFiles(local.dirs.containersDir)).sort();

    const rand = random(SEED);
    const statuses = new Map<number, number>();
    const routes = local.service.routes;
    assert.ok(routes.length >= 30, `${routes.length} routes`);
    const jobIds = [...JOB_IDS];
    for (let i = 0; i < FUZZ_REQUESTS; i += 1) {
      // A fuzzed DELETE may remove beta (it names it): bring it back now and then so later requests reach deeper.
      if (i % 250 === 0 && (await call('GET', `${A}/projects/beta?${V}`, { key })).status === 404) await seed('beta');
      const route = routes[i % routes.length]!;
      const target = route.pattern.replace(/\{([A-Za-z]+)\}/g, (_, param: string) =>
        // Half the names are real ones, so requests get past the lookups to the bodies and queries.
        param === 'jobId' ? pick(rand, jobIds) : rand() < 0.5 ? pick(rand, NAMES.slice(0, 4)) : pick(rand, NAMES),
      );
      const query = rand() < 0.4 ? 'api-version=2023-04-01' : pick(rand, QUERIES);
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : pick(rand, BODIES);
      const contentType = rand() < 0.15 ? pick(rand, CONTENT_TYPES) : 'application/json';
      const res = await rawCall(local.service.endpoint, route.method, `${target}${query ? `?${query}` : ''}`, {
        key,
        ...(body !== undefined ? { body, contentType } : {}),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const started = /\/jobs\/([^/?:]+)/.exec(String(res.headers['operation-location']))?.[1];
      if (started !== undefined && jobIds.length < 200) jobIds.push(started);
      const what = `#${i} ${route.method} ${target}?${query} ${String(body).slice(0, 80)} → ${res.status} ${res.text.slice(0, 200)}`;
      assert.ok(res.status < 500, what);
      if (res.status >= 400) {
        const error = (res.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        assert.ok(typeof error?.code === 'string' && typeof error.message === 'string', `not Azure-shaped: ${what}`);
      }
    }
    // Let the jobs the fuzzing started finish before comparing.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await alphaState(), before, 'alpha, never named, is unchanged');
    assert.deepEqual((await listFiles(local.dirs.containersDir)).sort(), containersBefore, 'containers untouched');
    const outside = (await listFiles(local.dirs.root)).filter(
      (f) => !f.startsWith(local.dirs.dataDir + path.sep) && !f.startsWith(local.dirs.containersDir + path.sep),
    );
    assert.deepEqual(outside, [], 'nothing written outside the data folder');
    for (const file of await listFiles(local.dirs.dataDir)) {
      assert.ok(!/polluted/.test(await readFile(file, 'utf8')) || file.includes('jobs'), file);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    console.log(
      `      fuzz: ${FUZZ_REQUESTS} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  });
});

/** A labels file for `:import` with these assets fields (documents, classes) over the 'hostile' container. */
function importBody(projectName: string, assets: Record<string, unknown>): Record<string, unknown> {
  return {
    projectFileVersion: '2022-05-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: { projectName, projectKind: KIND, storageInputContainerName: 'hostile', language: 'en' },
    assets: { projectKind: KIND, classes: [{ category: 'c' }], ...assets },
  };
}

function withLocations(projectName: string, locations: readonly unknown[]): Record<string, unknown> {
  return importBody(projectName, {
    documents: locations.map((location) => ({ location, language: 'en', class: { category: 'c' } })),
  });
}

// Hostile :import bodies: each answered with the service's error shape (or a job that fails with it).
const HOSTILE_LOCATIONS = [
  '../docs/a.txt',
  'a/../../docs/a.txt',
  '..\\docs\\a.txt',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  'C:x.txt',
  '\\\\server\\share\\x.txt',
  '//server/share/x.txt',
  '%2e%2e/docs/a.txt',
  '%2E%2E%2Fdocs%2Fa.txt',
  '.%2e/docs/a.txt',
  'file:///etc/passwd',
  'file://server/share/x.txt',
  'a\u0000b.txt',
  '\u0000',
  'x'.repeat(5000),
  'zero.txt',
  'fifo.txt',
  'huge1.txt',
  'huge2.txt',
];
function hostileImports(): { name: string; body: string }[] {
  const json = (name: string, value: unknown): { name: string; body: string } => ({
    name,
    body: JSON.stringify(value),
  });
  const deep = `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`;
  return [
    { name: 'huge', body: JSON.stringify(withLocations('huge', ['a.txt'])).padEnd(17 * 2 ** 20, ' ') },
    { name: 'deep', body: deep },
    {
      name: 'deepAssets',
      body: `{"projectFileVersion":"2022-05-01","assets":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    },
    {
      name: 'deepDocument',
      body: JSON.stringify(importBody('deepDocument', { documents: [] })).replace(
        '"documents":[]',
        `"documents":[${deep}]`,
      ),
    },
    json('wrongTypes1', { ...withLocations('wrongTypes1', ['ok.txt']), metadata: 'x' }),
    json('wrongTypes2', importBody('wrongTypes2', { documents: { location: 'ok.txt' } })),
    json('wrongTypes3', importBody('wrongTypes3', { classes: [{ category: 5 }], documents: [] })),
    json('wrongTypes4', withLocations('wrongTypes4', [7, null, ['ok.txt'], { toString: 'ok.txt' }])),
    json(
      'wrongTypes5',
      importBody('wrongTypes5', {
        documents: [{ location: 'ok.txt', language: 'en', dataset: 'Nope', class: { category: 'c' } }],
      }),
    ),
    json(
      'manyDocuments',
      withLocations(
        'manyDocuments',
        Array.from({ length: 20_000 }, (_, i) => `missing/${i}.txt`),
      ),
    ),
    json('duplicates', withLocations('duplicates', ['ok.txt', 'ok.txt', './ok.txt'])),
    ...HOSTILE_LOCATIONS.map((location, i) => json(`location${i}`, withLocations(`location${i}`, [location]))),
    json('allHostile', withLocations('allHostile', HOSTILE_LOCATIONS)),
    json(
      'prototypeClasses',
      importBody('prototypeClasses', {
        classes: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((category) => ({
          category,
        })),
        documents: [{ location: 'ok.txt', language: 'en', class: { category: '__proto__' } }],
      }),
    ),
    json(
      'undeclaredPrototype',
      importBody('undeclaredPrototype', {
        documents: [{ location: 'ok.txt', language: 'en', class: { category: 'constructor' } }],
      }),
    ),
    {
      name: 'prototypeKeys',
      body: JSON.stringify(withLocations('prototypeKeys', ['ok.txt'])).replace(
        '{"projectFileVersion"',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"projectFileVersion"',
      ),
    },
    {
      name: 'prototypeInAssets',
      body: JSON.stringify(withLocations('prototypeInAssets', ['ok.txt'])).replace(
        '"documents":[{',
        '"__proto__":{"polluted":true},"documents":[{"__proto__":{"polluted":true},',
      ),
    },
  ];
}

describe('local service :import fuzzing', function () {
  this.timeout(120_000);
  const local = runningService({ once: true });

  it('answers hostile :import bodies with the service error shape, in bounded memory, and stays up', async () => {
    const dir = await writeContainer(local.dirs.containersDir, 'hostile', {
      'ok.txt': 'fine',
      'huge1.txt': '',
      'huge2.txt': '',
    });
    await symlink('/dev/zero', path.join(dir, 'zero.txt'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
    for (const name of ['huge1.txt', 'huge2.txt']) await truncate(path.join(dir, name), 300 * 2 ** 20); // sparse
    const key = local.service.key;
    const A = `${local.service.endpoint}/language/authoring/analyze-text`;
    const V = 'api-version=2023-04-01';
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 2);
    const outcomes: string[] = [];
    try {
      for (const { name, body } of hostileImports()) {
        const res = await rawCall(
          local.service.endpoint,
          'POST',
          `/language/authoring/analyze-text/projects/${name}/:import?${V}`,
          { key, body },
        );
        const what = `${name} → ${res.status} ${res.text.slice(0, 300)}`;
        assert.ok(res.status < 500, what);
        if (res.status >= 400) {
          const error = (res.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
          assert.ok(typeof error?.code === 'string' && typeof error.message === 'string', `not Azure-shaped: ${what}`);
          outcomes.push(`${name} ${res.status}`);
          continue;
        }
        assert.equal(res.status, 202, what);
        const job = await waitForJob(operationLocation(res), key, 60_000);
        const errors = job.errors as { code?: unknown; message?: unknown; innererror?: { code?: unknown } }[];
        if (job.status === 'failed') {
          assert.ok(errors.length > 0, what);
          for (const e of errors) {
            assert.ok(typeof e.code === 'string' && typeof e.message === 'string', `${what}: ${JSON.stringify(e)}`);
            assert.notEqual(e.code, 'InternalServerError', `${what}: ${JSON.stringify(e)}`);
          }
        } else assert.equal(job.status, 'succeeded', `${what}: ${JSON.stringify(job)}`);
        outcomes.push(`${name} ${job.status === 'failed' ? 'failed' : 'succeeded'}`);
      }
    } finally {
      clearInterval(sampler);
    }
    const peakGrowthMb = (peak - before) / 2 ** 20;
    // Reading either 300 MB document whole would take more than this.
    assert.ok(peakGrowthMb < 250, `RSS grew ${peakGrowthMb.toFixed(0)} MB`);
    // Only the plain ones get in: what could not be read, escapes its container or is oversized fails the job.
    const succeeded = outcomes.filter((o) => o.endsWith(' succeeded')).map((o) => o.split(' ')[0]);
    assert.deepEqual(succeeded.sort(), ['prototypeClasses', 'prototypeInAssets', 'prototypeKeys']);
    assert.equal((await call('GET', `${A}/projects?${V}`, { key })).status, 200);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    const exported = await call('POST', `${A}/projects/prototypeClasses/:export?${V}&stringIndexType=Utf16CodeUnit`, {
      key,
    });
    const resultUrl = (await waitForJob(operationLocation(exported), key)).resultUrl;
    assert.ok(typeof resultUrl === 'string');
    const labels = (await call('GET', resultUrl, { key })).json as { assets: { classes: { category: string }[] } };
    assert.deepEqual(
      labels.assets.classes.map((c) => c.category),
      ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'],
    );
    console.log(`      :import fuzz: ${outcomes.length} bodies; RSS peak +${peakGrowthMb.toFixed(0)} MB`);
  });
});

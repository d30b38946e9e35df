// API client throughput: 10,000 documents through batching, request building, HTTP and result parsing, against a
// local server (in a worker thread, so it does not share the client's event loop) that answers instantly; plus
// requests per completed job, to show polling is not busy.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { planBatches } from '../src/api/batching';
import { LanguageClient } from '../src/api/client';
import { normalizeAnalyzeJob } from '../src/api/results';
import { buildJobInput, buildTasks } from '../src/api/runtime';
import type { CustomTaskTarget } from '../src/api/runtime';
import type { AnalyzeDocument } from '../src/contract/analyze';

interface ServerConfig {
  /** How long a job stays "running" after it is submitted. */
  jobDurationMs: number;
}

interface SubmittedDoc {
  id: string;
  text: string;
}

function jobBody(id: string, docs: SubmittedDoc[], done: boolean): string {
  const entityDocs = docs.map((d) => ({
    id: d.id,
    warnings: [],
    entities: [
      { text: d.text.slice(0, 5), category: 'Date', offset: 0, length: 5, confidenceScore: 0.91 },
      { text: d.text.slice(10, 20), category: 'LenderName', offset: 10, length: 10, confidenceScore: 0.83 },
    ],
  }));
  const classDocs = docs.map((d) => ({
    id: d.id,
    warnings: [],
    class: [{ category: 'Drama', confidenceScore: 0.77 }],
  }));
  return JSON.stringify({
    jobId: id,
    createdDateTime: '2024-01-01T00:00:00Z',
    lastUpdateDateTime: '2024-01-01T00:00:01Z',
    lastUpdatedDateTime: '2024-01-01T00:00:01Z',
    expirationDateTime: '2024-01-02T00:00:00Z',
    status: done ? 'succeeded' : 'running',
    errors: [],
    tasks: {
      completed: done ? 2 : 0,
      failed: 0,
      inProgress: done ? 0 : 2,
      total: 2,
      items: done
        ? [
            {
              kind: 'CustomEntityRecognitionLROResults',
              taskName: 'ner',
              lastUpdateDateTime: 't',
              status: 'succeeded',
              results: { projectName: 'p', deploymentName: 'd', errors: [], documents: entityDocs },
            },
            {
              kind: 'CustomSingleLabelClassificationLROResults',
              taskName: 'cls',
              lastUpdateDateTime: 't',
              status: 'succeeded',
              results: { projectName: 'p', deploymentName: 'd', errors: [], documents: classDocs },
            },
          ]
        : [],
    },
  });
}

function runServer(config: ServerConfig): void {
  const jobs = new Map<string, { docs: SubmittedDoc[]; readyAt: number }>();
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = `http://${req.headers.host ?? ''}`;
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && path === '/language/analyze-text/jobs') {
        const input = JSON.parse(Buffer.concat(chunks).toString()) as { analysisInput: { documents: SubmittedDoc[] } };
        const id = `job-${next++}`;
        jobs.set(id, { docs: input.analysisInput.documents, readyAt: Date.now() + config.jobDurationMs });
        res.writeHead(202, { 'operation-location': `${base}/language/analyze-text/jobs/${id}?api-version=2023-04-01` });
        res.end();
        return;
      }
      const job = jobs.get(path.slice('/language/analyze-text/jobs/'.length));
      if (req.method === 'GET' && job) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(jobBody(path, job.docs, Date.now() >= job.readyAt));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"NotFound","message":"no such job"}}');
    });
  });
  server.listen(0, '127.0.0.1', () => {
    parentPort?.postMessage((server.address() as AddressInfo).port);
  });
  parentPort?.on('message', () => {
    server.closeAllConnections();
    server.close();
  });
}

async function startServer(config: ServerConfig): Promise<{ base: string; stop: () => Promise<void> }> {
  const worker = new Worker(__filename, { workerData: config });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      worker.postMessage('stop');
      await worker.terminate();
    },
  };
}

function makeDocuments(count: number): AnalyzeDocument[] {
  const words = ['loan', 'agreement', 'between', 'lender', 'borrower', 'interest', 'payment', 'date', 'amount', 'city'];
  return Array.from({ length: count }, (_, i) => {
    let text = `2024-${String(i % 12).padStart(2, '0')} `;
    while (text.length < 600) text += `${words[(i + text.length) % words.length] ?? ''} `;
    // One document in ten has text the fast character count cannot handle.
    if (i % 10 === 0) text += ' naïve café 👩‍👩‍👧 ';
    return { id: `doc-${i}`, text, language: 'en' };
  });
}

const targets: CustomTaskTarget[] = [
  { kind: 'CustomEntityRecognition', projectName: 'p', deploymentName: 'd', taskName: 'ner' },
  { kind: 'CustomSingleLabelClassification', projectName: 'p', deploymentName: 'd', taskName: 'cls' },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Client CPU only: batching, body building and serialising, parsing and normalising the answers. */
function cpuOnly(docs: AnalyzeDocument[]): number {
  const started = performance.now();
  const tasks = buildTasks(targets);
  let parsed = 0;
  for (const batch of planBatches(docs)) {
    const body = JSON.stringify(buildJobInput(batch.documents, tasks));
    const answer = jobBody(
      'j',
      (JSON.parse(body) as { analysisInput: { documents: SubmittedDoc[] } }).analysisInput.documents,
      true,
    );
    parsed += normalizeAnalyzeJob(JSON.parse(answer)).tasks[0]?.documents.length ?? 0;
  }
  if (parsed !== docs.length) throw new Error(`parsed ${parsed} of ${docs.length}`);
  return docs.length / ((performance.now() - started) / 1000);
}

async function endToEnd(
  base: string,
  docs: AnalyzeDocument[],
  concurrency: number,
): Promise<{ docsPerSecond: number; requests: number; jobs: number }> {
  let requests = 0;
  const client = new LanguageClient({ endpoint: base, credential: { key: 'bench' }, onRequest: () => requests++ });
  const started = performance.now();
  const result = await client.runtime.analyze(docs, targets, { concurrency });
  const seconds = (performance.now() - started) / 1000;
  if (result.tasks[0]?.documents.length !== docs.length) throw new Error('missing results');
  return { docsPerSecond: docs.length / seconds, requests, jobs: result.jobIds?.length ?? 1 };
}

const inFlight = 16;

async function main(): Promise<void> {
  const docs = makeDocuments(10_000);
  for (let run = 0; run < 3; run++) cpuOnly(docs);
  const cpuRuns = [cpuOnly(docs), cpuOnly(docs), cpuOnly(docs), cpuOnly(docs), cpuOnly(docs)];

  const instant = await startServer({ jobDurationMs: 0 });
  const e2e: { docsPerSecond: number; requests: number; jobs: number }[] = [];
  try {
    // Warm up the JIT on both sides first; a cold first run is several times slower.
    for (let run = 0; run < 5; run++) await endToEnd(instant.base, docs, inFlight);
    for (let run = 0; run < 5; run++) e2e.push(await endToEnd(instant.base, docs, inFlight));
  } finally {
    await instant.stop();
  }

  // Jobs that take 2.5 s on the server, with the default poll settings.
  const slow = await startServer({ jobDurationMs: 2500 });
  let polled: { docsPerSecond: number; requests: number; jobs: number };
  try {
    polled = await endToEnd(slow.base, docs.slice(0, 200), 8);
  } finally {
    await slow.stop();
  }

  const last = e2e[e2e.length - 1];
  console.log('| measure | result |');
  console.log('|---|---|');
  console.log(
    `| client CPU only (batch + build + serialise + parse + normalise), 10,000 docs × 2 tasks | ${Math.round(median(cpuRuns)).toLocaleString('en-US')} docs/s |`,
  );
  console.log(
    `| end to end over HTTP (instant local server, 16 jobs in flight), 10,000 docs × 2 tasks | ${Math.round(median(e2e.map((r) => r.docsPerSecond))).toLocaleString('en-US')} docs/s |`,
  );
  console.log(
    `| requests per completed job, instant server (${last?.jobs ?? 0} jobs) | ${((last?.requests ?? 0) / (last?.jobs ?? 1)).toFixed(2)} |`,
  );
  console.log(
    `| requests per completed job, 2.5 s jobs, default polling (${polled.jobs} jobs) | ${(polled.requests / polled.jobs).toFixed(2)} |`,
  );
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  runServer(workerData as ServerConfig);
}

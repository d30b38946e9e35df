// The client against a real HTTP server on 127.0.0.1: the happy path end to end, and a connection reset.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { LanguageClient } from '../../../src/api/client';
import { NetworkError } from '../../../src/api/errors';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function withServer(handler: Handler, run: (base: string) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

describe('api client: real HTTP server', () => {
  it('lists, trains with polling, and analyzes end to end', async () => {
    let polls = 0;
    const keys = new Set<string | undefined>();
    await withServer(
      (req, body, res) => {
        keys.add(req.headers['ocp-apim-subscription-key'] as string | undefined);
        const url = new URL(req.url ?? '/', 'http://x');
        const base = `http://${req.headers.host ?? ''}`;
        const path = url.pathname;
        if (url.searchParams.get('api-version') !== '2022-05-01') {
          json(res, 400, { error: { code: 'InvalidArgument', message: 'api-version' } });
          return;
        }
        if (req.method === 'GET' && path === '/language/authoring/analyze-text/projects') {
          json(res, 200, {
            value: [
              {
                projectName: 'Loans',
                projectKind: 'CustomEntityRecognition',
                language: 'en',
                storageInputContainerName: 'c',
                createdDateTime: 't',
                lastModifiedDateTime: 't',
              },
            ],
            nextLink: null,
          });
          return;
        }
        if (req.method === 'POST' && path === '/language/authoring/analyze-text/projects/Loans/:train') {
          assert.equal((JSON.parse(body) as { modelLabel: string }).modelLabel, 'm1');
          res.writeHead(202, {
            'operation-location': `${base}/language/authoring/analyze-text/projects/Loans/train/jobs/t1?api-version=2022-05-01`,
          });
          res.end();
          return;
        }
        if (req.method === 'GET' && path === '/language/authoring/analyze-text/projects/Loans/train/jobs/t1') {
          polls++;
          const done = polls >= 3;
          json(res, 200, {
            jobId: 't1',
            createdDateTime: 't',
            lastUpdatedDateTime: 't',
            status: done ? 'succeeded' : 'running',
            result: {
              modelLabel: 'm1',
              trainingConfigVersion: 'latest',
              trainingStatus: { percentComplete: done ? 100 : polls * 30, status: done ? 'succeeded' : 'running' },
            },
          });
          return;
        }
        if (req.method === 'POST' && path === '/language/analyze-text/jobs') {
          const input = JSON.parse(body) as {
            analysisInput: { documents: { id: string; text: string }[] };
            tasks: { parameters: { stringIndexType?: string } }[];
          };
          assert.equal(input.tasks[0]?.parameters.stringIndexType, 'Utf16CodeUnit');
          const docs = input.analysisInput.documents.map((d) => ({
            id: d.id,
            warnings: [],
            entities: [{ text: d.text.slice(0, 4), category: 'Date', offset: 0, length: 4, confidenceScore: 0.9 }],
          }));
          const jobBody = JSON.stringify({
            jobId: 'a1',
            createdDateTime: 't',
            lastUpdateDateTime: 't',
            status: 'succeeded',
            tasks: {
              completed: 1,
              failed: 0,
              inProgress: 0,
              total: 1,
              items: [
                {
                  kind: 'CustomEntityRecognitionLROResults',
                  status: 'succeeded',
                  lastUpdateDateTime: 't',
                  results: { projectName: 'Loans', deploymentName: 'prod', errors: [], documents: docs },
                },
              ],
            },
          });
          const id = Buffer.from(jobBody).toString('base64url');
          res.writeHead(202, {
            'operation-location': `${base}/language/analyze-text/jobs/${id}?api-version=2022-05-01`,
          });
          res.end();
          return;
        }
        if (req.method === 'GET' && path.startsWith('/language/analyze-text/jobs/')) {
          const id = path.slice('/language/analyze-text/jobs/'.length);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(Buffer.from(id, 'base64url').toString());
          return;
        }
        json(res, 404, { error: { code: 'NotFound', message: `${req.method ?? ''} ${path}` } });
      },
      async (base) => {
        const client = new LanguageClient({
          endpoint: base,
          credential: { key: 'real-key' },
          apiVersion: '2022-05-01',
          poll: { initialIntervalMs: 5, maxIntervalMs: 10 },
        });
        const projects = await client.listProjects();
        assert.deepEqual(
          projects.map((p) => p.projectName),
          ['Loans'],
        );
        const progress: (number | undefined)[] = [];
        const job = await client.trainAndWait(
          'Loans',
          { modelLabel: 'm1', trainingConfigVersion: 'latest' },
          { onProgress: (p) => progress.push(p.percentComplete) },
        );
        assert.equal(job.status, 'succeeded');
        assert.deepEqual(progress, [30, 60, 100]);
        const docs = Array.from({ length: 40 }, (_, i) => ({ id: `doc${i}`, text: `2024 loan ${i} 😀` }));
        const result = await client.runtime.analyze(docs, [
          { kind: 'CustomEntityRecognition', projectName: 'Loans', deploymentName: 'prod' },
        ]);
        assert.equal(result.jobIds?.length, 2);
        assert.equal(result.tasks[0]?.documents.length, 40);
        assert.equal(result.tasks[0].documents[39]?.id, 'doc39');
        assert.equal(result.tasks[0].documents[39].entities?.[0]?.text, '2024');
      },
    );
    assert.deepEqual([...keys], ['real-key']);
  });

  it('connection reset by the server: a GET is retried on a new connection, a POST is reported', async () => {
    let requests = 0;
    await withServer(
      (req, _body, res) => {
        requests++;
        if (requests === 1 || req.method === 'POST') {
          req.socket.destroy();
          return;
        }
        json(res, 200, { value: [], nextLink: null });
      },
      async (base) => {
        const dispatcher = new Agent({ keepAliveTimeout: 1000 });
        const client = new LanguageClient({
          endpoint: base,
          credential: { key: 'k' },
          dispatcher,
          retry: { baseDelayMs: 5 },
        });
        try {
          assert.deepEqual(await client.listProjects(), []);
          assert.equal(requests, 2);
          await assert.rejects(
            client.beginTrain('p', { modelLabel: 'm', trainingConfigVersion: 'latest' }),
            (e: unknown) => e instanceof NetworkError && (e.kind === 'socketClosed' || e.kind === 'connectionReset'),
          );
          assert.equal(requests, 3);
        } finally {
          await dispatcher.close();
        }
      },
    );
  });

  it('connection refused is a network error, retried once (not backed off like throttling) then reported', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const sleeps: number[] = [];
    const client = new LanguageClient({
      endpoint: `http://127.0.0.1:${port}`,
      credential: { key: 'k' },
      retry: { maxRetries: 2, baseDelayMs: 1 },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    await assert.rejects(
      client.listProjects(),
      (e: unknown) => e instanceof NetworkError && e.kind === 'connectionRefused',
    );
    assert.equal(sleeps.length, 1, 'one retry, though two were allowed');
  });
});

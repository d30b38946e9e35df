// A small HTTP server on 127.0.0.1 answering the projects endpoint with the service's real JSON shapes
// (the official example payload), with paging and the failure modes the tree must show.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type FixtureMode = 'ok' | 'malformed' | 'serverError';

export interface FixtureServer {
  endpoint: string;
  key: string;
  /** Every request seen: method, path with query, and whether a key header came along. */
  requests: { method: string; url: string; keyHeader: string | undefined }[];
  close(): Promise<void>;
}

const example = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', 'test', 'integration', 'fixtures', 'SuccessfulListProjects.json'),
    'utf8',
  ),
) as { responses: { 200: { body: { value: Record<string, unknown>[] } } } };
const projects = example.responses[200].body.value;

export async function startFixtureServer(mode: FixtureMode, key = 'fixture-key'): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  let endpoint = '';
  const server: Server = createServer((req, res) => {
    const keyHeader = req.headers['ocp-apim-subscription-key'];
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      keyHeader: typeof keyHeader === 'string' ? keyHeader : undefined,
    });
    const url = new URL(req.url ?? '/', endpoint);
    res.setHeader('content-type', 'application/json');
    res.setHeader('apim-request-id', `req-${requests.length}`);
    if (keyHeader !== key) {
      res.statusCode = 401;
      res.end(
        JSON.stringify({
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        }),
      );
      return;
    }
    if (url.pathname !== '/language/authoring/analyze-text/projects') {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: '404', message: 'Resource not found' } }));
      return;
    }
    if (mode === 'malformed') {
      res.end('{"value": [ {"projectName": ');
      return;
    }
    if (mode === 'serverError') {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'Something went wrong on our side.' } }));
      return;
    }
    // Two pages: the first page's nextLink carries skip, as the service's does.
    const skip = Number(url.searchParams.get('skip') ?? '0');
    const page = projects.slice(skip, skip + 1);
    const next =
      skip + 1 < projects.length
        ? `${endpoint}/language/authoring/analyze-text/projects?api-version=${url.searchParams.get('api-version') ?? ''}&skip=${skip + 1}&maxpagesize=1`
        : null;
    res.end(JSON.stringify({ value: page, nextLink: next }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    key,
    requests,
    close: () =>
      new Promise<void>((ok) =>
        server.close(() => {
          ok();
        }),
      ),
  };
}

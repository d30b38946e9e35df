// Plain HTTP calls to the service under test (undici), returning status, headers and parsed JSON.
import { request as httpRequest } from 'node:http';
import { request } from 'undici';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  text: string;
}

export async function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.key !== undefined) headers['ocp-apim-subscription-key'] = options.key;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await request(url, { method, headers, body });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, json, text };
}

/** Polls a job URL until its status is terminal. */
export async function waitForJob(url: string, key: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', url, { key });
    const body = res.json as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${res.text}`);
    if (['succeeded', 'failed', 'cancelled', 'partiallyCompleted'].includes(String(body.status))) return body;
    if (Date.now() > deadline) throw new Error(`job ${url} still ${String(body.status)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function operationLocation(res: HttpResult): string {
  const value = res.headers['operation-location'];
  if (typeof value !== 'string') throw new Error(`no operation-location (status ${res.status}: ${res.text})`);
  return value;
}

/**
 * A request sent exactly as written: undici and fetch resolve "..", so raw paths go through node:http, which
 * sends the target untouched. `host` overrides the Host header.
 */
export function rawCall(
  base: string,
  method: string,
  target: string,
  options: { key?: string; host?: string; body?: string; contentType?: string } = {},
): Promise<HttpResult> {
  const url = new URL(base);
  const headers: Record<string, string> = {};
  if (options.key !== undefined) headers['ocp-apim-subscription-key'] = options.key;
  if (options.host !== undefined) headers.host = options.host;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path: target, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

// Plain HTTP calls to the service under test (undici), returning status, headers and parsed JSON.
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
  options: { key?: string; body?: unknown; rawBody?: string } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
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

// Test helpers: a client on a MockAgent, with instant recorded sleeps and a request log.
import { MockAgent } from 'undici';
import type { MockInterceptor } from 'undici/types/mock-interceptor';
import type { LanguageClientOptions } from '../../../src/api/client';
import { LanguageClient } from '../../../src/api/client';
import { abortError } from '../../../src/api/errors';
import type { RequestLogEntry } from '../../../src/api/http';

export const endpoint = 'https://contoso.cognitiveservices.azure.com';
export const secretKey = 'k3y-THAT-must-never-leak-0123456789';

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Harness {
  agent: MockAgent;
  pool: ReturnType<MockAgent['get']>;
  client: LanguageClient;
  sleeps: number[];
  log: RequestLogEntry[];
  seen: SeenRequest[];
  /** Replies `status` with `data` (object → JSON) and records the request. */
  on(
    method: string,
    path: string | RegExp,
    status: number,
    data?: unknown,
    headers?: Record<string, string>,
  ): ReturnType<MockInterceptor['reply']>;
}

function headerRecord(headers: MockInterceptor.MockResponseCallbackOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) {
    headers.forEach((v, k) => (out[k.toLowerCase()] = v));
    return out;
  }
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** The JSON a mocked request carried (the client sends a Buffer), or undefined. */
export function requestBody(body: MockInterceptor.MockResponseCallbackOptions['body']): unknown {
  if (typeof body === 'string') return JSON.parse(body) as unknown;
  if (body instanceof Uint8Array) return JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
  return undefined;
}

export function harness(options: Partial<LanguageClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(endpoint);
  const sleeps: number[] = [];
  const log: RequestLogEntry[] = [];
  const seen: SeenRequest[] = [];
  const client = new LanguageClient({
    endpoint,
    credential: { key: secretKey },
    dispatcher: agent,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return signal?.aborted ? Promise.reject(abortError(signal)) : Promise.resolve();
    },
    random: () => 0.5,
    onRequest: (e) => log.push(e),
    ...options,
  });
  const on: Harness['on'] = (method, path, status, data, headers = {}) =>
    pool
      .intercept({
        method,
        path: typeof path === 'string' ? (p: string) => p.split('?')[0] === path : (p: string) => path.test(p),
      })
      .reply((opts) => {
        const body = requestBody(opts.body);
        seen.push({ method: opts.method, path: opts.path, headers: headerRecord(opts.headers), body });
        const payload = data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data);
        return {
          statusCode: status,
          data: payload,
          responseOptions: { headers: { 'content-type': 'application/json', ...headers } },
        };
      });
  return { agent, pool, client, sleeps, log, seen, on };
}

export const projectsPath = '/language/authoring/analyze-text/projects';

export function aProject(name: string, kind = 'CustomEntityRecognition'): Record<string, unknown> {
  return {
    projectName: name,
    projectKind: kind,
    language: 'en',
    storageInputContainerName: 'container',
    createdDateTime: '2024-01-01T00:00:00Z',
    lastModifiedDateTime: '2024-01-01T00:00:00Z',
  };
}

export function aJob(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jobId: 'job-1_638000000000000000',
    createdDateTime: '2024-01-01T00:00:00Z',
    lastUpdatedDateTime: '2024-01-01T00:00:01Z',
    status,
    ...extra,
  };
}

export function aTrainingJob(
  status: string,
  trainingPercent: number,
  evaluationPercent?: number,
): Record<string, unknown> {
  return aJob(status, {
    result: {
      modelLabel: 'm1',
      trainingConfigVersion: 'latest',
      trainingStatus: { percentComplete: trainingPercent, status: trainingPercent === 100 ? 'succeeded' : 'running' },
      ...(evaluationPercent === undefined
        ? {}
        : {
            evaluationStatus: {
              percentComplete: evaluationPercent,
              status: evaluationPercent === 100 ? 'succeeded' : 'running',
            },
          }),
    },
  });
}

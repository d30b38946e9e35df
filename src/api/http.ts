// One place that talks HTTP: auth, api-version, retries, timeouts, guarded JSON parsing and request logging.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { z } from 'zod';
import type { Credential } from './credentials';
import { authHeaders, isKeyCredential } from './credentials';
import { ApiError, NetworkError, SchemaError, abortError, apiErrorFromResponse, isAbortError } from './errors';
import type { NetworkErrorKind } from './errors';
import { explainForSignIn } from './signInDenied';
import type { ResolvedRetryOptions, RetryOptions } from './retry';
import {
  backoffDelayMs,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfterMs,
  resolveRetryOptions,
} from './retry';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One line of the request log; never holds credentials. */
export interface RequestLogEntry {
  method: HttpMethod;
  url: string;
  status?: number;
  durationMs: number;
  requestId?: string;
  attempt: number;
  error?: string;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const defaultSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw isAbortError(error) ? abortError(signal) : error;
  }
};

export interface HttpPipelineOptions {
  endpoint: string;
  credential: Credential;
  apiVersion: string;
  dispatcher?: Dispatcher;
  retry?: RetryOptions;
  /** Per-attempt time limit for headers and body. Default 30 s. */
  timeoutMs?: number;
  onRequest?: (entry: RequestLogEntry) => void;
  sleep?: Sleep;
  random?: () => number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface HttpRequest {
  method: HttpMethod;
  /** A path below the endpoint ("/language/...") or an absolute URL from the service (nextLink, operation-location). */
  url: string;
  query?: Query;
  body?: unknown;
  contentType?: string;
  /** Safe to send again after a failure without changing the outcome. */
  idempotent: boolean;
  /** Human name for errors and logs, e.g. "list projects". */
  operation: string;
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  body: unknown;
  header(name: string): string | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
}

export class HttpPipeline {
  readonly endpoint: URL;
  readonly apiVersion: string;
  // An ES private field: util.inspect and JSON.stringify of the client never show it.
  readonly #credential: Credential;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly retry: ResolvedRetryOptions;
  private readonly timeoutMs: number;
  private readonly onRequest: ((entry: RequestLogEntry) => void) | undefined;
  readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(options: HttpPipelineOptions) {
    this.endpoint = parseEndpoint(options.endpoint);
    this.apiVersion = options.apiVersion;
    this.#credential = options.credential;
    this.dispatcher = options.dispatcher;
    this.retry = resolveRetryOptions(options.retry);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.onRequest = options.onRequest;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Resolves a path or service-provided URL, adds api-version, and refuses URLs on another origin. */
  resolveUrl(url: string, query: Query = {}, operation = 'request'): URL {
    const base = this.endpoint.href.endsWith('/') ? this.endpoint.href : `${this.endpoint.href}/`;
    const resolved =
      url.startsWith('http://') || url.startsWith('https://') ? new URL(url) : new URL(url.replace(/^\//, ''), base);
    if (resolved.origin !== this.endpoint.origin) {
      // Following it would send the credential to another host.
      throw new SchemaError(operation, [
        { path: '', message: `the service pointed to another host (${resolved.origin})` },
      ]);
    }
    if (!resolved.searchParams.has('api-version')) resolved.searchParams.set('api-version', this.apiVersion);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) resolved.searchParams.set(name, String(value));
    }
    return resolved;
  }

  /** Sends a request, retrying per policy; throws ApiError for 4xx/5xx answers and NetworkError for no answer. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const url = this.resolveUrl(req.url, req.query, req.operation);
    // A Buffer goes out in one write with a known length.
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const credential = this.#credential;
    let tokenRenewed = false;
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortError(req.signal);
      const outcome = await this.attempt(req, url, payload, attempt);
      if (!(outcome instanceof Error)) return outcome;
      // A refused token may have expired or been revoked early: once, with a fresh one (a 401 changed nothing).
      if (outcome instanceof ApiError && outcome.status === 401 && !tokenRenewed && !isKeyCredential(credential)) {
        if (credential.invalidate !== undefined) {
          credential.invalidate();
          tokenRenewed = true;
          continue;
        }
      }
      const retryDelay = this.retryDelay(outcome, req.idempotent, attempt);
      if (retryDelay === undefined) {
        throw outcome instanceof ApiError && !isKeyCredential(credential)
          ? explainForSignIn(outcome, this.endpoint, req.method)
          : outcome;
      }
      await this.sleep(retryDelay, req.signal);
    }
  }

  /** Sends and validates the JSON answer against `schema`. */
  async sendJson<S extends z.ZodType>(req: HttpRequest, schema: S): Promise<z.infer<S>> {
    const response = await this.send(req);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw SchemaError.fromZod(req.operation, parsed.error, response.requestId);
    return parsed.data;
  }

  /** Sends a request that starts a long-running operation and returns its operation-location. */
  async sendAccepted(req: HttpRequest): Promise<string> {
    const response = await this.send(req);
    const location = response.header('operation-location') ?? response.header('location');
    if (location === undefined) {
      throw new SchemaError(
        req.operation,
        [{ path: 'operation-location', message: 'missing from the answer' }],
        response.requestId,
      );
    }
    // Validate now, so a foreign host fails here and not at the first poll.
    this.resolveUrl(location, {}, req.operation);
    return location;
  }

  private retryDelay(error: ApiError | NetworkError, idempotent: boolean, attempt: number): number | undefined {
    if (attempt > this.retry.maxRetries) return undefined;
    if (error instanceof NetworkError) {
      // A refused connection is a service that is down (or restarting): one quick retry, not throttling's backoff.
      if (error.kind === 'connectionRefused' && attempt > 1) return undefined;
      return isRetryableNetworkError(error, idempotent) ? backoffDelayMs(attempt, this.retry, this.random) : undefined;
    }
    if (!isRetryableStatus(error, idempotent)) return undefined;
    if (error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= this.retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return backoffDelayMs(attempt, this.retry, this.random);
  }

  private async attempt(
    req: HttpRequest,
    url: URL,
    payload: Buffer | undefined,
    attempt: number,
  ): Promise<HttpResponse | ApiError | NetworkError> {
    const started = performance.now();
    const attemptLimit = new AttemptSignal(this.timeoutMs, req.signal);
    const signal = attemptLimit.signal;
    const clientRequestId = randomUUID();
    const log = (entry: Partial<RequestLogEntry>): void => {
      this.log({ method: req.method, url: url.href, durationMs: performance.now() - started, attempt, ...entry });
    };
    let status: number;
    let text: string;
    let header: (name: string) => string | undefined;
    let headers: Record<string, string>;
    try {
      headers = {
        ...(await authHeaders(this.#credential, signal)),
        accept: 'application/json',
        'x-ms-client-request-id': clientRequestId,
      };
    } catch (error) {
      // A token provider failure is the provider's own error, not a network one.
      attemptLimit.dispose();
      if (req.signal?.aborted) throw abortError(req.signal);
      throw error;
    }
    try {
      if (payload !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
      const res = await request(url, {
        method: req.method,
        headers,
        body: payload,
        signal,
        dispatcher: this.dispatcher,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      status = res.statusCode;
      const raw = res.headers;
      header = (name) => {
        const v = raw[name];
        return Array.isArray(v) ? v[0] : v;
      };
      text = await res.body.text();
    } catch (error) {
      if (req.signal?.aborted) {
        log({ error: 'aborted' });
        throw abortError(req.signal);
      }
      const networkError = attemptLimit.timedOut
        ? new NetworkError('timeout', req.operation, 'TIMEOUT', `no answer within ${this.timeoutMs} ms`)
        : toNetworkError(error, req.operation, this.redact.bind(this));
      log({ error: networkError.message });
      return networkError;
    } finally {
      attemptLimit.dispose();
    }
    const requestId =
      header('apim-request-id') ?? header('x-ms-request-id') ?? header('x-request-id') ?? clientRequestId;
    const retryAfterMs = parseRetryAfterMs(header);
    if (status >= 400) {
      const safeText = this.redact(text);
      const error = apiErrorFromResponse({
        status,
        body: tryParseJson(safeText),
        rawText: safeText,
        operation: req.operation,
        requestId,
        retryAfterMs,
        errorCodeHeader: header('x-ms-error-code'),
      });
      log({ status, requestId, error: error.message });
      return error;
    }
    log({ status, requestId });
    let body: unknown = undefined;
    if (text.length > 0) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        throw new SchemaError(
          req.operation,
          [{ path: '', message: `the answer is not valid JSON (HTTP ${status})` }],
          requestId,
        );
      }
    }
    return { status, body, header, requestId, retryAfterMs };
  }

  private log(entry: RequestLogEntry): void {
    if (!this.onRequest) return;
    const safe = entry.error === undefined ? entry : { ...entry, error: this.redact(entry.error) };
    try {
      this.onRequest(safe);
    } catch {
      // A faulty logger must not break requests.
    }
  }

  /** Removes the key from any text that came from outside (service messages, socket errors). */
  private redact(text: string): string {
    if (!isKeyCredential(this.#credential) || this.#credential.key.length < 4) return text;
    return text.split(this.#credential.key).join('***');
  }
}

/** Aborts an attempt when the caller aborts or the time limit passes; cheaper than AbortSignal.any + timeout. */
class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => {
    this.controller.abort(this.parent?.reason);
  };
  timedOut = false;

  constructor(
    timeoutMs: number,
    private readonly parent: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    this.timer.unref();
    if (parent?.aborted) this.onAbort();
    else parent?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onAbort);
  }
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(
      `The endpoint "${endpoint}" is not a URL; expected e.g. https://<resource>.cognitiveservices.azure.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The endpoint must use http or https, not ${url.protocol}`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

function tryParseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const networkKinds: Record<string, NetworkErrorKind> = {
  ECONNRESET: 'connectionReset',
  EPIPE: 'connectionReset',
  UND_ERR_SOCKET: 'socketClosed',
  UND_ERR_CLOSED: 'socketClosed',
  ECONNREFUSED: 'connectionRefused',
  ENOTFOUND: 'dnsLookup',
  EAI_AGAIN: 'dnsLookup',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
  }
  return undefined;
}

function toNetworkError(error: unknown, operation: string, redact: (s: string) => string): NetworkError {
  const message = error instanceof Error ? error.message : String(error);
  // undici's proxy agent answers a refused tunnel (CONNECT not 200) with an error that only its message tells apart.
  const proxyStatus = /^Proxy response \((\d{3})\)|^Proxy Authentication Required \((\d{3})\)/.exec(message);
  if (proxyStatus) return new NetworkError('proxy', operation, `PROXY_${proxyStatus[1] ?? proxyStatus[2]}`, message);
  const code = errorCode(error);
  let kind: NetworkErrorKind = code === undefined ? 'other' : (networkKinds[code] ?? 'other');
  if (kind === 'other' && code !== undefined && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code))
    kind = 'tls';
  return new NetworkError(kind, operation, code, redact(message));
}

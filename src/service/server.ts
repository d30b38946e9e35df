// The local service: the custom text authoring and runtime REST API on node:http, backed by the store and engine.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_RUNTIME_REQUEST_BYTES } from '../contract/limits';
import { Containers } from './containers';
import type { ContainersOptions } from './containers';
import { AUTHORING_API_VERSIONS, DEFAULT_LIMITS, RUNTIME_API_VERSIONS } from './context';
import type { Limits, ServiceDeps } from './context';
import { createEngine } from './engine/engineHost';
import type { Engine } from './engine/types';
import { HOST_REFUSED, NOT_FOUND, WrongKeys, checkParams, hostAllowed, splitTarget } from './edge';
import { ServiceError } from './errors';
import { Faults, parseFaultRules, requestJobDelay } from './faults';
import type { FaultDecision, FaultRule } from './faults';
import { Jobs } from './jobs';
import type { JobsOptions } from './jobs';
import { Slots, defaultTrainingSlots } from './slots';
import { Router, checkApiVersion, checkContentType, parseJson, readBody } from './router';
import type { Reply, RequestContext, RouteOptions } from './router';
import { registerDeploymentRoutes } from './routes/authoringDeployments';
import { registerModelRoutes } from './routes/authoringModels';
import { registerProjectRoutes } from './routes/authoringProjects';
import { registerRuntimeRoutes } from './routes/runtime';
import { unservedOperation } from './unserved';
import { Store } from './store';
import type { FileWriter } from './store';

export const FAULTS_ENV = 'CUSTOM_TEXT_FAULTS';
/** Authoring bodies (labels files) can be large; the runtime keeps the service's 1 MB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const RUNTIME_MAX_BODY_BYTES = MAX_RUNTIME_REQUEST_BYTES;

export interface LocalServiceOptions {
  /** Persistent state lives here. */
  dataDir: string;
  /** Trains and predicts; default: worker threads (createEngine). */
  engine?: Engine;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: only this machine can reach it. */
  host?: string;
  /** Required on every request (Ocp-Apim-Subscription-Key); random when absent. */
  key?: string;
  /**
   * Requires `Authorization: Bearer <token>` instead of the key, as a Language resource with key access turned off
   * (Microsoft Entra ID). The token is compared, not validated: it stands for a signed-in identity in tests.
   */
  bearerToken?: string;
  containers?: ContainersOptions;
  faults?: FaultRule[];
  /** Environment to read CUSTOM_TEXT_FAULTS from (default process.env). */
  env?: Record<string, string | undefined>;
  maxBodyBytes?: number;
  /**
   * Serve HTTPS with this certificate (PEM). SDKs that refuse plain http (e.g. @azure/ai-language-text) work
   * unchanged against an https endpoint whose certificate they trust.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Job retention (default: authoring 7 days, analyze 24 h, swept every 10 minutes and at start). */
  retention?: JobsOptions & { sweepIntervalMs?: number };
  /** How many trainings run at once (default: cores - 1, from 1 to 4); the rest are queued. */
  trainingSlots?: number;
  limits?: Partial<Limits>;
  /** Retry hints on unfinished jobs (default true; the SDK benchmark turns them off to measure without). */
  retryHints?: boolean;
  /** Replaces the store's atomic file write (tests inject disk faults). */
  writeFile?: FileWriter;
  /** Closes the engine when the service closes (default true). */
  closeEngine?: boolean;
  log?: (message: string) => void;
}

export interface LocalService {
  /** e.g. http://127.0.0.1:5123 (what a client uses as the resource endpoint). */
  readonly endpoint: string;
  readonly key: string;
  readonly faults: Faults;
  /** Every route the service serves: method and path pattern. */
  readonly routes: readonly { method: string; pattern: string }[];
  /** Replaces the named container folders (e.g. when workspace folders change). */
  setContainers(folders: Record<string, string>): void;
  close(): Promise<void>;
}

const UNAUTHORIZED = new ServiceError(
  401,
  '401',
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
);

const UNAUTHORIZED_BEARER = new ServiceError(
  401,
  '401',
  'Access denied: this service requires a Microsoft Entra ID bearer token (Authorization: Bearer), and the one sent is missing or not accepted.',
);

function bearerMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || !/^bearer /i.test(given)) return false;
  return keyMatches(given.slice('bearer '.length).trim(), token);
}

function keyMatches(given: string | string[] | undefined, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, reply: Reply, requestId: string, malformed = false): void {
  const headers: Record<string, string> = { 'apim-request-id': requestId, ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    // Fault injection: a body cut in half is not valid JSON.
    if (malformed) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function errorReply(error: ServiceError): Reply {
  return { status: error.status, body: error.toBody(), headers: { 'x-ms-error-code': error.code, ...error.headers } };
}

function faultReply(fault: FaultDecision & { status: 429 | 503 | 500 }): Reply {
  if (fault.status === 429) {
    const seconds = fault.retryAfterSeconds ?? 1;
    return {
      ...errorReply(
        new ServiceError(
          429,
          '429',
          `Requests to the Analyze Text Operation under Language API have exceeded rate limit of your current pricing tier. Please retry after ${seconds} second${seconds === 1 ? '' : 's'}.`,
        ),
      ),
      headers: { 'retry-after': String(seconds), 'x-ms-error-code': '429' },
    };
  }
  const reply = errorReply(
    fault.status === 503
      ? new ServiceError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.')
      : new ServiceError(500, 'InternalServerError', 'An internal error occurred. Please retry later.'),
  );
  if (fault.retryAfterSeconds !== undefined)
    reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfterSeconds) };
  return reply;
}

/** How soon a poller should ask again about a running job (local jobs take well under a second to a few). */
export const POLL_HINT_MS = 100;
const ACTIVE = new Set(['notStarted', 'running', 'cancelling']);

/**
 * Accepted requests and unfinished job states carry retry hints, so the official SDKs poll at the local service's
 * pace instead of their defaults (Python authoring: 30 s). azure-core reads retry-after-ms first; core-lro (JS)
 * and most others read Retry-After in seconds.
 */
function withRetryHint(reply: Reply): Reply {
  const body: unknown = reply.body;
  const status = typeof body === 'object' && body !== null && 'status' in body ? body.status : undefined;
  const unfinished = reply.status === 202 || (reply.status === 200 && typeof status === 'string' && ACTIVE.has(status));
  if (!unfinished) return reply;
  return { ...reply, headers: { ...reply.headers, 'retry-after': '1', 'retry-after-ms': String(POLL_HINT_MS) } };
}

function loadFaults(options: LocalServiceOptions): FaultRule[] {
  const fromEnv = (options.env ?? process.env)[FAULTS_ENV];
  const envRules = fromEnv !== undefined && fromEnv.trim() !== '' ? parseFaultRules(fromEnv, FAULTS_ENV) : [];
  return [...envRules, ...(options.faults ?? [])];
}

export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const log = options.log ?? ((): void => undefined);
  const key = options.key ?? randomBytes(16).toString('hex');
  const faults = new Faults();
  faults.set(loadFaults(options));
  const store = await Store.open(options.dataDir, options.writeFile ? { writeFile: options.writeFile } : {});
  for (const warning of store.warnings) log(`store: ${warning.file}: ${warning.message}`);
  const jobs = new Jobs(store, options.retention);
  jobs.startSweeping(options.retention?.sweepIntervalMs ?? 10 * 60_000);
  const recovered = await jobs.recoverInterrupted();
  if (recovered > 0) log(`${recovered} job(s) interrupted by the previous stop are now reported failed.`);
  const containers = new Containers(options.containers);
  const engine = options.engine ?? createEngine();
  const deps: ServiceDeps = {
    store,
    jobs,
    containers,
    engine,
    trainingSlots: new Slots(options.trainingSlots ?? defaultTrainingSlots()),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  };

  const router = new Router();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = (): ServiceError =>
    new ServiceError(413, 'InvalidRequest', `The request body is larger than the limit of ${maxBodyBytes} bytes.`);
  const authoring: RouteOptions = { apiVersions: AUTHORING_API_VERSIONS, maxBodyBytes, tooLarge };
  registerProjectRoutes(router, deps, authoring);
  registerModelRoutes(router, deps, authoring);
  registerDeploymentRoutes(router, deps, authoring);
  registerRuntimeRoutes(router, deps, {
    apiVersions: RUNTIME_API_VERSIONS,
    maxBodyBytes: Math.min(maxBodyBytes, RUNTIME_MAX_BODY_BYTES),
  });

  // Known once listening; no request is handled before.
  let endpoint = '';
  let boundAddress = '127.0.0.1';
  const wrongKeys = new WrongKeys();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    let url = { path: '/', query: new URLSearchParams() };
    let malformed = false;
    try {
      if (!hostAllowed(req.headers.host, boundAddress)) throw HOST_REFUSED();
      const accepted =
        options.bearerToken === undefined
          ? keyMatches(req.headers['ocp-apim-subscription-key'], key)
          : bearerMatches(req.headers.authorization, options.bearerToken);
      if (!accepted) {
        const delay = wrongKeys.delayMs(req.socket.remoteAddress ?? '');
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        throw options.bearerToken === undefined ? UNAUTHORIZED : UNAUTHORIZED_BEARER;
      }
      url = splitTarget(req.url ?? '/');
      const fault = faults.match(method, url.path);
      if (fault) {
        if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
        if (fault.reset) {
          req.socket.destroy();
          return;
        }
        if (fault.status !== undefined) {
          send(res, faultReply({ ...fault, status: fault.status }), requestId, fault.malformedBody);
          return;
        }
        malformed = fault.malformedBody;
      }
      // Before the routes: "projects/global/deployments/resources" would otherwise read as a deployment.
      const unserved = unservedOperation(method, url.path);
      if (unserved) throw unserved;
      const match = router.match(method, url.path);
      if (!match) {
        if (router.hasPath(url.path))
          throw new ServiceError(405, 'InvalidRequest', `Method ${method} is not allowed on this path.`);
        throw NOT_FOUND();
      }
      const { route, params } = match;
      checkParams(method, params);
      const apiVersion = checkApiVersion(url.query, route.options.apiVersions);
      const tooLargeError = route.options.tooLarge ?? tooLarge;
      let bodyPromise: Promise<unknown> | undefined;
      const context: RequestContext = {
        method,
        params,
        query: url.query,
        apiVersion,
        // Links name the address served, never the Host header a client (or a rebinding page) chose.
        origin: endpoint,
        header: (name) => {
          const value = req.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        json: () => {
          checkContentType(req.headers['content-type']);
          return (bodyPromise ??= readBody(req, route.options.maxBodyBytes, tooLargeError).then(parseJson));
        },
      };
      const reply = await requestJobDelay.run(fault?.jobDelayMs ?? 0, () => route.handler(context));
      send(res, options.retryHints === false ? reply : withRetryHint(reply), requestId, malformed);
    } catch (error) {
      const serviceError =
        error instanceof ServiceError
          ? error
          : new ServiceError(
              500,
              'InternalServerError',
              'The local service hit an unexpected error; see its log for details.',
            );
      if (!(error instanceof ServiceError))
        log(`${method} ${url.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // A body we stopped reading (too large) cannot be drained safely: close the connection after answering.
      if (serviceError.status === 413 || serviceError.status === 415) res.setHeader('connection', 'close');
      send(res, errorReply(serviceError), requestId, malformed);
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res);
  };
  const scheme = options.tls ? 'https' : 'http';
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);
  server.keepAliveTimeout = 5000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  boundAddress = address.address;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  endpoint = `${scheme}://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost === '[::]' ? '[::1]' : shownHost}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    key,
    faults,
    routes: router.list(),
    setContainers: (folders) => {
      containers.setFolders(folders);
    },
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
        server.closeAllConnections();
        await jobs.stop();
        await store.flush();
        if (options.closeEngine !== false) await engine.close();
        await closed;
      })()),
  };
}

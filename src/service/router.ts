// Method + path pattern → handler, with the api-version check, JSON body parsing under a size limit and
// errors in the service's shape. Patterns use {name} for a path parameter, e.g. "/projects/{projectName}/:import"
// or "/analyze-text/jobs/{jobId}:cancel".
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { ServiceError, badRequest } from './errors';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly apiVersion: string;
  /** Scheme + host the client used: the base of operation-location and nextLink URLs. */
  readonly origin: string;
  /** A request header (the first value when repeated). */
  header(name: string): string | undefined;
  /** The request body parsed as JSON (400 when malformed, 413 when too large). */
  json(): Promise<unknown>;
}

export type Handler = (context: RequestContext) => Promise<Reply>;

export interface RouteOptions {
  apiVersions: readonly string[];
  maxBodyBytes: number;
  /** Error shape for a body over the limit (the runtime answers with its own code). */
  tooLarge?: () => ServiceError;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
  options: RouteOptions;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Routes are tried in registration order: register literal paths before parameterised ones. */
  add(method: string, pattern: string, options: RouteOptions, handler: Handler): void {
    const names: string[] = [];
    const source = pattern
      .split(/(\{[A-Za-z]+\})/)
      .map((part) => {
        const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+?)';
      })
      .join('');
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), names, handler, options });
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }

  /** Every route's method and pattern (for diagnostics and the request fuzzer). */
  list(): { method: string; pattern: string }[] {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }

  /** Whether any route serves this path with another method (405 rather than 404). */
  hasPath(path: string): boolean {
    return this.routes.some((r) => r.regex.test(path));
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function checkApiVersion(query: URLSearchParams, supported: readonly string[]): string {
  const version = query.get('api-version');
  if (version === null || version === '') {
    throw badRequest(
      `The api-version query parameter is required. Supported versions: ${supported.join(', ')}.`,
      'InvalidParameterValue',
    );
  }
  if (!supported.includes(version)) {
    throw new ServiceError(
      404,
      'NotFound',
      `Unsupported api-version '${version}'. Supported versions: ${supported.join(', ')}.`,
      {
        code: 'InvalidParameterValue',
        message: `The api-version '${version}' is not supported.`,
      },
    );
  }
  return version;
}

/** Reads the whole body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number, tooLarge: () => ServiceError): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A body sent with a content type that is not JSON is refused, as the service does (415). */
export function checkContentType(header: string | undefined): void {
  if (header === undefined || header.trim() === '') return;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return;
  throw new ServiceError(
    415,
    'InvalidRequest',
    `Content type "${header.slice(0, 80)}" is not supported; send the body as application/json.`,
  );
}

export function parseJson(buffer: Buffer): unknown {
  if (buffer.length === 0) throw badRequest('The request body is empty; a JSON body is required.', 'EmptyRequest');
  try {
    return JSON.parse(buffer.toString('utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw badRequest(`The request body is not valid JSON (${detail}).`, 'InvalidRequestBodyFormat');
  }
}

/** Validates a body against a schema; the message names every offending field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(
      `Invalid ${what}: ${z.prettifyError(result.error).replace(/\n/g, ' ')}`,
      'InvalidRequestBodyFormat',
    );
  }
  return result.data;
}

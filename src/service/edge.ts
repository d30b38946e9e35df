// The request's edge: the raw target split without URL resolution, path parameters checked by their rules, and
// the Host header checked against the names this service answers to (DNS rebinding).
import { isIP } from 'node:net';
import type { z } from 'zod';
import { jobIdSchema, resourceNameSchema } from '../contract/names';
import { ServiceError, badRequest } from './errors';

export { resourceNameSchema };

const PARAM_RULES: Readonly<Record<string, z.ZodType<string>>> = {
  projectName: resourceNameSchema,
  trainedModelLabel: resourceNameSchema,
  deploymentName: resourceNameSchema,
  jobId: jobIdSchema,
};

export const NOT_FOUND = (): ServiceError => new ServiceError(404, '404', 'Resource not found');

export interface Target {
  path: string;
  query: URLSearchParams;
}

/**
 * Splits a request target as sent. `new URL()` would resolve "a/../b" (and "%2E%2E") into another path, so a
 * request could name one resource and reach its parent; here a "." or ".." segment is simply not found.
 */
export function splitTarget(raw: string): Target {
  // Absolute-form targets ("http://host/path") keep only their path.
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') : raw;
  const hash = target.indexOf('#');
  const noHash = hash >= 0 ? target.slice(0, hash) : target;
  const q = noHash.indexOf('?');
  const path = (q >= 0 ? noHash.slice(0, q) : noHash) || '/';
  if (!path.startsWith('/')) throw NOT_FOUND();
  for (const segment of path.split('/')) {
    if (/^(\.|%2e){1,2}$/i.test(segment)) throw NOT_FOUND();
  }
  return { path, query: new URLSearchParams(q >= 0 ? noHash.slice(q + 1) : '') };
}

/**
 * Path parameters must follow their rules: nothing can exist under an invalid name, so reads and deletes answer
 * 404, and requests that would create something answer 400 saying what is wrong.
 */
export function checkParams(method: string, params: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(params)) {
    const rule = PARAM_RULES[name];
    const result = rule?.safeParse(value);
    if (!result || result.success) continue;
    if (method === 'GET' || method === 'DELETE') throw NOT_FOUND();
    throw badRequest(`Invalid ${name} "${value.slice(0, 60)}": ${result.error.issues[0]?.message ?? 'bad value'}.`);
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '::1']);

/** The host name of a Host header ("[::1]:80" → "::1"), lower-cased; undefined when malformed. */
export function hostName(header: string): string | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/i.exec(header.trim());
  return (m?.[1] ?? m?.[2])?.toLowerCase();
}

/**
 * Whether a request naming this Host may be served: loopback names, the bound address, and (when bound to every
 * interface) any IP literal. A DNS name that merely resolves here (rebinding) is refused.
 */
export function hostAllowed(header: string | undefined, boundAddress: string): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === undefined) return false;
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4 && name.startsWith('127.')) return true;
  const bound = boundAddress.toLowerCase();
  if (name === bound) return true;
  return (bound === '0.0.0.0' || bound === '::') && isIP(name) !== 0;
}

export const HOST_REFUSED = (): ServiceError =>
  new ServiceError(
    403,
    'Forbidden',
    'The Host header names neither this machine (localhost, a loopback address) nor the address the local service serves.',
  );

/** A name taken from a body or path for something about to be created: 400 saying what is wrong. */
export function checkName(name: string, what: string): string {
  const result = resourceNameSchema.safeParse(name);
  if (!result.success)
    throw badRequest(`Invalid ${what} "${name.slice(0, 60)}": ${result.error.issues[0]?.message ?? 'bad name'}.`);
  return name;
}

/**
 * Slows down repeated wrong keys from one address: the first 10 in a minute answer at once, each further one
 * waits 250 ms more (at most 2 s). Requests with the right key are never delayed; memory stays bounded.
 */
export class WrongKeys {
  private readonly seen = new Map<string, { count: number; since: number }>();

  delayMs(address: string, now = Date.now()): number {
    let entry = this.seen.get(address);
    if (!entry || now - entry.since > 60_000) {
      if (this.seen.size >= 1000) this.seen.clear();
      entry = { count: 0, since: now };
      this.seen.set(address, entry);
    }
    entry.count += 1;
    return entry.count <= 10 ? 0 : Math.min(2000, (entry.count - 10) * 250);
  }
}

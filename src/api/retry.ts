// When and how long to wait before trying a request again.
import type { ApiError, NetworkError } from './errors';

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff step; doubles each retry. Default 800 ms. */
  baseDelayMs?: number;
  /** Cap on a single backoff. Default 30 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is reported instead of waited out (e.g. a days-long quota). Default 60 s. */
  maxRetryAfterMs?: number;
}
export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 800,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  };
}

/** Exponential backoff with jitter: half fixed, half random, so clients that failed together spread out. */
export function backoffDelayMs(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return step / 2 + random() * (step / 2);
}

/**
 * Whether an error answer may be retried. 429 means the request was refused unprocessed, so even a POST may be
 * sent again; other transient statuses only for idempotent calls. A 403 (quota) is never retried.
 */
export function isRetryableStatus(error: ApiError, idempotent: boolean): boolean {
  if (error.status === 429) return true;
  if (!idempotent) return false;
  return (
    error.status === 408 || error.status === 500 || error.status === 502 || error.status === 503 || error.status === 504
  );
}

/** A network failure may be retried on idempotent calls; on others only when nothing reached the server. */
export function isRetryableNetworkError(error: NetworkError, idempotent: boolean): boolean {
  if (!error.isTransient) return false;
  return idempotent || error.kind === 'connectionRefused';
}

/** Parses Retry-After (seconds or an HTTP date) and the millisecond variants. */
export function parseRetryAfterMs(
  header: (name: string) => string | undefined,
  now: () => number = Date.now,
): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(header(name));
    if (header(name) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = header('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

// Waiting for long-running operations: polls with backoff, honours Retry-After, stops on abort.
import { abortError } from './errors';
import type { Sleep } from './http';
import { defaultSleep } from './http';

export interface PollOptions {
  /** Wait after the first unfinished poll. Default 1 s. */
  initialIntervalMs?: number;
  /** Longest wait between polls. Default 15 s. */
  maxIntervalMs?: number;
  /** Growth of the wait after each unfinished poll. Default 1.5. */
  backoffFactor?: number;
}
export type ResolvedPollOptions = Required<PollOptions>;

export function resolvePollOptions(options: PollOptions = {}): ResolvedPollOptions {
  return {
    initialIntervalMs: options.initialIntervalMs ?? 1000,
    maxIntervalMs: options.maxIntervalMs ?? 15_000,
    backoffFactor: options.backoffFactor ?? 1.5,
  };
}

export interface PolledState<T> {
  state: T;
  /** From the poll answer's Retry-After: the service says when to ask again. */
  retryAfterMs?: number | undefined;
}

export interface PollUntilDoneOptions<T> extends PollOptions {
  get: (signal: AbortSignal | undefined) => Promise<PolledState<T>>;
  isDone: (state: T) => boolean;
  signal?: AbortSignal | undefined;
  onUpdate?: ((state: T) => void) | undefined;
  sleep?: Sleep;
}

/** Polls immediately, then with growing waits (or the service's Retry-After) until `isDone`. */
export async function pollUntilDone<T>(options: PollUntilDoneOptions<T>): Promise<T> {
  const o = resolvePollOptions(options);
  const sleep = options.sleep ?? defaultSleep;
  let interval = o.initialIntervalMs;
  for (;;) {
    if (options.signal?.aborted) throw abortError(options.signal);
    const { state, retryAfterMs } = await options.get(options.signal);
    options.onUpdate?.(state);
    if (options.isDone(state)) return state;
    const wait = retryAfterMs !== undefined ? Math.min(Math.max(retryAfterMs, 0), o.maxIntervalMs * 4) : interval;
    await sleep(wait, options.signal);
    interval = Math.min(o.maxIntervalMs, interval * o.backoffFactor);
  }
}

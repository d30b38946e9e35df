// pollUntilDone on its own: waits, Retry-After, and aborts with real timers.
import assert from 'node:assert/strict';
import { isAbortError } from '../../../src/api/errors';
import { defaultSleep } from '../../../src/api/http';
import { pollUntilDone } from '../../../src/api/poll';

describe('api poll', () => {
  it('polls at once, then backs off up to the cap; a Retry-After overrides the next wait', async () => {
    const waits: number[] = [];
    const states = [1, 2, 3, 4, 5, 6];
    const final = await pollUntilDone({
      initialIntervalMs: 100,
      backoffFactor: 2,
      maxIntervalMs: 300,
      get: () => {
        const state = states.shift() ?? 99;
        return Promise.resolve({ state, retryAfterMs: state === 3 ? 7000 : undefined });
      },
      isDone: (s) => s === 6,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    assert.equal(final, 6);
    // Retry-After is capped at 4 × the longest interval, so a bad header cannot stall the watch for hours.
    assert.deepEqual(waits, [100, 200, 1200, 300, 300]);
  });

  it('an abort during a real wait ends it at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => {
      controller.abort();
    }, 20);
    await assert.rejects(
      pollUntilDone({
        initialIntervalMs: 10_000,
        signal: controller.signal,
        get: () => Promise.resolve({ state: 'running' }),
        isDone: () => false,
      }),
      (e: unknown) => isAbortError(e),
    );
    assert.ok(Date.now() - started < 2000);
  });

  it('defaultSleep rejects with an AbortError for an already aborted signal', async () => {
    await assert.rejects(defaultSleep(10_000, AbortSignal.abort()), (e: unknown) => isAbortError(e));
  });
});

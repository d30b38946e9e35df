import * as assert from 'node:assert/strict';
import { jobStatuses } from '../../../src/contract/common';
import { NOTIFICATION_MIN_VISIBLE_MS, progressMessageFor, untilProgressGoneMs } from '../../../src/core/jobProgress';

describe('a job’s progress notification', () => {
  it('says how the job goes while it runs, and nothing once it ended (no “succeeded” beside Cancel)', () => {
    assert.equal(progressMessageFor('notStarted'), 'waiting to start');
    assert.equal(progressMessageFor('running'), 'running');
    assert.equal(progressMessageFor('cancelling'), 'cancelling');
    for (const ended of ['succeeded', 'failed', 'cancelled', 'partiallyCompleted'] as const)
      assert.equal(progressMessageFor(ended), undefined, ended);
    assert.equal(jobStatuses.length, 7, 'every status is covered above');
  });

  it('is gone before the outcome is told: a quick job waits out the notification’s shortest showing', () => {
    assert.ok(untilProgressGoneMs(50) >= NOTIFICATION_MIN_VISIBLE_MS - 50);
    assert.ok(untilProgressGoneMs(0) < 2 * NOTIFICATION_MIN_VISIBLE_MS, 'not much longer');
    assert.equal(untilProgressGoneMs(5_000), 0, 'a long job is not held back');
  });
});

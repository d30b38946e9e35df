import * as assert from 'node:assert/strict';
import { fileInContainer, latest } from '../../../src/core/documentProject';

describe('a project’s documents and latest items', () => {
  it('takes the latest by an ISO date', () => {
    const items = [
      { n: 'a', at: '2026-01-02T00:00:00Z' },
      { n: 'b', at: '2026-03-01T00:00:00Z' },
      { n: 'c', at: '2025-12-31T00:00:00Z' },
    ];
    assert.equal(latest(items, (i) => i.at)?.n, 'b');
    assert.equal(
      latest([], (i: { at: string }) => i.at),
      undefined,
    );
  });

  it('resolves a location inside its container folder, and refuses one that leaves it', () => {
    assert.equal(fileInContainer('/ws/loans', 'a/01.txt'), '/ws/loans/a/01.txt');
    assert.equal(fileInContainer('/ws/loans', '../tickets/01.txt'), undefined);
  });
});

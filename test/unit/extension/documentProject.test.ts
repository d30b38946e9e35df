import * as assert from 'node:assert/strict';
import { containersHolding, latest, projectsHolding } from '../../../src/core/documentProject';

describe('the project of a document', () => {
  const containers = {
    samples: '/ws/samples',
    'sample-loan-agreements': '/ws/samples/loan-agreements',
    'sample-movie-summaries': '/ws/samples/movie-summaries',
    other: '/elsewhere',
  };

  it('finds the containers holding a file, innermost first, and none for a file outside them', () => {
    assert.deepEqual(containersHolding('/ws/samples/loan-agreements/Test 1.txt', containers), [
      'sample-loan-agreements',
      'samples',
    ]);
    assert.deepEqual(containersHolding('/ws/samples/readme.md', containers), ['samples']);
    // A sibling folder whose name starts the same is not inside.
    assert.deepEqual(containersHolding('/ws/samples-old/x.txt', containers), []);
    assert.deepEqual(containersHolding('/ws/samples', containers), []);
  });

  it('orders the projects by how close their container is to the document', () => {
    const projects = [
      { name: 'Root', container: 'samples' },
      { name: 'Loans', container: 'sample-loan-agreements' },
      { name: 'Movies', container: 'sample-movie-summaries' },
    ];
    const holding = projectsHolding(['sample-loan-agreements', 'samples'], projects, (p) => p.container);
    assert.deepEqual(
      holding.map((p) => p.name),
      ['Loans', 'Root'],
    );
  });

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
});

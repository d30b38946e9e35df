import * as assert from 'node:assert/strict';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_RESULTS_FILE_BYTES, readResultsFile } from '../../../src/workspace/resultsFile';

describe('reading a saved results file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cts-results-'));

  it('refuses a 76 MB results file by its size, before reading it', async () => {
    const huge = join(dir, 'million-entities.json');
    writeFileSync(huge, '');
    truncateSync(huge, 76 * 1024 * 1024);
    const started = performance.now();
    const before = process.memoryUsage().rss;
    await assert.rejects(
      readResultsFile(huge),
      /^Error: million-entities\.json is 76 MB; Open Results File… reads results files of at most 16 MB\. Save the result of fewer documents/,
    );
    assert.ok(process.memoryUsage().rss - before < 16 * 1024 * 1024, 'nothing of it was read');
    assert.ok(performance.now() - started < 200, 'refused at once');
  });

  it('reads a results file within the limit, and says when one is not JSON', async () => {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, '\uFEFF{"kind":"x"}');
    assert.deepEqual(await readResultsFile(ok), { kind: 'x' });
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, '{"kind":');
    await assert.rejects(readResultsFile(cut), /^Error: cut\.json is not JSON: /);
    await assert.rejects(readResultsFile(join(dir, 'none.json')), /none\.json was not found/);
    assert.equal(MAX_RESULTS_FILE_BYTES, 16 * 1024 * 1024);
  });
});

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAX_DOCUMENT_BYTES,
  ReadRefused,
  mapLimited,
  readDocumentInside,
  readInside,
} from '../../../src/workspace/boundedRead';

const refused = (reason: string) => (error: unknown) => error instanceof ReadRefused && error.reason === reason;

describe('bounded reads of workspace files', () => {
  const root = mkdtempSync(join(tmpdir(), 'cts-bounded-'));
  const project = join(root, 'project');
  mkdirSync(project);
  writeFileSync(join(root, 'secret.txt'), 'outside the project');
  writeFileSync(join(project, 'doc.txt'), '\uFEFFA loan of 5 dollars.');

  it('reads a document inside its project, without the byte-order mark', async () => {
    assert.equal(await readDocumentInside(project, join(project, 'doc.txt')), 'A loan of 5 dollars.');
  });

  it('refuses a symlink that leads outside the project, and follows one that stays inside', async () => {
    symlinkSync(join(root, 'secret.txt'), join(project, 'escape.txt'));
    symlinkSync(join(project, 'doc.txt'), join(project, 'alias.txt'));
    await assert.rejects(readDocumentInside(project, join(project, 'escape.txt')), refused('outside'));
    assert.equal(await readDocumentInside(project, join(project, 'alias.txt')), 'A loan of 5 dollars.');
  });

  it('refuses a link to /dev/zero and a FIFO without reading them', async () => {
    symlinkSync('/dev/zero', join(project, 'zero.txt'));
    execFileSync('mkfifo', [join(project, 'fifo.txt')]);
    // /dev/zero is outside the project: refused before its type is even looked at; a FIFO inside is no file.
    await assert.rejects(readInside(project, join(project, 'zero.txt'), 10), refused('outside'));
    await assert.rejects(readInside('/', join(project, 'zero.txt'), 10), refused('notFile'));
    await assert.rejects(readInside(project, join(project, 'fifo.txt'), 10), refused('notFile'));
  });

  it('refuses a 300 MB sparse file by its size, and a document past the character limit', async () => {
    const huge = join(project, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 300 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await assert.rejects(readDocumentInside(project, huge), refused('tooLarge'));
    assert.ok(process.memoryUsage().rss - before < 50 * 1024 * 1024, 'nothing of it was read');
    writeFileSync(join(project, 'long.txt'), 'x'.repeat(128_001));
    await assert.rejects(readDocumentInside(project, join(project, 'long.txt')), /128,001 characters/);
    writeFileSync(join(project, 'bytes.txt'), Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61));
    await assert.rejects(readInside(project, join(project, 'bytes.txt'), MAX_DOCUMENT_BYTES), refused('tooLarge'));
  });

  it('says a missing file is missing', async () => {
    await assert.rejects(readInside(project, join(project, 'none.txt'), 10), refused('missing'));
  });

  it('runs at most the given number of reads at a time, results in order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return n * 2;
    });
    assert.deepEqual(results, [2, 4, 6, 8, 10, 12, 14]);
    assert.equal(most, 3);
  });
});

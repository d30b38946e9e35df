import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../../../src/workspace/boundedRead';
import {
  describeRefusals,
  readDocumentBytes,
  readDocumentTexts,
  readDocuments,
  readFolderTexts,
  refusalsOf,
} from '../../../src/workspace/documentTexts';

describe('the documents of a workspace project, read inside its folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'cts-doctexts-'));
  const project = join(root, 'project');
  mkdirSync(join(project, 'sub'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), 'the content of a file outside the project');
  writeFileSync(join(project, 'a.txt'), 'A loan of 5 dollars.');
  symlinkSync(join(root, 'secret.txt'), join(project, 'sub', 'escape.txt'));
  const zeros = Array.from({ length: 16 }, (_, i) => `zero${i}.txt`);
  for (const z of zeros) symlinkSync('/dev/zero', join(project, z));

  it('never reads a symlink that leads out of the project: its text is not returned, and it says why', async () => {
    const read = await readDocuments(project, ['a.txt', 'sub/escape.txt', 'gone.txt']);
    assert.equal(read.get('a.txt'), 'A loan of 5 dollars.');
    const escape = read.get('sub/escape.txt');
    assert.ok(typeof escape === 'object' && escape.reason === 'outside');
    assert.match(describeRefusals(refusalsOf(read)), /^sub\/escape\.txt leads outside its project folder/);
    // A missing document is left to validation, which says "missing" in its own words.
    assert.deepEqual(
      refusalsOf(read).map((r) => r.location),
      ['sub/escape.txt'],
    );
    const bytes = await readDocumentBytes(project, ['sub/escape.txt'], MAX_DOCUMENT_BYTES);
    assert.ok(!Buffer.isBuffer(bytes[0]), 'the outside file is not uploaded');
  });

  it('reads 16 links to /dev/zero as refused, quickly, with memory flat', async () => {
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const texts = await readDocumentTexts(project, ['a.txt', ...zeros]);
    const grew = process.memoryUsage().rss - before;
    assert.deepEqual(
      zeros.map((z) => texts.get(z)),
      zeros.map(() => undefined),
    );
    assert.equal(texts.get('a.txt'), 'A loan of 5 dollars.');
    assert.ok(grew < 32 * 1024 * 1024, `rss grew by ${grew} bytes`);
    assert.ok(Date.now() - started < 2000, 'refused without reading');
    const bytes = await readDocumentBytes(project, zeros, MAX_DOCUMENT_BYTES);
    assert.equal(bytes.filter((b) => Buffer.isBuffer(b)).length, 0);
  });

  it('refuses a location that is no path inside the folder', async () => {
    const read = await readDocuments(project, ['../secret.txt', '/etc/passwd', 'a\0.txt']);
    assert.deepEqual(
      [...read.values()].map((r) => (typeof r === 'string' ? r : r.reason)),
      ['location', 'location', 'location'],
    );
  });

  it('reads a folder for Analyze Folder: links out of it and devices are listed as not read', async () => {
    const read = await readFolderTexts(project, [
      join(project, 'a.txt'),
      join(project, 'sub', 'escape.txt'),
      join(project, 'zero3.txt'),
    ]);
    assert.deepEqual(read[0], { text: 'A loan of 5 dollars.' });
    assert.match(JSON.stringify(read[1]), /"refused":"leads outside its project folder \(to .*secret\.txt\)/);
    assert.ok(read[2] !== undefined && 'refused' in read[2]);
  });
});

// dist/backend.js loads through V8's code cache when one was written for these very contents.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileCached } from '../../../src/activation/backendLoader';

describe('backend loader: code cache', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cts-code-cache-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (file: string): { how: string; value: unknown } => {
    const compiled = compileCached(file, path.join(dir, 'cache'));
    const factory = compiled.exports as (n: number) => { value: number; dir: string; path: string };
    const made = factory(1);
    assert.equal(made.dir, dir, '__dirname is the file’s folder');
    assert.equal(made.path, 'function', 'require works (node:path)');
    return { how: compiled.how, value: made.value };
  };

  it('compiles without a cache, then uses the one it wrote; other contents of the same length are compiled', async () => {
    const file = path.join(dir, 'backend.js');
    const code = (n: number): string =>
      `const p = require('node:path'); module.exports = (x) => ({ value: x + ${n}, dir: __dirname, path: typeof p.join });\n`;
    writeFileSync(file, code(1));
    const first = compileCached(file, path.join(dir, 'cache'));
    assert.equal(first.how, 'compiled, no code cache yet');
    await first.writeCache();
    assert.equal(readdirSync(path.join(dir, 'cache')).length, 1);

    assert.deepEqual(run(file), { how: 'from the code cache', value: 2 });

    writeFileSync(file, code(7)); // Same length: V8 alone would take the old cache.
    const changed = compileCached(file, path.join(dir, 'cache'));
    assert.equal(changed.how, 'compiled, no code cache yet');
    await changed.writeCache();
    assert.equal(readdirSync(path.join(dir, 'cache')).length, 1, 'the old cache is gone');
    assert.deepEqual(run(file), { how: 'from the code cache', value: 8 });
  });
});

// The root hook in test/setup fails a test that leaves an unhandled rejection (Mocha alone lets it pass).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('test guard: unhandled rejections', () => {
  it('fails the test during which a rejection goes unhandled', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cts-guard-'));
    try {
      const file = path.join(dir, 'leak.test.js');
      writeFileSync(file, "it('leaks', async () => { void Promise.reject(new Error('leak')); });\n");
      const mocha = require.resolve('mocha/bin/mocha.js');
      const hook = path.resolve(__dirname, '..', 'setup', 'unhandledRejections.js');
      const run = spawnSync(process.execPath, [mocha, '--no-config', '--require', hook, file], { encoding: 'utf8' });
      assert.notEqual(run.status, 0, run.stdout);
      assert.match(run.stdout, /Unhandled promise rejection/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

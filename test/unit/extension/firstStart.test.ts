import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFirstStart } from '../../../src/activation/firstStart';

describe('the first start (the walkthrough opens then, and never again)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cts-first-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is true once, in a storage folder that does not exist yet, and false at every later start', () => {
    const storage = join(dir, 'global-storage');
    assert.equal(isFirstStart(storage, 'walkthrough-shown'), true);
    assert.equal(isFirstStart(storage, 'walkthrough-shown'), false);
    assert.equal(isFirstStart(storage, 'walkthrough-shown'), false);
  });

  it('is false when the mark cannot be written: never rather than on every start', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the storage folder should be');
    assert.equal(isFirstStart(blocked, 'walkthrough-shown'), false);
    assert.equal(isFirstStart(blocked, 'walkthrough-shown'), false);
  });
});

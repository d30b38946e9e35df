import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownContainer } from '../../../src/workspace/ownContainer';

describe("a workspace project's own local container", () => {
  it('is the container whose folder is the project folder through another path (the demo’s linked samples)', async () => {
    // The repository's samples, reached by the service through the linked extension folder and by the workspace
    // directly: one folder, two paths.
    const root = mkdtempSync(join(tmpdir(), 'cts-own-'));
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'samples', 'loan-agreements'), { recursive: true });
    symlinkSync(repo, join(root, 'extension-link'));
    const containers = {
      'sample-loan-agreements': join(root, 'extension-link', 'samples', 'loan-agreements'),
      samples: join(repo, 'samples'),
    };
    assert.equal(await ownContainer(containers, join(repo, 'samples', 'loan-agreements')), 'sample-loan-agreements');
    assert.equal(await ownContainer(containers, join(repo, 'samples')), 'samples');
    assert.equal(await ownContainer(containers, join(repo, 'elsewhere')), undefined);
  });
});

import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Containers, checkLocation } from '../../../src/service/containers';
import { ServiceError } from '../../../src/service/errors';
import { makeTempDirs } from './fixtures';
import type { TempDirs } from './fixtures';

describe('service containers', () => {
  let dirs: TempDirs;
  beforeEach(async () => {
    dirs = await makeTempDirs();
    await mkdir(path.join(dirs.containersDir, 'c1', 'sub'), { recursive: true });
    await writeFile(path.join(dirs.containersDir, 'c1', 'sub', 'doc.txt'), '\uFEFFhello', 'utf8');
    await writeFile(path.join(dirs.root, 'outside.txt'), 'secret', 'utf8');
  });
  afterEach(() => dirs.cleanup());

  it('rejects absolute paths and ".." before touching the disk', () => {
    for (const bad of ['/etc/passwd', 'C:\\x.txt', '..', 'a/../../b', 'a\\..\\b', '']) {
      assert.throws(() => checkLocation(bad), ServiceError, bad);
    }
    assert.equal(checkLocation('./sub//doc.txt'), 'sub/doc.txt');
  });

  it('reads a document inside a subfolder container, dropping a byte-order mark', async () => {
    const containers = new Containers({ dir: dirs.containersDir });
    assert.equal(await containers.readDocument('c1', 'sub/doc.txt'), 'hello');
    assert.deepEqual(await containers.list(), ['c1']);
  });

  it('refuses a symlink that leads outside the container', async () => {
    await symlink(path.join(dirs.root, 'outside.txt'), path.join(dirs.containersDir, 'c1', 'link.txt'));
    const containers = new Containers({ dir: dirs.containersDir });
    await assert.rejects(containers.readDocument('c1', 'link.txt'), /outside container/);
  });

  it('maps extra folders by name, replaceable at run time, and names the known containers when one is missing', async () => {
    const containers = new Containers({ folders: { workspace: path.join(dirs.containersDir, 'c1') } });
    assert.equal(await containers.readDocument('workspace', 'sub/doc.txt'), 'hello');
    containers.setFolders({ other: path.join(dirs.containersDir, 'c1') });
    await assert.rejects(
      containers.readDocument('workspace', 'sub/doc.txt'),
      /"workspace" was not found\. Known containers: other/,
    );
    await assert.rejects(new Containers({ dir: dirs.containersDir }).readDocument('..', 'x'), /was not found/);
  });
});

import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { relocateToContainer } from '../../../src/core/labelsFile';
import { readLabelsFile } from '../../../src/workspace/labelsFile';

const labels = {
  projectFileVersion: '2022-05-01',
  stringIndexType: 'Utf16CodeUnit',
  metadata: {
    projectName: 'Tickets',
    storageInputContainerName: 'tickets',
    projectKind: 'CustomSingleLabelClassification',
    language: 'en-us',
  },
  assets: {
    projectKind: 'CustomSingleLabelClassification',
    classes: [{ category: 'Billing' }],
    documents: [{ location: 'billing 1.txt', class: { category: 'Billing' } }],
  },
};

describe('labels files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cts-labels-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a labels file, and names what is wrong with one that is not', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(labels));
    assert.equal((await readLabelsFile(good)).metadata.projectName, 'Tickets');

    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{ "projectFileVersion": ');
    await assert.rejects(readLabelsFile(notJson), /broken\.json: it is not valid JSON/);
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ ...labels, stringIndexType: 'TextElements_v8' }));
    await assert.rejects(
      readLabelsFile(wrong),
      /wrong\.json is not a labels file in the import format at stringIndexType/,
    );
  });

  it('places the documents of a file in a container subfolder, with forward slashes', async () => {
    const file = join(dir, 'good.json');
    await writeFile(file, JSON.stringify(labels));
    const project = await readLabelsFile(file);
    const atRoot = relocateToContainer(project, 'ws', dir, file);
    assert.equal(atRoot.metadata.storageInputContainerName, 'ws');
    assert.equal(atRoot.assets?.documents[0]?.location, 'billing 1.txt');
    const nested = relocateToContainer(project, 'ws', join(dir, '..'), file);
    assert.equal(nested.assets?.documents[0]?.location, `${dir.split('/').at(-1) ?? ''}/billing 1.txt`);
    assert.throws(() => relocateToContainer(project, 'ws', join(dir, 'elsewhere'), file), /is not inside/);
  });
});

// The labels store in a real window: the file on disk changed by someone else (a checkout, another window) while
// this window labels. Nothing of either side is lost, and a discarded label does not come back.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import { setClass } from '../../../src/core/labeling/classOps';
import { classesByDocument } from '../../../src/core/labeling/model';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { activateExtension, waitFor } from './helpers';

const empty = (name: string): string =>
  serializeLabelsFile({
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectKind: 'CustomSingleLabelClassification',
      storageInputContainerName: name.toLowerCase(),
      projectName: name,
      multilingual: false,
      language: 'en-us',
    },
    assets: {
      projectKind: 'CustomSingleLabelClassification',
      classes: [{ category: 'Pos' }, { category: 'Neg' }],
      documents: [{ location: 'a.txt' }, { location: 'b.txt' }],
    },
  });

const onDisk = (file: string): Map<string, string[]> => {
  const parsed = parseLabelsFile(readFileSync(file, 'utf8'));
  assert.ok(parsed.ok, 'the labels file parses');
  return classesByDocument(parsed.file.assets!);
};

suite('Labels store: the file changed outside while labeling', () => {
  let api: TestApi;
  let workspace: string;
  let count = 0;

  suiteSetup(async () => {
    api = await activateExtension();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run in a workspace');
    workspace = root;
  });

  /** A fresh project folder with documents a.txt and b.txt, no labels; returns its labels file. */
  const project = async (): Promise<string> => {
    const folder = join(workspace, `store-${++count}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a.txt'), 'Works well.');
    writeFileSync(join(folder, 'b.txt'), 'Broke at once.');
    const file = join(folder, 'Store.labels.json');
    writeFileSync(file, empty(`Store${count}`));
    assert.ok(await (await api.labeling()).track(file));
    return file;
  };

  test('a checkout back to a text written before is taken as a change; the discarded label does not come back', async () => {
    const labeling = await api.labeling();
    const file = await project();
    const original = readFileSync(file, 'utf8');
    await labeling.apply(file, (f) => setClass(f, 'a.txt', 'Pos'));
    await labeling.flush();
    assert.deepEqual(onDisk(file).get('a.txt'), ['Pos']);
    writeFileSync(file, original); // Discard Changes
    await waitFor('the discarded label gone from the window', () => {
      const assets = labeling.get(file)?.project?.file.assets;
      return assets && classesByDocument(assets).get('a.txt')?.length === 0 ? true : undefined;
    });
    await labeling.apply(file, (f) => setClass(f, 'b.txt', 'Neg'));
    await labeling.flush();
    assert.deepEqual(Object.fromEntries(onDisk(file)), { 'a.txt': [], 'b.txt': ['Neg'] });
  });

  test('a label written by another window just before this one labels is kept, and so is this one', async () => {
    const labeling = await api.labeling();
    const file = await project();
    const parsed = parseLabelsFile(readFileSync(file, 'utf8'));
    assert.ok(parsed.ok);
    const theirs = setClass(parsed.file, 'b.txt', 'Neg');
    assert.ok(theirs.ok);
    writeFileSync(file, serializeLabelsFile(theirs.value)); // the other window, before any watcher reports it
    await labeling.apply(file, (f) => setClass(f, 'a.txt', 'Pos'));
    await labeling.flush();
    assert.deepEqual(Object.fromEntries(onDisk(file)), { 'a.txt': ['Pos'], 'b.txt': ['Neg'] });
    await waitFor('the window shows both', () => {
      const assets = labeling.get(file)?.project?.file.assets;
      return assets && classesByDocument(assets).get('b.txt')?.[0] === 'Neg' ? true : undefined;
    });
  });
});

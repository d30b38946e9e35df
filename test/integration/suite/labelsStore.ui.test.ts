// The labels store in a real window: the file on disk changed by someone else (a checkout, another window) while
// this window labels. Nothing of either side is lost, and a discarded label does not come back.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import { setClass } from '../../../src/core/labeling/classOps';
import { classesByDocument } from '../../../src/core/labeling/model';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { LabelsFileStore, lockOf } from '../../../src/workspace/labelsStore';
import { activateExtension, waitFor } from './helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const empty = (name: string, documents = ['a.txt', 'b.txt']): string =>
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
      documents: documents.map((location) => ({ location })),
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

  /** A fresh project folder with documents (a.txt and b.txt unless named), no labels; returns its labels file. */
  const project = async (documents = ['a.txt', 'b.txt']): Promise<string> => {
    const folder = join(workspace, `store-${++count}`);
    mkdirSync(folder, { recursive: true });
    for (const location of documents) writeFileSync(join(folder, location), `Text of ${location}.`);
    const file = join(folder, 'Store.labels.json');
    writeFileSync(file, empty(`Store${count}`, documents));
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

  test('label actions made while another window writes the file lose no label of either side', async function () {
    this.timeout(60_000);
    const labeling = await api.labeling();
    const actions = 50;
    const names = (prefix: string) => Array.from({ length: actions }, (_, i) => `${prefix}${i}.txt`);
    const file = await project([...names('m'), ...names('t')]);
    const other = await LabelsFileStore.open(file, workspace);
    assert.ok(other instanceof LabelsFileStore);
    // This window labels the m documents without waiting for its writes, so some land while a save (which merges
    // the other window's labels first) is writing; the other window labels the t documents and writes each.
    const mine = async (): Promise<void> => {
      const done: Promise<unknown>[] = [];
      for (const location of names('m')) {
        done.push(labeling.apply(file, (f) => setClass(f, location, 'Pos')));
        await sleep(Math.random() * 15);
      }
      await Promise.all(done);
    };
    const theirs = async (): Promise<void> => {
      for (const location of names('t')) {
        assert.ok(other.current.ok);
        const labeled = setClass(other.current.file, location, 'Neg');
        assert.ok(labeled.ok, 'the other window labels');
        other.set(labeled.value);
        assert.equal((await other.save()).kind === 'conflict', false);
        await sleep(Math.random() * 15);
      }
    };
    await Promise.all([mine(), theirs()]);
    await labeling.flush();
    await other.save();
    const labeled = [...onDisk(file).values()].filter((classes) => classes.length > 0).length;
    assert.equal(labeled, 2 * actions, `${2 * actions - labeled} label(s) lost`);
  });

  test('a save that fails keeps the labels shown, says they are not saved, and writes them with the next action', async function () {
    this.timeout(30_000);
    const labeling = await api.labeling();
    const file = await project();
    // Another window writing for long: its lock is held by a live process (this one).
    const lock = lockOf(realpathSync(file));
    mkdirSync(join(lock, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(lock, `${process.pid} another window`);
    try {
      await labeling.apply(file, (f) => setClass(f, 'a.txt', 'Pos'));
      await labeling.flush();
      assert.deepEqual(onDisk(file).get('a.txt'), [], 'not written while the lock is held');
      const shown = labeling.get(file)?.project?.file.assets;
      assert.deepEqual(shown && classesByDocument(shown).get('a.txt'), ['Pos'], 'the label is still shown');
    } finally {
      unlinkSync(lock);
    }
    await labeling.apply(file, (f) => setClass(f, 'b.txt', 'Neg'));
    await labeling.flush();
    assert.deepEqual(Object.fromEntries(onDisk(file)), { 'a.txt': ['Pos'], 'b.txt': ['Neg'] });
  });
});

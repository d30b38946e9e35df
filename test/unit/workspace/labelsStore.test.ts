import * as assert from 'node:assert/strict';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { existsSync, lstatSync, mkdirSync, realpathSync, truncateSync, unlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import type { LabelsFile } from '../../../src/core/labeling/model';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { addSpan } from '../../../src/core/labeling/spanOps';
import { mapLimited } from '../../../src/workspace/boundedRead';
import { LabelsFileStore, lockOf, textOf } from '../../../src/workspace/labelsStore';
import { entityProject, value } from '../labeling/fixtures';

const WORD = 'word ';
const TEXT = WORD.repeat(200);

function folder(documents: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cts-store-'));
  for (let i = 0; i < documents; i++) writeFileSync(join(dir, `d${i}.txt`), TEXT);
  return dir;
}

function project(documents: number): LabelsFile {
  return entityProject(
    Array.from({ length: documents }, (_, i) => ({
      location: `d${i}.txt`,
      entities: [{ regionOffset: 0, regionLength: TEXT.length, labels: [] }],
    })),
  );
}

async function open(file: string, root: string): Promise<LabelsFileStore> {
  const store = await LabelsFileStore.open(file, root);
  if (!(store instanceof LabelsFileStore)) throw new Error(`not opened: ${String(store.skipped)}`);
  return store;
}

/** A label action: the word at `word` of `location` labeled Person. */
function label(store: LabelsFileStore, location: string, word: number): void {
  assert.ok(store.current.ok);
  store.set(value(addSpan(store.current.file, location, TEXT, { category: 'Person', offset: word * 5, length: 4 })));
}

function spansOnDisk(file: string): number {
  const parsed = parseLabelsFile(readFileSync(file, 'utf8'));
  assert.ok(parsed.ok);
  const assets = parsed.file.assets;
  assert.equal(assets?.projectKind, 'CustomEntityRecognition');
  return assets.documents.flatMap((d) => (d.entities ?? []).flatMap((r) => r.labels)).length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the labels store', () => {
  it('takes a checkout back to a text it wrote before as a change from outside', async () => {
    const dir = folder(2);
    const file = join(dir, 'p.labels.json');
    const original = serializeLabelsFile(project(2));
    writeFileSync(file, original);
    const store = await open(file, dir);
    label(store, 'd0.txt', 1);
    assert.equal((await store.save()).kind, 'saved');
    writeFileSync(file, original); // Discard Changes / git checkout
    assert.equal((await store.load()).kind, 'loaded');
    assert.equal(textOf(store.current), original);
    label(store, 'd1.txt', 2);
    await store.save();
    assert.equal(spansOnDisk(file), 1, 'the discarded label must not come back');
  });

  it('recognises its own write by what it wrote, and a touch of the same bytes as no change', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(1)));
    const store = await open(file, dir);
    label(store, 'd0.txt', 0);
    await store.save();
    assert.equal((await store.load()).kind, 'unchanged');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.equal((await store.load()).kind, 'unchanged');
  });

  it('merges a write made outside before it writes: the other label is kept', async () => {
    const dir = folder(2);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(2)));
    const mine = await open(file, dir);
    const other = await open(file, dir);
    label(other, 'd1.txt', 3);
    await other.save();
    label(mine, 'd0.txt', 1); // before any watcher told `mine`
    const outcome = await mine.save();
    assert.deepEqual(outcome, { kind: 'merged', fromDisk: ['d1.txt'] });
    assert.equal(spansOnDisk(file), 2);
  });

  it('stops on a real conflict and writes nothing until told which side to keep', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(1)));
    const mine = await open(file, dir);
    const other = await open(file, dir);
    label(other, 'd0.txt', 3);
    await other.save();
    const theirs = readFileSync(file, 'utf8');
    label(mine, 'd0.txt', 1);
    const outcome = await mine.save();
    assert.deepEqual(outcome.kind === 'conflict' ? outcome.documents : outcome.kind, ['d0.txt']);
    assert.equal(readFileSync(file, 'utf8'), theirs);
    mine.resolve('mine');
    assert.equal((await mine.save()).kind, 'saved');
    assert.equal(spansOnDisk(file), 1);
    assert.match(readFileSync(file, 'utf8'), /"offset": 5,/);
  });

  it('two writers on one file, 200 label actions with random delays and late reloads, lose nothing', async function () {
    this.timeout(120_000);
    const documents = 20;
    const dir = folder(documents);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(documents)));
    const writers = [await open(file, dir), await open(file, dir)];
    const reloads: Promise<unknown>[] = [];
    let conflicts = 0;
    let merges = 0;
    // The other writer hears of a write 0–150 ms later, like a file watcher; a merge it makes is written.
    const tell = (store: LabelsFileStore): void => {
      reloads.push(
        sleep(Math.random() * 150).then(async () => {
          const loaded = await store.load();
          if (loaded.kind === 'conflict') conflicts++;
          if (loaded.kind === 'merged') {
            merges++;
            const saved = await store.save();
            if (saved.kind === 'conflict') conflicts++;
          }
        }),
      );
    };
    const run = async (me: number): Promise<void> => {
      const store = writers[me] as LabelsFileStore;
      const other = writers[1 - me] as LabelsFileStore;
      for (let action = 0; action < 100; action++) {
        // Each writer labels its own half of the documents (labels belong to documents).
        const location = `d${me * (documents / 2) + (action % (documents / 2))}.txt`;
        label(store, location, Math.floor(action / (documents / 2)));
        await sleep(Math.random() * 20);
        const saved = await store.save();
        if (saved.kind === 'conflict' || saved.kind === 'failed') conflicts++;
        if (saved.kind === 'merged') merges++;
        tell(other);
      }
    };
    await Promise.all([run(0), run(1)]);
    await Promise.all(reloads);
    for (const store of writers) await store.save();
    const lost = 200 - spansOnDisk(file);
    console.log(`      two writers: 200 label actions, ${merges} merges, ${conflicts} conflicts, ${lost} labels lost`);
    assert.equal(conflicts, 0);
    assert.equal(lost, 0);
  });

  it('saves a file with an unknown field 10,000 levels deep', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    const text = serializeLabelsFile(project(1));
    const deep = `${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    writeFileSync(file, text.replace('{\n  "projectFileVersion"', `{\n  "deep": ${deep},\n  "projectFileVersion"`));
    const store = await open(file, dir);
    label(store, 'd0.txt', 0);
    assert.equal((await store.save()).kind, 'saved');
    const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
    let node = (saved as { deep: unknown }).deep;
    let depth = 0;
    while (typeof node === 'object' && node !== null) {
      node = (node as { x: unknown }).x;
      depth++;
    }
    assert.equal(depth, 10_000);
    assert.equal(spansOnDisk(file), 1);
  });

  it('keeps a change a failed save could not write, and writes it when saved again', async function () {
    this.timeout(20_000);
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(1)));
    const store = await open(file, dir);
    // Another window of this process writing for long: its lock (a live process) is waited for, then given up.
    const lock = lockOf(realpathSync(file));
    writeFileSync(lock, `${process.pid} another`);
    try {
      label(store, 'd0.txt', 0);
      const outcome = await store.save();
      assert.deepEqual(outcome, { kind: 'failed', message: 'p.labels.json is being written by another window.' });
      assert.equal(store.dirty, true, 'the change is kept, not saved');
      assert.equal(spansOnDisk(file), 0);
    } finally {
      unlinkSync(lock);
    }
    assert.equal((await store.save()).kind, 'saved');
    assert.equal(spansOnDisk(file), 1);
  });

  it('takes over at once a lock left by a process that is gone, in a folder of this user only', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(1)));
    const store = await open(file, dir);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const lock = lockOf(realpathSync(file));
    mkdirSync(dirname(lock), { recursive: true, mode: 0o700 });
    writeFileSync(lock, `${gone} killed`);
    label(store, 'd0.txt', 0);
    const started = Date.now();
    assert.equal((await store.save()).kind, 'saved');
    assert.ok(Date.now() - started < 1000, `waited ${Date.now() - started} ms`);
    assert.equal(existsSync(lock), false, 'the lock is released');
    assert.equal(dirname(lock), join(tmpdir(), `custom-text-locks-${process.getuid?.() ?? ''}`));
    assert.equal(statSync(dirname(lock)).mode & 0o777, 0o700);
  });

  it('replaces the text as given only over the version it last read, never merged', async () => {
    const dir = folder(2);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(2)));
    const mine = await open(file, dir);
    const pulled = serializeLabelsFile(
      value(addSpan(project(2), 'd1.txt', TEXT, { category: 'City', offset: 0, length: 4 })),
    );
    assert.deepEqual(await mine.replaceText(pulled), { kind: 'saved' });
    assert.equal(readFileSync(file, 'utf8'), pulled);
    assert.deepEqual(await mine.replaceText(pulled), { kind: 'unchanged' });

    const other = await open(file, dir);
    label(other, 'd0.txt', 2);
    await other.save();
    const theirs = readFileSync(file, 'utf8');
    const before = mine.current;
    assert.deepEqual(await mine.replaceText(serializeLabelsFile(project(2))), { kind: 'changedOutside' });
    assert.equal(readFileSync(file, 'utf8'), theirs, 'the other window’s label stays');
    assert.equal(mine.current, before, 'this window shows what it showed');
  });

  it('does not create a labels file through a folder that links outside the workspace', async () => {
    const dir = folder(0);
    const outside = mkdtempSync(join(tmpdir(), 'cts-outside-'));
    symlinkSync(outside, join(dir, 'linked'));
    const text = serializeLabelsFile(project(0));
    await assert.rejects(
      LabelsFileStore.create(join(dir, 'linked', 'new', 'p.labels.json'), dir, text),
      /^Error: p\.labels\.json leads outside the workspace folder \(to .*\): it is not written\.$/,
    );
    assert.deepEqual(readdirSync(outside), []);
    await LabelsFileStore.create(join(dir, 'inside', 'p.labels.json'), dir, text);
    assert.equal(readFileSync(join(dir, 'inside', 'p.labels.json'), 'utf8'), text);
  });

  it('keeps unknown keys named like Object members, the BOM, the mode, and a link inside the folder', async () => {
    const dir = folder(1);
    mkdirSync(join(dir, 'data'));
    const real = join(dir, 'data', 'real.labels.json');
    const file = join(dir, 'p.labels.json');
    const text = serializeLabelsFile(project(1)).replace(
      '{\n  "projectFileVersion"',
      '{\n  "constructor": 1,\n  "toString": "kept",\n  "projectFileVersion"',
    );
    writeFileSync(real, `\uFEFF${text}`);
    chmodSync(real, 0o600);
    symlinkSync(real, file);
    const store = await open(file, dir);
    label(store, 'd0.txt', 0);
    assert.equal((await store.save()).kind, 'saved');
    assert.ok(lstatSync(file).isSymbolicLink(), 'the link stays a link');
    const written = readFileSync(real, 'utf8');
    assert.ok(written.startsWith('\uFEFF{'), 'the BOM stays');
    assert.match(written, /"constructor": 1,\n {2}"toString": "kept"/);
    assert.equal(statSync(real).mode & 0o777, 0o600);
  });

  it('refuses a file that is not UTF-8 rather than corrupt it', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    const text = serializeLabelsFile(project(1)).replace('"projectName": "Test"', '"projectName": "Caf\u00e9"');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const store = await open(file, dir);
    assert.deepEqual(store.current.ok ? 'parsed' : store.current.problems.map((p) => p.code), ['invalidEncoding']);
    assert.equal((await store.save()).kind, 'unchanged');
    assert.deepEqual(readFileSync(file), Buffer.from(text, 'latin1'));
  });

  it('refuses a file with two assets blocks rather than drop the first', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    const text = serializeLabelsFile(project(1)).replace(
      '"assets": {',
      '"assets": {"projectKind": "CustomEntityRecognition", "entities": [], "documents": []},\n  "assets": {',
    );
    writeFileSync(file, text);
    const store = await open(file, dir);
    assert.deepEqual(store.current.ok ? 'parsed' : store.current.problems.map((p) => p.code), ['duplicateKey']);
  });

  it('removes temporary files a killed write left, only its own and only old ones', async () => {
    const dir = folder(1);
    const file = join(dir, 'p.labels.json');
    writeFileSync(file, serializeLabelsFile(project(1)));
    const old = new Date(Date.now() - 5 * 60_000);
    for (const name of ['p.labels.json.0123456789ab.tmp', 'p.labels.json.aaaaaaaaaaaa.tmp', 'notes.0123456789ab.tmp'])
      writeFileSync(join(dir, name), 'x');
    utimesSync(join(dir, 'p.labels.json.0123456789ab.tmp'), old, old);
    utimesSync(join(dir, 'notes.0123456789ab.tmp'), old, old);
    await open(file, dir);
    const left = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    assert.deepEqual(left.sort(), ['notes.0123456789ab.tmp', 'p.labels.json.aaaaaaaaaaaa.tmp']);
  });

  it('looks at 24 sparse 300 MB JSON files by their size and first bytes, without reading them whole', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'cts-huge-'));
    const files: string[] = [];
    for (let i = 0; i < 24; i++) {
      const file = join(dir, i % 2 === 0 ? `big${i}.labels.json` : `big${i}.json`);
      writeFileSync(file, '{"projectFileVersion": "2023-04-01", "metadata": {');
      truncateSync(file, 300 * 1024 * 1024);
      files.push(file);
    }
    // Under the limit, but not a labels file by its first bytes: never read whole.
    const data = join(dir, 'data.json');
    writeFileSync(data, '[1, 2, 3');
    truncateSync(data, 200 * 1024 * 1024);
    files.push(data);
    const before = process.memoryUsage().rss;
    const opened = await mapLimited(files, 4, (file) => LabelsFileStore.open(file, dir));
    const grown = process.memoryUsage().rss - before;
    assert.ok(grown < 64 * 1024 * 1024, `memory grew by ${Math.round(grown / 1024 / 1024)} MB`);
    const notes = opened.map((o) => (o instanceof LabelsFileStore ? 'opened' : o.skipped));
    assert.equal(notes.filter((n) => n === undefined).length, 13, 'the other JSON files pass without a word');
    for (const note of notes.filter((n) => n !== undefined))
      assert.match(note, /^big\d+\.labels\.json is larger than 256 MB and is not read as a labels file\.$/);
  });
});

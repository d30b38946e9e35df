import * as assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConflictChoice, PullOptions, PullSource } from '../../../src/workspace/pullDocuments';
import { PullRefused, besideName, pullDocuments } from '../../../src/workspace/pullDocuments';

/** A remote container: its documents by location; fetches are counted, and one location may fail. */
function remote(docs: Record<string, string>, failOn?: string): PullSource & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    same: (location, local) => local.toString('utf8') === docs[location],
    fetch: async (location) => {
      await new Promise((r) => setTimeout(r, 5));
      fetched.push(location);
      if (location === failOn) throw new Error('the connection was dropped');
      const text = docs[location];
      if (text === undefined) throw new Error(`no ${location}`);
      return Buffer.from(text);
    },
  };
}

function options(answer: ConflictChoice | undefined, asked: string[][] = [], editedHere = true): PullOptions {
  return {
    editedHere,
    from: 'Blob Azure',
    decide: (edited) => {
      asked.push([...edited]);
      return Promise.resolve(answer);
    },
  };
}

/** Every file under a folder, with its text: the workspace as it is. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isFile()) files[full.slice(dir.length + 1)] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('pulling documents into a workspace folder', () => {
  let root: string;
  let project: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cts-pulldocs-'));
    project = join(root, 'project');
    outside = join(root, 'outside');
    mkdirSync(project);
    mkdirSync(outside);
    writeFileSync(join(project, 'a.txt'), 'a as it was');
  });

  it('refuses to write through a symlinked folder that leads out of the project, writing nothing', async () => {
    symlinkSync(outside, join(project, 'out'));
    const source = remote({ 'a.txt': 'a pulled', 'out/evil.txt': 'written outside' });
    await assert.rejects(
      pullDocuments(project, ['a.txt', 'out/evil.txt'], source, options('theirs')),
      (e: unknown) => e instanceof PullRefused && /"out\/evil\.txt": its folder leads outside/.test(e.message),
    );
    assert.deepEqual(readdirSync(outside), [], 'nothing was written outside');
    assert.equal(readFileSync(join(project, 'a.txt'), 'utf8'), 'a as it was');
    assert.deepEqual(source.fetched, [], 'refused before anything was downloaded');
  });

  it('never writes through a symlinked document', async () => {
    writeFileSync(join(outside, 'target.txt'), 'outside, untouched');
    symlinkSync(join(outside, 'target.txt'), join(project, 'link.txt'));
    await assert.rejects(
      pullDocuments(project, ['link.txt'], remote({ 'link.txt': 'pulled' }), options('theirs')),
      /"link\.txt": it is a link here/,
    );
    assert.equal(readFileSync(join(outside, 'target.txt'), 'utf8'), 'outside, untouched');
  });

  it('checks every location first: one with a NUL stops the pull before anything is written', async () => {
    const source = remote({ 'a.txt': 'a pulled', 'b.txt': 'b pulled' });
    const before = snapshot(project);
    await assert.rejects(
      pullDocuments(project, ['a.txt', 'b.txt', 'c\0.txt', '../x.txt', 'file://x.txt'], source, options('theirs')),
      (e: unknown) => e instanceof PullRefused && /3 documents cannot be written/.test(e.message),
    );
    assert.deepEqual(snapshot(project), before);
    assert.deepEqual(source.fetched, []);
  });

  it('a failure halfway leaves the workspace as it was, and no staging folder', async () => {
    writeFileSync(join(project, 'b.txt'), 'b as it was');
    const source = remote({ 'a.txt': 'a pulled', 'b.txt': 'b pulled', 'sub/c.txt': 'c', 'd.txt': 'd' }, 'd.txt');
    const before = snapshot(project);
    await assert.rejects(
      pullDocuments(project, ['a.txt', 'b.txt', 'sub/c.txt', 'd.txt'], source, options('theirs', [], false)),
      /dropped/,
    );
    assert.deepEqual(snapshot(project), before);
    assert.deepEqual(readdirSync(project).sort(), ['a.txt', 'b.txt']);
  });

  it('writes the pulled documents, only those that differ', async () => {
    writeFileSync(join(project, 'same.txt'), 'same');
    const source = remote({ 'a.txt': 'a pulled', 'same.txt': 'same', 'sub/c.txt': 'c' });
    const done = await pullDocuments(
      project,
      ['a.txt', 'same.txt', 'sub/c.txt'],
      source,
      options(undefined, [], false),
    );
    assert.deepEqual(done?.written.sort(), ['a.txt', 'sub/c.txt']);
    assert.deepEqual(source.fetched.sort(), ['a.txt', 'sub/c.txt']);
    assert.deepEqual(snapshot(project), { 'a.txt': 'a pulled', 'same.txt': 'same', 'sub/c.txt': 'c' });
  });

  it('asks once about documents edited here: keep mine, take theirs, keep both, or cancel', async () => {
    const docs = { 'a.txt': 'a pulled', 'b.txt': 'b pulled', 'new.txt': 'new' };
    const locations = ['a.txt', 'b.txt', 'new.txt'];
    const cases: [ConflictChoice | undefined, Record<string, string>][] = [
      [undefined, { 'a.txt': 'a as it was', 'b.txt': 'b mine' }],
      ['mine', { 'a.txt': 'a as it was', 'b.txt': 'b mine', 'new.txt': 'new' }],
      ['theirs', { 'a.txt': 'a pulled', 'b.txt': 'b pulled', 'new.txt': 'new' }],
      [
        'both',
        {
          'a.txt': 'a as it was',
          'a (from Blob Azure).txt': 'a pulled',
          'b.txt': 'b mine',
          'b (from Blob Azure).txt': 'b pulled',
          'new.txt': 'new',
        },
      ],
    ];
    for (const [answer, expected] of cases) {
      const dir = mkdtempSync(join(root, 'case-'));
      writeFileSync(join(dir, 'a.txt'), 'a as it was');
      writeFileSync(join(dir, 'b.txt'), 'b mine');
      const asked: string[][] = [];
      const done = await pullDocuments(dir, locations, remote(docs), options(answer, asked));
      assert.deepEqual(asked, [['a.txt', 'b.txt']], 'asked once, naming the edited documents');
      assert.equal(done === undefined, answer === undefined);
      assert.deepEqual(snapshot(dir), expected, `after ${String(answer)}`);
    }
  });

  it('replaces without asking when nothing was edited here since the last push or pull', async () => {
    const asked: string[][] = [];
    await pullDocuments(project, ['a.txt'], remote({ 'a.txt': 'a pulled' }), options('mine', asked, false));
    assert.deepEqual(asked, []);
    assert.equal(readFileSync(join(project, 'a.txt'), 'utf8'), 'a pulled');
  });

  it('names the copy kept beside an edited document by its connection', () => {
    assert.equal(besideName('sub/notes.txt', 'Prod: EU/West'), 'sub/notes (from Prod- EU-West).txt');
  });

  it('stops before writing when a document here cannot be read to compare (too large)', async () => {
    writeFileSync(join(project, 'big.txt'), '');
    truncateSync(join(project, 'big.txt'), 10 * 1024 * 1024);
    const before = snapshot(project);
    const source = remote({ 'a.txt': 'a on the service', 'big.txt': 'small there' });
    await assert.rejects(
      pullDocuments(project, ['a.txt', 'big.txt'], source, options('theirs')),
      (error: unknown) =>
        error instanceof PullRefused &&
        /1 document here cannot be read/.test(error.message) &&
        /big\.txt/.test(error.message),
    );
    assert.deepEqual(snapshot(project), before, 'nothing was replaced');
    assert.deepEqual(source.fetched, [], 'nothing was fetched');
  });

  it('removes staging folders a pull cut short left behind, once they are old', async () => {
    const old = join(project, '.pull-old');
    const fresh = join(project, '.pull-fresh');
    for (const dir of [old, fresh]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'previous-0'), 'a backup');
    }
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    await pullDocuments(project, ['a.txt'], remote({ 'a.txt': 'a as it was' }), options('theirs'));
    assert.ok(!existsSync(old), 'the old stage is gone');
    assert.ok(existsSync(fresh), 'a recent one may belong to a pull still running');
  });
});

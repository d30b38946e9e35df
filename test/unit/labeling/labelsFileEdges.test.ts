// Hand-made labels files the first save must not lose anything of (issue 22, rows 9 and 10), through the functions
// every save goes through: parse, canonical writing, atomic writing.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../src/core/atomicFile';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { entityProject } from './fixtures';

const base = serializeLabelsFile(entityProject([{ location: 'a.txt' }]));
const withRootKeys = (keys: string): string =>
  base.replace('{\n  "projectFileVersion"', `{\n  ${keys},\n  "projectFileVersion"`);

function roundTrip(text: string): string {
  const parsed = parseLabelsFile(text);
  assert.ok(parsed.ok, 'parses');
  return serializeLabelsFile(parsed.file, parsed.eol);
}

describe('labels files made by hand, saved', () => {
  it('keeps an unknown field nested 10,000 levels deep (the save does not overflow the stack)', () => {
    const deep = `${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const saved = roundTrip(withRootKeys(`"deep": ${deep}`));
    assert.ok(saved.length < 200_000, `written in ${saved.length} characters`);
    let node = (JSON.parse(saved) as { deep: unknown }).deep;
    let depth = 0;
    for (; typeof node === 'object' && node !== null; depth++) node = (node as { x: unknown }).x;
    assert.deepEqual([depth, node], [10_000, 1]);
  });

  it('keeps unknown root keys named constructor and toString', () => {
    const saved = JSON.parse(roundTrip(withRootKeys('"constructor": 1, "toString": "x"'))) as Record<string, unknown>;
    assert.deepEqual(
      Object.entries(saved).filter(([key]) => key === 'constructor' || key === 'toString'),
      [
        ['constructor', 1],
        ['toString', 'x'],
      ],
    );
  });

  it('refuses two assets blocks (a bad merge) with a diagnostic at the first, rather than drop it', () => {
    const text = withRootKeys('"assets": {"projectKind": "CustomEntityRecognition", "entities": [], "documents": []}');
    const parsed = parseLabelsFile(text);
    assert.ok(!parsed.ok, 'refused');
    assert.deepEqual(
      parsed.diagnostics.map((d) => [d.code, d.fileOffset]),
      [['duplicateKey', text.indexOf('"assets"')]],
    );
  });

  it('writes a 0600 file as 0600', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cts-mode-')), 'p.labels.json');
    writeFileSync(file, base);
    chmodSync(file, 0o600);
    await writeFileAtomic(file, base.replace('a.txt', 'b.txt'));
    assert.match(readFileSync(file, 'utf8'), /b\.txt/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});

import assert from 'node:assert/strict';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import type { LabelsCheck } from '../../../src/core/labeling/checkLabelsText';
import { checkLabelsText } from '../../../src/core/labeling/checkLabelsText';
import type { DiagnosticCode } from '../../../src/core/labeling/diagnostics';
import { syntaxErrorOffset } from '../../../src/core/labeling/jsonPositions';
import { applyEdits, quickFixes } from '../../../src/core/labeling/quickFixes';
import { classProject, entityProject } from './fixtures';

const TEXT = 'Ada met Bob in Paris.   Then Lyon.';
const texts = (entries: Record<string, string | undefined>) => () => Promise.resolve(new Map(Object.entries(entries)));

async function check(text: string, docs: Record<string, string | undefined> = { 'a.txt': TEXT }): Promise<LabelsCheck> {
  return checkLabelsText(text, texts(docs));
}

/** Applies the fix titled like `title` of the first `code` diagnostic, which goes; returns the fixed text. */
async function fixed(text: string, code: DiagnosticCode, title: RegExp, docs?: Record<string, string | undefined>) {
  const result = await check(text, docs);
  const d = result.diagnostics.find((x) => x.code === code);
  assert.ok(d, `a ${code} diagnostic in ${JSON.stringify(result.diagnostics.map((x) => x.code))}`);
  assert.ok(result.file && result.positions);
  const fixes = quickFixes(text, result.positions, result.file, d);
  const chosen = fixes.find((f) => title.test(f.title));
  assert.ok(chosen, `a fix like ${String(title)} in ${JSON.stringify(fixes.map((f) => f.title))}`);
  const after = applyEdits(text, chosen.edits);
  JSON.parse(after); // Still JSON.
  const again = await check(after, docs);
  const count = (c: LabelsCheck): number => c.diagnostics.filter((x) => x.code === code).length;
  assert.equal(count(again), count(result) - 1, `one ${code} gone after "${chosen.title}"`);
  return after;
}

const entities = (labels: { category: string; offset: number; length: number }[], regionLength = TEXT.length) =>
  serializeLabelsFile(entityProject([{ location: 'a.txt', entities: [{ regionOffset: 0, regionLength, labels }] }]));

describe('labeling: checking a labels file text, and its quick fixes', () => {
  it('locates parse errors and validation problems in the text', async () => {
    const broken = await check('{\n  "projectFileVersion": ');
    assert.equal(broken.diagnostics[0]?.code, 'invalidJson');
    assert.equal(broken.diagnostics[0].fileRange.start, 26); // The end of the text, where it stops short.
    // A syntax error inside the text, whatever the JSON parser's message says.
    const inside = await check('{\n  "projectFileVersion": "x",\n  "metadata": {,\n}\n');
    assert.equal(inside.diagnostics[0]?.code, 'invalidJson');
    assert.equal(inside.diagnostics[0].fileRange.start, '{\n  "projectFileVersion": "x",\n  "metadata": {'.length);
    assert.match(inside.diagnostics[0].message, /fix the syntax near character 46/);
    const text = entities([{ category: 'Airport', offset: 0, length: 3 }]);
    const unknown = (await check(text)).diagnostics.find((d) => d.code === 'unknownCategory');
    assert.equal(text.slice(unknown?.fileRange.start, unknown?.fileRange.end), '"Airport"');
  });

  it('says a project kind in another case is accepted, and writes it in the usual case', async () => {
    const text = entities([]).replace(/"CustomEntityRecognition"/g, '"customEntityRecognition"');
    const result = await check(text);
    const info = result.diagnostics.filter((d) => d.code === 'kindCase');
    assert.deepEqual(
      info.map((d) => [d.severity, d.path.join('.')]),
      [
        ['info', 'metadata.projectKind'],
        ['info', 'assets.projectKind'],
      ],
    );
    const after = await fixed(text, 'kindCase', /Write the project kind as "CustomEntityRecognition"/);
    assert.equal((await check(after)).diagnostics.filter((d) => d.code === 'kindCase').length, 1);
  });

  it('adds an unknown entity type to the project, or removes the label', async () => {
    const text = entities([
      { category: 'Person', offset: 0, length: 3 },
      { category: 'Airport', offset: 8, length: 3 },
    ]);
    const added = await fixed(text, 'unknownCategory', /Add the entity type "Airport"/);
    assert.deepEqual(
      (JSON.parse(added) as { assets: { entities: { category: string }[] } }).assets.entities.map((e) => e.category),
      ['Person', 'City', 'Airport'],
    );
    assert.match(added, /\n {6}\{\n {8}"category": "Airport"\n {6}\}\n {4}\]/);
    const removed = await fixed(text, 'unknownCategory', /Remove this "Airport" label/);
    assert.equal((removed.match(/"category": "Person"/g) ?? []).length, 2);
  });

  it('removes an unknown class of a single-label document, and adds one to an empty list', async () => {
    const file = classProject(
      'CustomSingleLabelClassification',
      [{ location: 'a.txt', class: { category: 'Art' } }],
      [],
    );
    const text = serializeLabelsFile(file);
    const removed = await fixed(text, 'unknownCategory', /Remove this "Art" label/);
    assert.deepEqual((JSON.parse(removed) as { assets: { documents: object[] } }).assets.documents, [
      { location: 'a.txt' },
    ]);
    const added = await fixed(text, 'unknownCategory', /Add the class "Art"/);
    assert.match(added, /"classes": \[\n {6}\{\n {8}"category": "Art"\n {6}\}\n {4}\]/);
  });

  it('removes a span past the end of the text or only whitespace, and shortens a region to the text', async () => {
    await fixed(entities([{ category: 'City', offset: 30, length: 9 }], 40), 'spanOutsideText', /Remove this span/);
    await fixed(entities([{ category: 'City', offset: 21, length: 3 }]), 'whitespaceSpan', /Remove this span/);
    const region = await fixed(entities([], 99), 'regionOutsideText', /Shorten the region/);
    assert.match(region, new RegExp(`"regionLength": ${TEXT.length}`));
  });

  it('removes a duplicate or missing document, and writes "/" between folders', async () => {
    const file = classProject('CustomMultiLabelClassification', [
      { location: 'a.txt' },
      { location: 'b.txt' },
      { location: 'a.txt', classes: [{ category: 'Sports' }] },
      { location: 'sub\\c.txt' },
    ]);
    // The writer sorts by location: keep the hand-made order to test the second entry.
    const text = JSON.stringify(file, null, 2);
    const docs = { 'a.txt': 'x', 'b.txt': undefined, 'sub/c.txt': 'y' };
    const once = await fixed(text, 'duplicateLocation', /Remove this second entry of a\.txt/, docs);
    assert.equal((once.match(/"a\.txt"/g) ?? []).length, 1);
    await fixed(text, 'documentMissing', /Remove b\.txt from the project/, docs);
    const slash = await fixed(text, 'documentOutsideFolder', /Use "\/" between folders/, docs);
    assert.match(slash, /"location": "sub\/c\.txt"/);
  });

  it('offers nothing where the fix is not clear', async () => {
    const text = entities([
      { category: 'Person', offset: 0, length: 7 },
      { category: 'Person', offset: 0, length: 3 },
    ]);
    const result = await check(text);
    const overlap = result.diagnostics.find((d) => d.code === 'overlappingSpans');
    assert.ok(overlap && result.file && result.positions);
    assert.deepEqual(quickFixes(text, result.positions, result.file, overlap), []);
  });
});

describe('labeling: where a text stops being JSON', () => {
  it('points at the first character that breaks it, or nowhere for good JSON', () => {
    assert.equal(syntaxErrorOffset('{"a": 1, }'), 9);
    assert.equal(syntaxErrorOffset('{"a": [1 2]}'), 9);
    assert.equal(syntaxErrorOffset('{"a": 1}'), undefined);
    assert.equal(syntaxErrorOffset('{"a": 1} x'), 9);
  });
});

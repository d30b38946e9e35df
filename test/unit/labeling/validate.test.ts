import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serializeLabelsFile } from '../../../src/core/labeling/canonical';
import type { Diagnostic } from '../../../src/core/labeling/diagnostics';
import { jsonPointer } from '../../../src/core/labeling/diagnostics';
import { jsonPositions, rangeOfPath } from '../../../src/core/labeling/jsonPositions';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { validateProject } from '../../../src/core/labeling/validate';
import { compareDocuments, documentsOnDisk } from '../../../src/core/labeling/workspaceProject';
import { readDocumentTexts } from '../../../src/workspace/documentTexts';
import { ADVISED_TRAINING_EXAMPLES, LOCAL_MIN_DOCUMENTS_PER_SET } from '../../../src/contract/limits';
import { splitDocuments } from '../../../src/service/engine/split';
import { DATASETS, SAMPLES, classProject, entityProject } from './fixtures';

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.severity}:${d.code}`);
const percentage80 = { kind: 'percentage' as const, trainingSplitPercentage: 80, testingSplitPercentage: 20 };

describe('labeling: validation', () => {
  for (const { folder, labels } of DATASETS) {
    it(`${folder}: the sample project has no errors, and its documents are found on disk`, async () => {
      const dir = path.join(SAMPLES, folder);
      const parsed = parseLabelsFile(readFileSync(path.join(dir, labels), 'utf8'));
      assert.ok(parsed.ok);
      const onDisk = await documentsOnDisk(dir);
      const comparison = compareDocuments(parsed.file, onDisk);
      assert.deepEqual(comparison.missing, []);
      const locations = comparison.listed;
      const diagnostics = validateProject(parsed.file, await readDocumentTexts(dir, locations));
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      if (folder === 'loan-agreements')
        assert.deepEqual(comparison.unlisted, ['Test 1.txt', 'Test 2.txt', 'Test 3.txt']);
    });
  }

  it('reads the texts of listed documents, never outside the folder', async () => {
    const dir = path.join(SAMPLES, 'loan-agreements');
    const outside = '../web-of-science/webOfScience_labelsFile.json';
    const texts = await readDocumentTexts(dir, ['01.txt', outside, 'nope.txt']);
    assert.match(texts.get('01.txt') ?? '', /\r\n/);
    assert.deepEqual([texts.has(outside), texts.get(outside), texts.get('nope.txt')], [true, undefined, undefined]);
  });

  const TEXT = 'Ada met Bob in Paris.   Then Lyon.';
  const at = (word: string) => ({ offset: TEXT.indexOf(word), length: word.length });

  it('reports span problems with the document range and the labels-file path', () => {
    const file = entityProject([
      {
        location: 'a.txt',
        entities: [
          {
            regionOffset: 0,
            regionLength: 30,
            labels: [
              { category: 'Person', ...at('Ada') },
              { category: 'Person', offset: at('Ada').offset, length: 7 }, // overlaps Ada
              { category: 'City', offset: 21, length: 3 }, // whitespace only
              { category: 'Airport', ...at('Bob') }, // unknown type
              { category: 'City', ...at('Lyon') }, // outside the region
            ],
          },
          { regionOffset: 0, regionLength: 99, labels: [{ category: 'City', offset: 90, length: 5 }] },
        ],
      },
    ]);
    const ds = validateProject(file, new Map([['a.txt', TEXT]]));
    const errors = ds.filter((d) => d.severity === 'error');
    assert.deepEqual(codes(errors).sort(), [
      'error:overlappingSpans',
      'error:regionOutsideText',
      'error:spanOutsideRegion',
      'error:spanOutsideText',
      'error:unknownCategory',
      'error:whitespaceSpan',
    ]);
    const overlap = errors.find((d) => d.code === 'overlappingSpans')!;
    assert.deepEqual(overlap.range, { offset: 0, length: 7 });
    assert.equal(overlap.document, 'a.txt');
    assert.match(overlap.message, /Person 0\+7 "Ada met" overlaps Person 0\+3 "Ada"; .*remove or shorten one/);
    const unknown = errors.find((d) => d.code === 'unknownCategory')!;
    assert.deepEqual(unknown.path, ['assets', 'documents', 0, 'entities', 0, 'labels', 3, 'category']);
    assert.match(unknown.message, /add it to the project or relabel/);
  });

  it('reports missing, empty, outside, non-text and duplicate documents', () => {
    const file = classProject('CustomSingleLabelClassification', [
      { location: 'gone.txt', class: { category: 'Sports' } },
      { location: 'empty.txt' },
      { location: '../outside.txt' },
      { location: 'notes.md' },
      { location: 'empty.txt' },
    ]);
    const texts = new Map<string, string | undefined>([
      ['gone.txt', undefined],
      ['empty.txt', ''],
    ]);
    const ds = validateProject(file, texts);
    for (const code of [
      'documentMissing',
      'emptyDocument',
      'documentOutsideFolder',
      'documentNotText',
      'duplicateLocation',
    ])
      assert.ok(
        ds.some((d) => d.code === code && d.severity === 'error'),
        code,
      );
    assert.match(ds.find((d) => d.code === 'documentMissing')!.message, /restore the file or remove the document/);
    assert.deepEqual(ds.find((d) => d.code === 'duplicateLocation')!.path, ['assets', 'documents', 4, 'location']);
  });

  it('reports a single-label document with several classes, bad names and a kind mismatch', () => {
    const parsed = parseLabelsFile(
      JSON.stringify({
        projectFileVersion: '2023-04-01',
        stringIndexType: 'Utf16CodeUnit',
        metadata: {
          projectKind: 'CustomMultiLabelClassification',
          storageInputContainerName: 'c',
          projectName: 'my project',
          language: 'en',
        },
        assets: {
          projectKind: 'CustomSingleLabelClassification',
          classes: [{ category: 'A' }, { category: 'B?' }, { category: 'A' }],
          documents: [{ location: 'a.txt', classes: [{ category: 'A' }, { category: 'B?' }] }],
        },
      }),
    );
    assert.ok(parsed.ok);
    const ds = validateProject(parsed.file);
    for (const code of ['severalClasses', 'badCategoryName', 'duplicateCategory', 'badProjectName', 'kindMismatch'])
      assert.ok(
        ds.some((d) => d.code === code),
        code,
      );
  });

  it('checks the limits: classes, documents and characters', () => {
    const classes = Array.from({ length: 201 }, (_, i) => `C${i}`);
    const documents = Array.from({ length: 3 }, (_, i) => ({ location: `${i}.txt` }));
    const file = classProject('CustomSingleLabelClassification', documents, classes);
    const long = 'a'.repeat(128_001);
    const ds = validateProject(file, new Map([['0.txt', long]]));
    assert.ok(ds.some((d) => d.code === 'tooManyCategories' && d.severity === 'error'));
    assert.ok(ds.some((d) => d.code === 'tooFewDocuments' && d.severity === 'warning'));
    assert.match(ds.find((d) => d.code === 'documentTooLong')!.message, /128001 characters; .* at most 128000/);
    // 128,001 code units but 64,001 characters (emoji are one character each): within the limit.
    assert.ok(
      !validateProject(file, new Map([['0.txt', '😀'.repeat(64_001)]])).some((d) => d.code === 'documentTooLong'),
    );
  });

  it('warns about classes with few examples and classes missing from the Test set', () => {
    const documents = Array.from({ length: 12 }, (_, i) => ({
      location: `${i}.txt`,
      class: { category: i < 11 ? 'Sports' : 'Science' },
      dataset: i < 2 ? 'Test' : 'Train',
    }));
    const ds = validateProject(classProject('CustomSingleLabelClassification', documents));
    // Sports has 11 labels, but 2 are in Test: 9 to train on.
    assert.deepEqual(codes(ds), [
      'warning:fewExamples',
      'warning:fewExamples',
      'warning:fewExamples',
      'warning:missingFromTest',
    ]);
    assert.deepEqual(ds[1]!.path, ['assets', 'classes', 1]); // Politics: 0 examples
    assert.match(ds[0]!.message, /"Sports" has 9 training examples/);
    assert.match(ds[3]!.message, /"Science" has no example in the Test set/);
  });

  it('counts training examples outside the Test set only, against the one advised minimum', () => {
    const labels = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ category: 'Date', offset: i * 10, length: 4 }));
    const file = entityProject(
      [
        { location: 'a.txt', dataset: 'Train', entities: [{ regionOffset: 0, regionLength: 90, labels: labels(5) }] },
        { location: 'b.txt', entities: [{ regionOffset: 0, regionLength: 90, labels: labels(3) }] },
        { location: 'c.txt', dataset: 'Test', entities: [{ regionOffset: 0, regionLength: 90, labels: labels(4) }] },
      ],
      ['Date'],
    );
    const few = validateProject(file).filter((d) => d.code === 'fewExamples');
    assert.equal(few.length, 1, 'Date only: 12 labels, 8 of them to train on');
    assert.equal(
      few[0]!.message,
      `The entity type "Date" has 8 training examples (labels outside the Test set); at least ${ADVISED_TRAINING_EXAMPLES} are advised for a useful model.`,
    );
  });

  it('gives the minimum documents to train as Azure documents it and as the local service enforces it', () => {
    const documents = Array.from({ length: 7 }, (_, i) => ({
      location: `${i}.txt`,
      ...(i < 4 ? { class: { category: i % 2 ? 'Sports' : 'Science' } } : {}),
    }));
    const [warning] = validateProject(classProject('CustomSingleLabelClassification', documents)).filter(
      (d) => d.code === 'tooFewDocuments',
    );
    assert.equal(
      warning?.message,
      'The project has 4 labeled documents; Azure AI Language needs at least 10 to train, the local service at least 4 (2 to train, 2 to test). Label more.',
    );
    // What the local service's split does with that many labeled documents: 4 train, 3 do not.
    const labeled = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ location: `${i}.txt`, language: 'en', text: 'x', classes: ['A'] }));
    const split = splitDocuments(labeled(2 * LOCAL_MIN_DOCUMENTS_PER_SET), percentage80, 1);
    assert.deepEqual([split.training.length, split.testing.length], [2, 2]);
    assert.throws(() => splitDocuments(labeled(2 * LOCAL_MIN_DOCUMENTS_PER_SET - 1), percentage80, 1), /at least 2/);
  });
});

describe('labeling: JSON positions', () => {
  it('maps every node of a labels file to its range in the text', () => {
    const file = entityProject([
      {
        location: 'a/b~c.txt',
        entities: [{ regionOffset: 0, regionLength: 9, labels: [{ category: 'City', offset: 2, length: 3 }] }],
      },
    ]);
    const text = serializeLabelsFile(file);
    const ranges = jsonPositions(text);
    const slice = (path: (string | number)[]): string => {
      const r = rangeOfPath(ranges, path)!;
      return text.slice(r.start, r.end);
    };
    assert.equal(slice(['assets', 'documents', 0, 'location']), '"a/b~c.txt"');
    assert.equal(slice(['assets', 'documents', 0, 'entities', 0, 'labels', 0, 'offset']), '2');
    assert.deepEqual(JSON.parse(slice(['assets', 'documents', 0, 'entities', 0, 'labels', 0])) as unknown, {
      category: 'City',
      offset: 2,
      length: 3,
    });
    assert.equal(slice(['metadata', 'projectKind']), '"CustomEntityRecognition"');
    assert.equal(slice([]), text.trimEnd());
    // A node that does not exist points at its nearest ancestor.
    assert.equal(slice(['assets', 'documents', 0, 'dataset']).startsWith('{'), true);
    assert.equal(jsonPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
  });

  it('handles escapes and answers nothing for malformed input', () => {
    const text = '{"a\\"b": ["x\\\\", {"c": null}], "d": -1.5e3}';
    const root = jsonPositions(text);
    const slice = (path: (string | number)[]): string => {
      const r = rangeOfPath(root, path)!;
      return text.slice(r.start, r.end);
    };
    assert.equal(slice(['a"b', 1, 'c']), 'null');
    assert.equal(slice(['a"b', 0]), '"x\\\\"');
    assert.equal(slice(['d']), '-1.5e3');
    assert.equal(jsonPositions('{"d": tru'), undefined);
    assert.equal(rangeOfPath(undefined, ['d']), undefined);
    assert.equal(slice(['a"b', 5]), slice(['a"b']), 'a missing item points at its array');
    const empty = '{"a": [], "b": {}, "c": 1}';
    const at = (path: (string | number)[]) => rangeOfPath(jsonPositions(empty), path);
    assert.deepEqual(at(['a', 0]), { start: 6, end: 8 });
    assert.deepEqual(at(['b', 'x']), { start: 15, end: 17 });
    assert.deepEqual(at(['c']), { start: 24, end: 25 });
  });
});

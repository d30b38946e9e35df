import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceLabelsFileSchema } from '../../../src/contract/labels';
import { canonicalLabelsFile, serializeDocumentEntry, serializeLabelsFile } from '../../../src/core/labeling/canonical';
import type { LabelsDocument, LabelsFile } from '../../../src/core/labeling/model';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { DATASETS, SAMPLES } from './fixtures';

// The bytes the labels file was written as before the direct writer: JSON.stringify of the canonical form.
function previousBytes(file: LabelsFile, eol: '\n' | '\r\n' = '\n'): string {
  const text = `${JSON.stringify(canonicalLabelsFile(file), null, 2)}\n`;
  return eol === '\n' ? text : text.replace(/\n/g, '\r\n');
}

const KINDS = ['CustomSingleLabelClassification', 'CustomMultiLabelClassification', 'CustomEntityRecognition'];
const NAMES = ['Zoë', 'B"quoted"', 'back\\slash', 'tab\there', 'A', 'a', 'Ω', '😀', 'lone\ud800'];

/** A deterministic pseudo-random project of `kind`, in no particular order, with the odd unknown key. */
function generated(kind: string, documents: number, seed: number): LabelsFile {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const categories = NAMES.slice(0, 3 + next(NAMES.length - 3));
  const docs: Record<string, unknown>[] = [];
  for (let d = 0; d < documents; d++) {
    const doc: Record<string, unknown> = { location: `f${next(50)}/${NAMES[next(NAMES.length)] ?? ''}${d}.txt` };
    if (next(3) === 0) doc.dataset = next(2) === 0 ? 'Train' : 'Test';
    if (next(4) === 0) doc.language = 'en-us';
    if (next(9) === 0) doc.custom = { z: 1, a: [true, null, 1.5, 'x'], nested: {} };
    if (next(13) === 0) doc['7'] = 'an index-like key';
    const pick = (): string => categories[next(categories.length)] ?? 'A';
    if (kind === 'CustomSingleLabelClassification') {
      if (next(5) !== 0) doc.class = next(7) === 0 ? { description: 'd', category: pick() } : { category: pick() };
    } else if (kind === 'CustomMultiLabelClassification') {
      doc.classes = Array.from({ length: next(4) }, () => ({ category: pick() }));
    } else {
      doc.entities = Array.from({ length: 1 + next(2) }, () => ({
        labels: Array.from({ length: next(12) }, () => {
          const label: Record<string, unknown> = { length: 1 + next(9), category: pick(), offset: next(200) };
          if (next(20) === 0) label.confidence = 0.25;
          return label;
        }),
        regionLength: 100 + next(200),
        regionOffset: next(3),
      }));
    }
    docs.push(doc);
  }
  const assets: Record<string, unknown> = { documents: docs, projectKind: kind };
  assets[kind === 'CustomEntityRecognition' ? 'entities' : 'classes'] = categories.map((category, i) =>
    i % 3 === 0 ? { description: `about ${category}`, category } : { category },
  );
  return workspaceLabelsFileSchema.parse({
    assets,
    metadata: {
      settings: { confidenceThreshold: 0.5, list: [] },
      language: 'en',
      projectName: 'Gen',
      storageInputContainerName: 'c',
      projectKind: kind,
      description: 'line\nbreak',
    },
    extra: ['kept', { b: 2, a: 1 }],
    stringIndexType: 'Utf16CodeUnit',
    projectFileVersion: '2023-04-01',
  });
}

describe('labeling: the labels file writer', () => {
  for (const kind of KINDS)
    for (const seed of [1, 2, 3])
      it(`${kind}, generated project ${seed}: the same bytes as before, LF and CRLF`, () => {
        const file = generated(kind, 300, seed);
        assert.equal(serializeLabelsFile(file), previousBytes(file));
        assert.equal(serializeLabelsFile(file, '\r\n'), previousBytes(file, '\r\n'));
      });

  for (const { folder, labels } of DATASETS)
    it(`${folder}: the sample project's bytes are the same as before`, () => {
      const parsed = parseLabelsFile(readFileSync(path.join(SAMPLES, folder, labels), 'utf8'));
      assert.ok(parsed.ok);
      assert.equal(serializeLabelsFile(parsed.file), previousBytes(parsed.file));
    });

  it('entries written before are reused only while their document and the declared categories are the same', () => {
    const file = generated('CustomEntityRecognition', 60, 5);
    serializeLabelsFile(file);
    const assets = file.assets as Extract<LabelsFile['assets'], { entities: unknown }>;
    const documents = assets.documents.map((d, i) =>
      i === 3 ? { ...d, dataset: 'Test' as const, entities: [{ regionOffset: 0, regionLength: 9, labels: [] }] } : d,
    );
    const relabelled: LabelsFile = { ...file, assets: { ...assets, documents } };
    assert.equal(serializeLabelsFile(relabelled), previousBytes(relabelled));
    const reordered: LabelsFile = { ...file, assets: { ...assets, entities: [...assets.entities].reverse() } };
    assert.equal(serializeLabelsFile(reordered), previousBytes(reordered));
    assert.equal(serializeLabelsFile(reordered, '\r\n'), previousBytes(reordered, '\r\n'));
  });

  it('writes one document entry as it appears in the file', () => {
    const file = generated('CustomEntityRecognition', 40, 9);
    const assets = file.assets!;
    const doc = (assets.documents as LabelsDocument[])[0]!;
    const entry = serializeDocumentEntry(assets, doc);
    assert.ok(serializeLabelsFile(file).includes(`      ${entry}`));
    assert.match(entry, /^\{\n {8}"7": "an index-like key",\n {8}"location"/);
  });

  it('an empty project and empty members are written as JSON.stringify writes them', () => {
    const file = workspaceLabelsFileSchema.parse({
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: 'CustomEntityRecognition',
        storageInputContainerName: 'c',
        projectName: 'E',
        language: 'en',
        settings: {},
      },
      assets: {
        projectKind: 'CustomEntityRecognition',
        entities: [],
        documents: [{ location: 'a.txt', entities: [] }],
      },
    });
    assert.equal(serializeLabelsFile(file), previousBytes(file));
  });
});

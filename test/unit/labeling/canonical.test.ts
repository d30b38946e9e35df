import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serializeDocumentEntry, serializeLabelsFile } from '../../../src/core/labeling/canonical';
import type { EntityAssets, LabelsFile } from '../../../src/core/labeling/model';
import { parseLabelsFile } from '../../../src/core/labeling/parseLabels';
import { readWorkspaceProject, writeWorkspaceProject } from '../../../src/core/labeling/workspaceProject';
import { DATASETS, SAMPLES, entityProject } from './fixtures';

function parse(text: string): LabelsFile {
  const parsed = parseLabelsFile(text);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.file;
}

describe('labeling: canonical labels file', () => {
  for (const { folder, labels } of DATASETS) {
    it(`${folder}: canonicalised once, it round-trips byte for byte, losing no label`, () => {
      const original = readFileSync(path.join(SAMPLES, folder, labels), 'utf8');
      const canonical = serializeLabelsFile(parse(original));
      assert.equal(serializeLabelsFile(parse(canonical)), canonical);
      assert.ok(canonical.endsWith('}\n') && !canonical.endsWith('\n\n'));
      assert.ok(!canonical.includes('\r'));
      // Same content as the original, only in canonical order.
      const sortDeep = (v: unknown): unknown =>
        Array.isArray(v)
          ? v
              .map(sortDeep)
              .map((x) => JSON.stringify(x))
              .sort()
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .sort(([a], [b]) => (a < b ? -1 : 1))
                  .map(([k, x]) => [k, sortDeep(x)]),
              )
            : v;
      const before = JSON.parse(original) as { assets: { projectKind: string } };
      before.assets.projectKind = before.assets.projectKind.replace(/^c/, 'C'); // movieLabels.json's lower-case kind
      assert.deepEqual(sortDeep(JSON.parse(canonical)), sortDeep(before));
    });
  }

  it('orders documents by location, spans by offset then length, classes and entity types as declared', () => {
    const file = entityProject(
      [
        {
          location: 'b.txt',
          entities: [
            {
              regionOffset: 0,
              regionLength: 50,
              labels: [
                { category: 'City', offset: 20, length: 4 },
                { category: 'Person', offset: 3, length: 5 },
                { category: 'Person', offset: 3, length: 2 },
              ],
            },
          ],
        },
        { location: 'a.txt' },
        { location: 'B.txt' },
      ],
      ['Person', 'City', 'Airport'],
    );
    const json = JSON.parse(serializeLabelsFile(file)) as { assets: EntityAssets };
    assert.deepEqual(
      json.assets.documents.map((d) => d.location),
      ['B.txt', 'a.txt', 'b.txt'],
    );
    assert.deepEqual(
      json.assets.entities.map((e) => e.category),
      ['Person', 'City', 'Airport'],
    );
    assert.deepEqual(
      json.assets.documents[2]!.entities![0]!.labels.map((l) => `${l.offset}+${l.length}`),
      ['3+2', '3+5', '20+4'],
    );
  });

  it('puts keys in the import format order and keeps unknown fields after them', () => {
    const text = serializeLabelsFile(
      parse(
        JSON.stringify({
          extra: { kept: true },
          assets: {
            documents: [{ class: { category: 'A' }, location: 'x.txt', note: 'mine' }],
            classes: [{ category: 'A' }],
            projectKind: 'customSingleLabelClassification',
          },
          metadata: {
            language: 'en',
            projectName: 'P',
            storageInputContainerName: 'c',
            projectKind: 'CustomSingleLabelClassification',
          },
          stringIndexType: 'Utf16CodeUnit',
          projectFileVersion: '2023-04-01',
        }),
      ),
    );
    const keys = (o: object): string[] => Object.keys(o);
    const json = JSON.parse(text) as Record<string, Record<string, unknown>> & {
      assets: { projectKind: string; documents: object[] };
    };
    assert.deepEqual(keys(json), ['projectFileVersion', 'stringIndexType', 'metadata', 'assets', 'extra']);
    assert.deepEqual(keys(json.metadata!), ['projectKind', 'storageInputContainerName', 'projectName', 'language']);
    assert.deepEqual(keys(json.assets.documents[0]!), ['location', 'class', 'note']);
    assert.equal(json.assets.projectKind, 'CustomSingleLabelClassification');
    assert.match(text, /^{\n {2}"projectFileVersion": "2023-04-01",\n/);
  });

  it('serialises one document entry as it appears in the file', () => {
    const file = entityProject([
      {
        location: 'a.txt',
        entities: [{ regionOffset: 0, regionLength: 9, labels: [{ category: 'City', offset: 0, length: 5 }] }],
      },
    ]);
    const assets = file.assets as EntityAssets;
    const entry = serializeDocumentEntry(assets, assets.documents[0]!);
    assert.ok(serializeLabelsFile(file).includes(`      ${entry}`));
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'cts-labeling-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes only when the bytes change, atomically, and keeps a CRLF file CRLF', async () => {
      const file = path.join(dir, 'labels.json');
      const original = readFileSync(path.join(SAMPLES, 'loan-agreements', 'loanAgreementsLabels.json'), 'utf8');
      await writeFile(file, serializeLabelsFile(parse(original), '\r\n'));
      const read = await readWorkspaceProject(file);
      assert.ok(read.ok);
      assert.equal(read.project.eol, '\r\n');
      assert.equal(read.project.folder, dir);
      const before = await stat(file);
      assert.equal(await writeWorkspaceProject(read.project), false);
      assert.equal((await stat(file)).mtimeMs, before.mtimeMs);

      const assets = read.project.file.assets as EntityAssets;
      const changed = {
        ...read.project,
        file: { ...read.project.file, assets: { ...assets, documents: assets.documents.slice(1) } },
      };
      assert.equal(await writeWorkspaceProject(changed), true);
      const written = await readFile(file, 'utf8');
      assert.ok(!/[^\r]\n/.test(written), 'every line ends in CRLF');
      assert.ok(!written.includes('"01.txt"'));
      assert.deepEqual(await readdir(dir), ['labels.json']); // no temporary file left behind
    });

    it('reads a file with a BOM, and reports a broken one instead of throwing', async () => {
      const file = path.join(dir, 'labels.json');
      await writeFile(file, `\ufeff${serializeLabelsFile(entityProject([]))}`);
      assert.ok((await readWorkspaceProject(file)).ok);
      await writeFile(file, '{ "projectFileVersion": "2023-04-01", ');
      const broken = await readWorkspaceProject(file);
      assert.ok(!broken.ok);
      assert.equal(broken.diagnostics[0]?.code, 'invalidJson');
      assert.match(String(broken.diagnostics.at(0)?.message), /not valid JSON.*fix the syntax/);
    });
  });

  it('reports the shape errors of a labels file with their path', () => {
    const parsed = parseLabelsFile(
      JSON.stringify({
        projectFileVersion: '2023-04-01',
        stringIndexType: 'Utf16CodeUnit',
        metadata: {
          projectKind: 'CustomEntityRecognition',
          storageInputContainerName: 'c',
          projectName: 'p',
          language: 'en',
        },
        assets: {
          projectKind: 'CustomEntityRecognition',
          entities: [],
          documents: [
            {
              location: 'a.txt',
              entities: [{ regionOffset: 0, regionLength: 5, labels: [{ category: 'X', offset: -1, length: 2 }] }],
            },
          ],
        },
      }),
    );
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.diagnostics[0]?.path, ['assets', 'documents', 0, 'entities', 0, 'labels', 0, 'offset']);
    assert.match(String(parsed.diagnostics.at(0)?.message), /UTF-16 code units, 0 or more/);
  });
});

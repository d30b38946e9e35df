// Labeling core at project scale: a generated entity project of 10,000 documents and 100,000 spans (12 entity
// types, ~700-character documents with CRLF and the odd emoji). Measures validation of the whole project against
// its texts, writing the labels file after a label action and for the first time (canonical serialisation +
// atomic write), one label action (add a span, then
// re-serialise that document's entry) and mapping an edit through a document with 100 spans. Each figure is the
// median of several runs after untimed warm-up runs.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { workspaceLabelsFileSchema } from '../src/contract/labels';
import { writeFileAtomic, writeFileIfChanged } from '../src/core/atomicFile';
import { serializeDocumentEntry, serializeLabelsFile } from '../src/core/labeling/canonical';
import { mapSpansThroughEdit } from '../src/core/labeling/editMapping';
import { jsonPositions } from '../src/core/labeling/jsonPositions';
import type { EntityAssets, LabelsFile, Span } from '../src/core/labeling/model';
import { parseLabelsFile } from '../src/core/labeling/parseLabels';
import { addSpan } from '../src/core/labeling/spanOps';
import { validateProject } from '../src/core/labeling/validate';

const DOCUMENTS = 10_000;
const SPANS_PER_DOCUMENT = 10;
const TYPES = ['Date', 'BorrowerName', 'BorrowerAddress', 'BorrowerCity', 'BorrowerState', 'LenderName'].flatMap(
  (t) => [t, `${t}2`],
);
const GOALS = { validateMs: 500, writeMs: 200, labelActionMs: 5, editMappingMs: 1 };

const WORDS = ['loan', 'agreement', 'borrower', 'lender', 'amount', 'interest', 'date', 'city', 'state', 'Zoë'];

/** A document's text and its spans: one span every 60 characters, on a word. */
function generateDocument(seed: number, spansPerDocument: number): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  for (let s = 0; s < spansPerDocument; s++) {
    const filler = `${WORDS[(seed + s) % WORDS.length] ?? ''} ${s % 4 === 0 ? '😀 ' : ''}and so on,\r\n\tit goes `;
    text += filler;
    const word = `Name${seed}_${s}`;
    spans.push({ category: TYPES[(seed + s) % TYPES.length] ?? 'Date', offset: text.length, length: word.length });
    text += `${word} here. `;
  }
  return { text, spans };
}

function generateProject(): { file: LabelsFile; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const documents = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const location = `docs/${String(d).padStart(5, '0')}.txt`;
    const { text, spans } = generateDocument(d, SPANS_PER_DOCUMENT);
    texts.set(location, text);
    documents.push({
      location,
      language: 'en-us',
      dataset: d % 5 === 0 ? 'Test' : 'Train',
      entities: [{ regionOffset: 0, regionLength: text.length, labels: spans }],
    });
  }
  const file = workspaceLabelsFileSchema.parse({
    projectFileVersion: '2023-04-01',
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectKind: 'CustomEntityRecognition',
      storageInputContainerName: 'bench',
      projectName: 'Bench',
      language: 'en',
    },
    assets: { projectKind: 'CustomEntityRecognition', entities: TYPES.map((category) => ({ category })), documents },
  });
  return { file, texts };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function time(runs: number, warmup: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Like {@link time}, with `before` run untimed ahead of each run. */
async function timeAfter(runs: number, warmup: number, before: () => void, fn: () => unknown): Promise<number> {
  for (let i = 0; i < warmup; i++) {
    before();
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cts-bench-labeling-'));
  try {
    const { file, texts } = generateProject();
    const labels = (file.assets as EntityAssets).documents.reduce(
      (n, d) => n + (d.entities?.[0]?.labels.length ?? 0),
      0,
    );
    const text = serializeLabelsFile(file);
    const target = path.join(dir, 'labels.json');

    let errors = -1;
    const validateMs = await time(5, 2, () => {
      errors = validateProject(file, texts).filter((d) => d.severity === 'error').length;
    });
    const parseMs = await time(5, 2, () => parseLabelsFile(text));
    // Load-independent yardsticks: the CPU part of writing, next to V8's own JSON on the same data.
    // Serialising a project read from disk: every document entry is written (fresh document objects each run).
    const freshDocuments = (): LabelsFile => ({
      ...file,
      assets: {
        ...(file.assets as EntityAssets),
        documents: (file.assets as EntityAssets).documents.map((d) => ({ ...d })),
      },
    });
    const serializeColdMs = await time(5, 2, () => serializeLabelsFile(freshDocuments()));
    const plain = JSON.parse(text) as unknown;
    const stringifyMs = await time(5, 2, () => JSON.stringify(plain, null, 2));
    const jsonParseMs = await time(5, 2, () => JSON.parse(text));
    const rangesMs = await time(5, 2, () => jsonPositions(text));
    // Saving after a label action, the usual save: one document changed since the last write. Each run labels the
    // next document (untimed) and then serialises and writes the file, so every run really writes.
    let current = file;
    serializeLabelsFile(current);
    let next = 0;
    const labelNext = (): void => {
      const location = `docs/${String(next++ % DOCUMENTS).padStart(5, '0')}.txt`;
      const result = addSpan(current, location, texts.get(location) ?? '', {
        category: 'Date',
        offset: 0,
        length: (texts.get(location) ?? '').indexOf(' '),
      });
      if (!result.ok) throw new Error(result.reason);
      current = result.value;
    };
    const serializeMs = await timeAfter(5, 2, labelNext, () => serializeLabelsFile(current));
    // As the extension writes after a label action: the text differs from the last one written, so no read-back.
    const writeMs = await timeAfter(5, 2, labelNext, () => writeFileAtomic(target, serializeLabelsFile(current)));
    const unchangedMs = await time(5, 2, () => writeFileIfChanged(target, serializeLabelsFile(current)));
    // The first save of a project read from disk: every entry written, to a new file.
    let cold = 0;
    const coldWriteMs = await time(5, 2, () =>
      writeFileIfChanged(path.join(dir, `cold-${cold++}.json`), serializeLabelsFile(freshDocuments())),
    );

    // A label action in the middle of the project: a new span on a word, then that document's entry re-serialised.
    const location = 'docs/05000.txt';
    const docText = texts.get(location) ?? '';
    const firstWord = docText.indexOf(' ');
    const grown = { ...file.assets } as EntityAssets;
    const labelActionMs = await time(50, 10, () => {
      const result = addSpan(file, location, docText, { category: 'Date', offset: 0, length: firstWord });
      if (!result.ok) throw new Error(result.reason);
      const doc = (result.value.assets as EntityAssets).documents.find((d) => d.location === location);
      if (doc) serializeDocumentEntry(grown, doc);
    });

    const big = generateDocument(7, 100);
    const editMs = await time(200, 50, () =>
      mapSpansThroughEdit(
        big.spans,
        { offset: Math.floor(big.text.length / 2), removedLength: 3, insertedText: 'é😀' },
        big.text,
      ),
    );

    const pass = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    const f = (ms: number): string => `${ms.toFixed(ms < 1 ? 3 : 1)} ms`;
    console.log(
      `project: ${DOCUMENTS.toLocaleString('en')} documents, ${labels.toLocaleString('en')} spans, ${TYPES.length} entity types, labels file ${(text.length / 2 ** 20).toFixed(1)} MB`,
    );
    console.log('| measure | result | goal |\n|---|---|---|');
    console.log(
      `| validate the whole project against its texts (${errors} errors) | ${f(validateMs)} | ≤ ${GOALS.validateMs} ms: ${pass(validateMs <= GOALS.validateMs && errors === 0)} |`,
    );
    console.log(`| parse the labels file (JSON + schema) | ${f(parseMs)} | |`);
    console.log(`| reference: JSON.parse of the same text | ${f(jsonParseMs)} | |`);
    console.log(`| map every node of the file to its text range | ${f(rangesMs)} | |`);
    console.log(
      `| write the labels file after a label action (serialise + atomic write) | ${f(writeMs)} | ≤ ${GOALS.writeMs} ms: ${pass(writeMs <= GOALS.writeMs)} |`,
    );
    console.log(`| of which: canonical serialisation (CPU only) | ${f(serializeMs)} | |`);
    console.log(`| first write of a project read from disk (every entry serialised) | ${f(coldWriteMs)} | |`);
    console.log(`| of which: canonical serialisation (CPU only) | ${f(serializeColdMs)} | |`);
    console.log(`| reference: JSON.stringify(…, null, 2) of the same data | ${f(stringifyMs)} | |`);
    console.log(`| save with nothing changed (serialise + compare, no write) | ${f(unchangedMs)} | |`);
    console.log(
      `| label action: add a span + re-serialise its document entry | ${f(labelActionMs)} | ≤ ${GOALS.labelActionMs} ms: ${pass(labelActionMs <= GOALS.labelActionMs)} |`,
    );
    console.log(
      `| map an edit through a document with 100 spans | ${f(editMs)} | ≤ ${GOALS.editMappingMs} ms: ${pass(editMs <= GOALS.editMappingMs)} |`,
    );
    const failed =
      validateMs > GOALS.validateMs ||
      errors !== 0 ||
      writeMs > GOALS.writeMs ||
      labelActionMs > GOALS.labelActionMs ||
      editMs > GOALS.editMappingMs;
    if (failed) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Suggestions at the size the service allows: a 125,000-character document with 5,000 predicted entities, some
// on text the user labeled. Measures the work between the result arriving and the editor drawing it: the
// suggestions kept (threshold, overlaps with labels and with each other), grouped by colour with their positions
// (a line table stands in for VS Code's positionAt, as the editor computes positions), and Accept All. The
// integration test logs the real drawing time in the browser. Each figure is the median of runs after warm-up.
import { performance } from 'node:perf_hooks';
import { workspaceLabelsFileSchema } from '../src/contract/labels';
import { colorsByCategory } from '../src/core/entityColors';
import { linePositions } from '../src/core/linePositions';
import { acceptAll, suggestionsFor } from '../src/core/suggestions/suggestions';

const CHARACTERS = 125_000;
const ENTITIES = 5_000;
const LABELED = 200;
const TYPES = ['Date', 'BorrowerName', 'BorrowerAddress', 'BorrowerCity', 'LenderName', 'Interest'];
const RUNS = 15;

function documentOf(): {
  text: string;
  entities: { text: string; category: string; offset: number; length: number; confidenceScore: number }[];
} {
  const step = CHARACTERS / ENTITIES; // 25 characters per entity
  let text = '';
  const entities = [];
  for (let i = 0; i < ENTITIES; i++) {
    const word = `Name${i}`;
    const line = `${i % 3 === 0 ? '\r\n' : ''}the loan of `;
    text += line;
    entities.push({
      text: word,
      category: TYPES[i % TYPES.length] ?? 'Date',
      offset: text.length,
      length: word.length,
      confidenceScore: 0.4 + ((i * 37) % 60) / 100,
    });
    text += word;
    text += ' '.repeat(Math.max(1, Math.round(step * (i + 1)) - text.length));
  }
  return { text: text.slice(0, CHARACTERS), entities };
}

const { text, entities } = documentOf();
const file = workspaceLabelsFileSchema.parse({
  projectFileVersion: '2023-04-01',
  stringIndexType: 'Utf16CodeUnit',
  metadata: {
    projectKind: 'CustomEntityRecognition',
    storageInputContainerName: 'docs',
    projectName: 'Bench',
    language: 'en-us',
  },
  assets: {
    projectKind: 'CustomEntityRecognition',
    entities: TYPES.map((category) => ({ category })),
    documents: [
      {
        location: 'doc.txt',
        entities: [
          {
            regionOffset: 0,
            regionLength: text.length,
            labels: entities
              .filter((_, i) => i % (ENTITIES / LABELED) === 0)
              .map(({ category, offset, length }) => ({ category, offset, length })),
          },
        ],
      },
    ],
  },
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time<T>(run: () => T): { ms: number; result: T } {
  let result = run();
  for (let w = 0; w < 3; w++) result = run();
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    result = run();
    ms.push(performance.now() - started);
  }
  return { ms: median(ms), result };
}

const kept = time(() => suggestionsFor(file, 'doc.txt', text, { entities }, 0.5));
const drawn = time(() => {
  // As the editor groups them: bare ranges per decoration type (entity type, colour and shown confidence).
  const positionAt = linePositions(text);
  const colors = colorsByCategory(kept.result.entities.map((s) => s.category));
  const byType = new Map<string, unknown[]>();
  for (const s of kept.result.entities) {
    const key = `${colors.get(s.category) ?? 1}|${s.category}? ${Math.round(s.confidence * 20) * 5}%`;
    const list = byType.get(key) ?? [];
    list.push([positionAt(s.offset), positionAt(s.offset + s.length)]);
    byType.set(key, list);
  }
  return byType.size;
});
const accepted = time(() => acceptAll(file, text, kept.result));

const rows: [string, number, number][] = [
  [`suggestions kept of ${ENTITIES} predictions (${kept.result.entities.length} kept)`, kept.ms, 200],
  [`decorations built for them`, drawn.ms, 50],
  [`result → decorations (the two above)`, kept.ms + drawn.ms, 200],
  [`Accept All of ${kept.result.entities.length} (${accepted.result.accepted} labels)`, accepted.ms, 1000],
];
let failed = false;
console.log(
  `A ${text.length.toLocaleString('en-US')}-character document, ${ENTITIES} predicted entities, ${LABELED} labeled spans; median of ${RUNS} runs.`,
);
console.log('| step | ms | goal | |');
console.log('|---|---|---|---|');
for (const [what, ms, goal] of rows) {
  if (ms > goal) failed = true;
  console.log(`| ${what} | ${ms.toFixed(1)} | ≤ ${goal} | ${ms <= goal ? 'PASS' : 'FAIL'} |`);
}
process.exitCode = failed ? 1 : 0;

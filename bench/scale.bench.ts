// Azure's largest project, on the local engine: training time and peak memory at 1,000, 10,000 and 100,000
// documents generated from web-of-science, and prediction on documents of 125,000 characters (Azure's limit
// per document is 128,000). Each size trains in a process of its own, so its peak memory is its own.
// `SCALE_SIZES=1000,10000 npm run bench scale` runs fewer sizes.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { recognizeEntities, trainEntityRecognizer } from '../src/service/engine/entityRecognizer';
import { createRandom } from '../src/service/engine/random';
import { classProbabilities, trainTextClassifier } from '../src/service/engine/textClassifier';
import type { LabeledText } from '../src/service/engine/textClassifier';
import type { RegionText } from '../src/service/engine/entityRecognizer';
import { loadLoanAgreements, loadWebOfScience } from '../test/unit/engine/sampleData';

const SEED = 20260101;
const LONG = 125_000;

/**
 * `count` documents of web-of-science's classes: each joins the first half of one document with the second half of
 * another of the same class, plus three made-up words from a pool that grows with the count, so the vocabulary
 * keeps growing as a real corpus's does rather than stopping at the sample's.
 */
function generated(count: number): { documents: LabeledText[]; classes: string[] } {
  const wos = loadWebOfScience();
  const random = createRandom(SEED);
  const byClass = wos.categories.map((c) => wos.documents.filter((d) => d.classes?.[0] === c));
  const documents: LabeledText[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % byClass.length;
    const pool = byClass[k] ?? [];
    const a = pool[Math.floor(random() * pool.length)]?.text ?? '';
    const b = pool[Math.floor(random() * pool.length)]?.text ?? '';
    const made = Array.from({ length: 3 }, () => `w${Math.floor(random() * count * 2).toString(36)}`);
    documents.push({
      text: `${a.slice(0, a.length >> 1)} ${made.join(' ')} ${b.slice(b.length >> 1)}`,
      labels: [k],
    });
  }
  return { documents, classes: wos.categories };
}

/**
 * `count` entity documents: the loan agreements' labeled regions in turn, each with three made-up words inserted
 * at the start of its region (labels shifted past them), so the vocabulary grows with the count.
 */
function generatedEntities(count: number): { documents: RegionText[]; categories: string[] } {
  const loans = loadLoanAgreements();
  const regions = loans.documents.flatMap((d) => (d.regions ?? []).map((region) => ({ text: d.text, region })));
  const random = createRandom(SEED);
  const documents: RegionText[] = [];
  for (let i = 0; i < count; i++) {
    const { text, region } = regions[i % regions.length] ?? {
      text: '',
      region: { regionOffset: 0, regionLength: 0, labels: [] },
    };
    const made = `${Array.from({ length: 3 }, () => `w${Math.floor(random() * count * 2).toString(36)}`).join(' ')} `;
    const at = region.regionOffset;
    documents.push({
      text: `${text.slice(0, at)}${made}${text.slice(at)}`,
      region: {
        regionOffset: at,
        regionLength: region.regionLength + made.length,
        labels: region.labels.map((l) => ({ ...l, offset: l.offset + made.length })),
      },
    });
  }
  return { documents, categories: loans.categories };
}

type Task = 'classes' | 'entities';

/** In a child process: trains on `count` generated documents, prints its time and the process's peak memory. */
function trainOnce(count: number, task: Task): void {
  const classes = task === 'classes' ? generated(count) : undefined;
  const entities = task === 'entities' ? generatedEntities(count) : undefined;
  let characters = 0;
  for (const d of classes?.documents ?? entities?.documents ?? []) characters += d.text.length;
  const before = process.resourceUsage().maxRSS;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  if (classes) trainTextClassifier(classes.documents, classes.classes, false, SEED);
  if (entities) trainEntityRecognizer(entities.documents, entities.categories, SEED);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ count, characters, ms, cpuMs, peakMiB, beforeMiB: before / 1024 }));
}

interface Measured {
  count: number;
  characters: number;
  ms: number;
  /** CPU time of the process while training: less sensitive than wall time to a busy machine. */
  cpuMs: number;
  peakMiB: number;
  beforeMiB: number;
}

function measure(count: number, task: Task): Measured | string {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', __filename, String(count), task], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) return `failed: ${r.stderr.trim().split('\n').at(-1) ?? `exit ${String(r.status)}`}`;
  return JSON.parse(r.stdout) as Measured;
}

/** Texts of about `LONG` characters made of whole sample documents. */
function longTexts(texts: readonly string[], count: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (let n = 0; n < count; n++) {
    let text = '';
    while (text.length < LONG) text += `${texts[i++ % texts.length] ?? ''}\n\n`;
    out.push(text.slice(0, LONG));
  }
  return out;
}

function perSecond(texts: readonly string[], run: (text: string) => unknown): number {
  run(texts[0] ?? '');
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < 2000) run(texts[done++ % texts.length] ?? '');
  return (done * 1000) / (performance.now() - started);
}

/**
 * The largest size against the one before it: CPU time per document (wall time swings with the machine's load)
 * within 1.3×, and the memory training adds growing no faster than the document count.
 */
function checkGrowth(rows: readonly Measured[]): void {
  const last = rows.at(-1);
  const previous = rows.at(-2);
  if (last === undefined || previous === undefined) return;
  const sizes = `${last.count.toLocaleString('en')} vs ${previous.count.toLocaleString('en')} documents`;
  const time = last.cpuMs / last.count / (previous.cpuMs / previous.count);
  const added = (m: Measured): number => Math.max(1, m.peakMiB - m.beforeMiB) / m.count;
  const memory = added(last) / added(previous);
  const timeOk = time <= 1.3;
  const memoryOk = memory <= 1;
  console.log(`\nCPU time per document, ${sizes}: ${time.toFixed(2)}× (goal ≤ 1.3×) ${timeOk ? 'PASS' : 'FAIL'}`);
  console.log(
    `Memory added by training per document, ${sizes}: ${memory.toFixed(2)}× (goal ≤ 1×, at most linear) ` +
      (memoryOk ? 'PASS' : 'FAIL'),
  );
  if (!timeOk || !memoryOk) process.exitCode = 1;
}

/** Trains each size in a process of its own and prints a table row for it. */
function trainingTable(sizes: readonly number[], task: Task): Measured[] {
  console.log('| documents | characters | training (wall) | CPU | CPU per document | peak memory (process) |');
  console.log('|---|---|---|---|---|---|');
  const rows: Measured[] = [];
  for (const count of sizes) {
    const m = measure(count, task);
    if (typeof m === 'string') {
      console.log(`| ${count.toLocaleString('en')} | | ${m} | | | |`);
      continue;
    }
    rows.push(m);
    console.log(
      `| ${count.toLocaleString('en')} | ${(m.characters / 1e6).toFixed(1)} M | ${(m.ms / 1000).toFixed(2)} s | ` +
        `${(m.cpuMs / 1000).toFixed(2)} s | ${((m.cpuMs * 1000) / count).toFixed(0)} µs | ` +
        `${m.peakMiB.toFixed(0)} MiB (${m.beforeMiB.toFixed(0)} MiB before training) |`,
    );
  }
  return rows;
}

function main(): void {
  const sizes = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
  console.log('Training (single-label, web-of-science classes, generated documents), one process per size:\n');
  checkGrowth(trainingTable(sizes, 'classes'));
  const entitySizes = (process.env.SCALE_ENTITY_SIZES ?? '1000,10000').split(',').map(Number);
  console.log('\nTraining (entities, loan-agreement regions, generated documents), one process per size:\n');
  checkGrowth(trainingTable(entitySizes, 'entities'));

  const wos = loadWebOfScience();
  const classifier = trainTextClassifier(
    wos.documents.map((d) => ({ text: d.text, labels: [wos.categories.indexOf(d.classes?.[0] ?? '')] })),
    wos.categories,
    false,
    SEED,
  );
  const longScience = longTexts(
    wos.documents.map((d) => d.text),
    4,
  );
  const loans = loadLoanAgreements();
  const recognizer = trainEntityRecognizer(
    loans.documents.flatMap((d) => (d.regions ?? []).map((region) => ({ text: d.text, region }))),
    loans.categories,
    SEED,
  );
  const longLoans = longTexts(
    loans.documents.map((d) => d.text),
    2,
  );
  const classifyRate = perSecond(longScience, (t) => classProbabilities(classifier, t));
  const entityRate = perSecond(longLoans, (t) => recognizeEntities(recognizer, t));
  console.log(`\nPrediction on documents of ${LONG.toLocaleString('en')} characters (one core):`);
  console.log(
    `- classification: ${classifyRate.toFixed(1)} docs/s (${((classifyRate * LONG) / 1e6).toFixed(1)} M chars/s)`,
  );
  console.log(`- entities: ${entityRate.toFixed(1)} docs/s (${((entityRate * LONG) / 1e6).toFixed(1)} M chars/s)`);
}

const size = Number(process.argv[2]);
if (Number.isInteger(size) && size > 0) trainOnce(size, process.argv[3] === 'entities' ? 'entities' : 'classes');
else main();

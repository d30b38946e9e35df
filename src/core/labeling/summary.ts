// What the Labeling view and the navigation commands show of a project: a row per document (listed in the labels
// file or only on disk), counts per class or entity type, and the Train/Test distribution.
import { ADVISED_TRAINING_EXAMPLES } from '../../contract/limits';
import { plural } from '../plural';
import { compareStrings } from './canonical';
import type { Dataset, LabelsDocument, LabelsFile } from './model';
import type { Assets, MultiLabelDocument, SingleLabelDocument } from './model';
import { assetsOf, categoriesOf, findDocument, spansOf } from './model';
import { examplesBySet, markedTest } from './trainingSet';

export interface DocumentRow {
  location: string;
  /** Listed in the labels file (a document only on disk is added when first labeled). */
  listed: boolean;
  /** Present in the folder. */
  onDisk: boolean;
  /** Its classes (classification projects). */
  classes: string[];
  /** How many entity labels it has (entity projects). */
  entities: number;
  dataset: Dataset | undefined;
}

export const isLabeled = (row: DocumentRow): boolean => row.classes.length > 0 || row.entities > 0;

const byLocation = (a: DocumentRow, b: DocumentRow): number => compareStrings(a.location, b.location);

function sorted(rows: DocumentRow[]): DocumentRow[] {
  let previous: DocumentRow | undefined;
  for (const row of rows) {
    if (previous && byLocation(previous, row) > 0) return rows.sort(byLocation);
    previous = row;
  }
  return rows; // Labels files are written sorted: no need to sort them again at every change.
}

/** Two lists sorted by location, merged in one pass. */
function merge(a: readonly DocumentRow[], b: readonly DocumentRow[]): DocumentRow[] {
  if (b.length === 0) return [...a];
  const out: DocumentRow[] = [];
  let j = 0;
  for (const row of a) {
    for (let next = b[j]; next && byLocation(next, row) < 0; next = b[++j]) out.push(next);
    out.push(row);
  }
  for (let next = b[j]; next; next = b[++j]) out.push(next);
  return out;
}

/** The row of a listed document. */
function listedRow(doc: LabelsDocument, onDisk: boolean, classes: string[]): DocumentRow {
  return {
    location: doc.location,
    listed: true,
    onDisk,
    classes,
    entities: 'entities' in doc ? spansOf(doc).length : 0,
    dataset: doc.dataset,
  };
}

/** The classes of one document of a project of that kind. */
function classesOf(kind: Assets['projectKind'], doc: LabelsDocument): string[] {
  if (kind === 'CustomSingleLabelClassification') {
    const single = doc as SingleLabelDocument;
    return single.class ? [single.class.category] : [];
  }
  if (kind === 'CustomMultiLabelClassification')
    return ((doc as MultiLabelDocument).classes ?? []).map((c) => c.category);
  return [];
}

/** One document's row (for the status bar: no need to go through the whole project). */
export function documentRow(file: LabelsFile, location: string, onDisk: boolean): DocumentRow {
  const assets = assetsOf(file);
  const doc = findDocument(assets, location);
  return doc
    ? listedRow(doc, onDisk, classesOf(assets.projectKind, doc))
    : { location, listed: false, onDisk, classes: [], entities: 0, dataset: undefined };
}

/** Every document of the project, listed or only on disk, sorted by location. */
export function documentRows(file: LabelsFile, onDisk: readonly string[]): DocumentRow[] {
  const assets = assetsOf(file);
  const disk = new Set(onDisk);
  const listed = new Set<string>();
  const rows: DocumentRow[] = [];
  for (const doc of assets.documents as LabelsDocument[]) {
    if (listed.has(doc.location)) continue; // Listed twice: the labels file's diagnostics report it; shown once.
    listed.add(doc.location);
    rows.push(listedRow(doc, disk.has(doc.location), classesOf(assets.projectKind, doc)));
  }
  const unlisted: DocumentRow[] = [];
  for (const location of onDisk)
    if (!listed.has(location))
      unlisted.push({ location, listed: false, onDisk: true, classes: [], entities: 0, dataset: undefined });
  return merge(sorted(rows), sorted(unlisted));
}

/** A project's rows with what they were computed from, so that the next change can patch them. */
export interface ProjectRows {
  file: LabelsFile;
  onDisk: readonly string[];
  rows: DocumentRow[];
  /** Row index by location. */
  index: Map<string, number>;
}

/**
 * The rows of `file`; when only some documents changed since `previous` (a label change), only their rows are
 * made again: a label action on a 10,000-document project costs little more than the document it changes.
 */
export function projectRows(file: LabelsFile, onDisk: readonly string[], previous?: ProjectRows): ProjectRows {
  const patched = previous && previous.onDisk === onDisk ? patchRows(previous, file) : undefined;
  if (patched) return patched;
  const rows = documentRows(file, onDisk);
  return { file, onDisk, rows, index: new Map(rows.map((r, i) => [r.location, i])) };
}

function patchRows(previous: ProjectRows, file: LabelsFile): ProjectRows | undefined {
  const beforeAssets = assetsOf(previous.file);
  const assets = assetsOf(file);
  const before = beforeAssets.documents as LabelsDocument[];
  const after = assets.documents as LabelsDocument[];
  if (before.length !== after.length || beforeAssets.projectKind !== assets.projectKind) return undefined;
  let rows: DocumentRow[] | undefined;
  for (let i = 0; i < after.length; i++) {
    const doc = after[i];
    const old = before[i];
    if (doc === old) continue; // Operations keep the documents they do not change.
    if (!doc || doc.location !== old?.location) return undefined;
    const at = previous.index.get(doc.location);
    const row = at === undefined ? undefined : previous.rows[at];
    if (at === undefined || !row) return undefined;
    rows ??= previous.rows.slice();
    rows[at] = listedRow(doc, row.onDisk, classesOf(assets.projectKind, doc));
  }
  return { file, onDisk: previous.onDisk, rows: rows ?? previous.rows, index: previous.index };
}

export interface SplitCount {
  documents: number;
  /** Labels: classes given to documents, or entity spans. */
  instances: number;
}

export interface CategoryCount {
  category: string;
  /** Documents that have it. */
  documents: number;
  /** Its labels in all. */
  instances: number;
  /** Its labels in the training set (every document not marked Test) and in the Test set. */
  train: number;
  test: number;
}

export interface ProjectSummary {
  documents: number;
  labeled: number;
  categories: CategoryCount[];
  distribution: { train: SplitCount; test: SplitCount; unassigned: SplitCount };
}

const labelCount = (row: DocumentRow): number => row.classes.length + row.entities;

/** Counts per class or entity type (in declaration order) and per set, as the portal's Labels and Distribution pivots. */
export function summarize(file: LabelsFile, rows: readonly DocumentRow[]): ProjectSummary {
  const assets = assetsOf(file);
  const counts = new Map<string, CategoryCount>(
    categoriesOf(assets).map((category) => [category, { category, documents: 0, instances: 0, train: 0, test: 0 }]),
  );
  const bump = (category: string, instances: number): void => {
    const count = counts.get(category);
    if (!count) return; // An undeclared category: the labels file's diagnostics report it.
    count.documents++;
    count.instances += instances;
  };
  for (const row of rows) for (const c of row.classes) bump(c, 1);
  if (assets.projectKind === 'CustomEntityRecognition') {
    for (const doc of assets.documents) {
      const perCategory = new Map<string, number>();
      for (const span of spansOf(doc)) perCategory.set(span.category, (perCategory.get(span.category) ?? 0) + 1);
      for (const [category, n] of perCategory) bump(category, n);
    }
  }
  // The training set counted as everywhere else: labels outside the Test set.
  const { training, testing } = examplesBySet(assets, markedTest);
  for (const count of counts.values()) {
    count.train = training.get(count.category) ?? 0;
    count.test = testing.get(count.category) ?? 0;
  }
  const split = (dataset: Dataset | undefined): SplitCount => {
    const inSet = rows.filter((r) => r.dataset === dataset);
    return { documents: inSet.length, instances: inSet.reduce((n, r) => n + labelCount(r), 0) };
  };
  return {
    documents: rows.length,
    labeled: rows.filter(isLabeled).length,
    categories: [...counts.values()],
    distribution: { train: split('Train'), test: split('Test'), unassigned: split(undefined) },
  };
}

/** A class's or entity type's row in the Labeling view: its labels, then the training and Test sets' share. */
export function categoryDescription(count: CategoryCount, entities: boolean): string {
  const labels = entities
    ? `${plural(count.instances, 'label')} in ${plural(count.documents, 'document')}`
    : plural(count.documents, 'document');
  return `${labels} · ${count.train} for training · ${count.test} in Test`;
}

/** Why a category's training examples are too few, or undefined when they are enough. */
export function fewTrainingExamples(count: CategoryCount): string | undefined {
  if (count.train >= ADVISED_TRAINING_EXAMPLES) return undefined;
  return `Only ${plural(count.train, 'training example')} of ${count.category} (labels outside the Test set); at least ${ADVISED_TRAINING_EXAMPLES} are advised.`;
}

export type DocumentFilter =
  { kind: 'all' } | { kind: 'unlabeled' } | { kind: 'test' } | { kind: 'category'; category: string };

export function matchesFilter(row: DocumentRow, filter: DocumentFilter): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'unlabeled':
      return !isLabeled(row);
    case 'test':
      return row.dataset === 'Test';
    case 'category':
      return row.classes.includes(filter.category);
  }
}

export function describeFilter(filter: DocumentFilter): string {
  switch (filter.kind) {
    case 'all':
      return 'All documents';
    case 'unlabeled':
      return 'Unlabeled only';
    case 'test':
      return 'Test set only';
    case 'category':
      return `Class ${filter.category}`;
  }
}

/**
 * The next unlabeled document after `current` (wrapping round to the first), never `current` itself; documents
 * missing on disk cannot be opened and are skipped.
 */
export function nextUnlabeled(rows: readonly DocumentRow[], current: string | undefined): string | undefined {
  const start = current === undefined ? -1 : rows.findIndex((r) => r.location === current);
  for (let step = 1; step <= rows.length; step++) {
    const row = rows[(start + step + rows.length) % rows.length];
    if (row && row.location !== current && row.onDisk && !isLabeled(row)) return row.location;
  }
  return undefined;
}

/** The document before (-1) or after (1) `current` that is on disk, without wrapping. */
export function neighbour(
  rows: readonly DocumentRow[],
  current: string | undefined,
  direction: 1 | -1,
): string | undefined {
  const at = current === undefined ? -1 : rows.findIndex((r) => r.location === current);
  const from = at === -1 && direction === -1 ? rows.length : at;
  for (let i = from + direction; i >= 0 && i < rows.length; i += direction) {
    const row = rows[i];
    if (row?.onDisk) return row.location;
  }
  return undefined;
}

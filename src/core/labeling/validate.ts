// Validation of a project against its documents: every problem the service would refuse (errors) and what the
// portal warns about (warnings), each with a message that says what to fix and where it is.
import { resourceNameSchema, categoryNameProblem } from '../../contract/names';
import {
  ADVISED_TRAINING_EXAMPLES,
  AZURE_MIN_TRAINING_DOCUMENTS,
  LOCAL_MIN_DOCUMENTS_PER_SET,
  MAX_CATEGORIES,
  MAX_TRAINING_DOCUMENTS,
  MAX_TRAINING_DOCUMENT_CHARACTERS,
} from '../../contract/limits';
import { countTextElements } from '../../contract/textElements';
import type { Diagnostic, DiagnosticCode, JsonPath, Severity } from './diagnostics';
import { locationProblem } from './locations';
import { plural } from '../plural';
import type { Assets, EntityAssets, LabelsDocument, LabelsFile } from './model';
import { categoriesOf } from './model';
import { examplesBySet, labeledDocuments, markedTest } from './trainingSet';

/**
 * The text of each document by location, as read from disk: a string, or undefined when the file is missing.
 * Locations the map does not have are not checked against a text (e.g. validating before the documents are read).
 */
export type DocumentTexts = ReadonlyMap<string, string | undefined>;

class Report {
  readonly diagnostics: Diagnostic[] = [];
  add(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    path: JsonPath,
    where?: { document: string; offset?: number; length?: number },
  ): void {
    const d: Diagnostic = { severity, code, message, path };
    if (where) {
      d.document = where.document;
      if (where.offset !== undefined) d.range = { offset: where.offset, length: where.length ?? 0 };
    }
    this.diagnostics.push(d);
  }
}

const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Every diagnostic of a project, in file order. */
export function validateProject(file: LabelsFile, texts: DocumentTexts = new Map()): Diagnostic[] {
  const report = new Report();
  const name = resourceNameSchema.safeParse(file.metadata.projectName);
  if (!name.success)
    report.add(
      'error',
      'badProjectName',
      `The project name ${quote(file.metadata.projectName)} is not allowed: ${name.error.issues[0]?.message ?? 'invalid'}.`,
      ['metadata', 'projectName'],
    );
  const assets = file.assets;
  if (!assets) return report.diagnostics;
  if (assets.projectKind !== file.metadata.projectKind)
    report.add(
      'error',
      'kindMismatch',
      `assets.projectKind is ${assets.projectKind} but metadata.projectKind is ${file.metadata.projectKind}; make them the same.`,
      ['assets', 'projectKind'],
    );
  checkCategories(assets, report);
  checkDocuments(assets, texts, report);
  checkExamples(assets, report);
  return report.diagnostics;
}

function categoryKey(assets: Assets): 'classes' | 'entities' {
  return assets.projectKind === 'CustomEntityRecognition' ? 'entities' : 'classes';
}

function checkCategories(assets: Assets, report: Report): void {
  const key = categoryKey(assets);
  const noun = key === 'entities' ? 'entity type' : 'class';
  const declared = categoriesOf(assets);
  if (declared.length > MAX_CATEGORIES)
    report.add(
      'error',
      'tooManyCategories',
      `The project declares ${declared.length} ${key === 'entities' ? 'entity types' : 'classes'}; the service allows at most ${MAX_CATEGORIES}. Merge or delete some.`,
      ['assets', key],
    );
  const seen = new Set<string>();
  declared.forEach((category, i) => {
    const problem = categoryNameProblem(category);
    if (problem !== undefined)
      report.add(
        'error',
        'badCategoryName',
        `The ${noun} name ${quote(category)} is not allowed: ${problem}. Rename it.`,
        ['assets', key, i, 'category'],
      );
    if (seen.has(category))
      report.add('error', 'duplicateCategory', `The ${noun} ${quote(category)} is declared twice; remove one.`, [
        'assets',
        key,
        i,
      ]);
    seen.add(category);
  });
}

function checkDocuments(assets: Assets, texts: DocumentTexts, report: Report): void {
  const documents = assets.documents as LabelsDocument[];
  if (documents.length > MAX_TRAINING_DOCUMENTS)
    report.add(
      'error',
      'tooManyDocuments',
      `The project has ${documents.length} documents; the service trains on at most ${MAX_TRAINING_DOCUMENTS}. Remove some.`,
      ['assets', 'documents'],
    );
  else {
    const { training, testing } = labeledDocuments(assets, markedTest);
    const labeled = training + testing;
    // Both minimums, since the same file may go to Azure or to the local service.
    if (labeled < AZURE_MIN_TRAINING_DOCUMENTS)
      report.add(
        'warning',
        'tooFewDocuments',
        `The project has ${plural(labeled, 'labeled document')}; Azure AI Language needs at least ${AZURE_MIN_TRAINING_DOCUMENTS} to train, the local service at least ${2 * LOCAL_MIN_DOCUMENTS_PER_SET} (${LOCAL_MIN_DOCUMENTS_PER_SET} to train, ${LOCAL_MIN_DOCUMENTS_PER_SET} to test). Label more.`,
        ['assets', 'documents'],
      );
  }
  const declared = new Set(categoriesOf(assets));
  const firstIndex = new Map<string, number>();
  documents.forEach((doc, i) => {
    const path = ['assets', 'documents', i];
    const location = doc.location;
    const first = firstIndex.get(location);
    if (first !== undefined)
      report.add(
        'error',
        'duplicateLocation',
        `${location} is listed twice (documents ${first} and ${i}); keep one entry and merge their labels.`,
        [...path, 'location'],
        { document: location },
      );
    else firstIndex.set(location, i);
    const problem = locationProblem(location);
    if (problem !== undefined)
      report.add(
        'error',
        'documentOutsideFolder',
        `The location ${quote(location)} is not allowed: ${problem}.`,
        [...path, 'location'],
        {
          document: location,
        },
      );
    else if (!location.toLowerCase().endsWith('.txt'))
      report.add(
        'error',
        'documentNotText',
        `${location} is not a .txt file; the service reads only .txt documents.`,
        [...path, 'location'],
        {
          document: location,
        },
      );
    let text: string | undefined;
    if (problem === undefined && texts.has(location)) {
      text = texts.get(location);
      if (text === undefined)
        report.add(
          'error',
          'documentMissing',
          `${location} is not in the project's folder; restore the file or remove the document from the project.`,
          [...path, 'location'],
          { document: location },
        );
      else if (text.length === 0)
        report.add(
          'error',
          'emptyDocument',
          `${location} is empty; the service cannot train on it. Add text or remove it.`,
          path,
          {
            document: location,
          },
        );
      else if (text.length > MAX_TRAINING_DOCUMENT_CHARACTERS && codePoints(text) > MAX_TRAINING_DOCUMENT_CHARACTERS) {
        const characters = countTextElements(text);
        if (characters > MAX_TRAINING_DOCUMENT_CHARACTERS)
          report.add(
            'error',
            'documentTooLong',
            `${location} has ${characters} characters; a training document may have at most ${MAX_TRAINING_DOCUMENT_CHARACTERS}. Split it.`,
            path,
            { document: location },
          );
      }
    }
    checkDocumentLabels(assets, doc, path, declared, text, report);
  });
}

/** Code points: never fewer than text elements, and cheap, so most long documents need no segmentation. */
function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

function unknownCategory(category: string, location: string, noun: string): string {
  return `${location} uses the ${noun} ${quote(category)}, which the project does not declare; add it to the project or relabel.`;
}

function checkDocumentLabels(
  assets: Assets,
  doc: LabelsDocument,
  path: JsonPath,
  declared: ReadonlySet<string>,
  text: string | undefined,
  report: Report,
): void {
  const location = doc.location;
  const checkClass = (category: string, at: JsonPath): void => {
    if (!declared.has(category))
      report.add('error', 'unknownCategory', unknownCategory(category, location, 'class'), at, { document: location });
  };
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification': {
      const single = doc as Extract<Assets, { projectKind: 'CustomSingleLabelClassification' }>['documents'][number];
      const extra = (doc as Record<string, unknown>).classes;
      if (Array.isArray(extra))
        report.add(
          'error',
          'severalClasses',
          `${location} has a "classes" list, but a single-label document has one class; keep one in "class" and delete the list.`,
          [...path, 'classes'],
          { document: location },
        );
      if (single.class) checkClass(single.class.category, [...path, 'class', 'category']);
      return;
    }
    case 'CustomMultiLabelClassification': {
      const multi = doc as Extract<Assets, { projectKind: 'CustomMultiLabelClassification' }>['documents'][number];
      (multi.classes ?? []).forEach((c, j) => {
        checkClass(c.category, [...path, 'classes', j, 'category']);
      });
      return;
    }
    case 'CustomEntityRecognition':
      checkSpans(doc, path, declared, text, report);
      return;
  }
}

function checkSpans(
  doc: EntityAssets['documents'][number],
  path: JsonPath,
  declared: ReadonlySet<string>,
  text: string | undefined,
  report: Report,
): void {
  const location = doc.location;
  const all: { offset: number; end: number; category: string; path: JsonPath }[] = [];
  (doc.entities ?? []).forEach((region, r) => {
    const regionPath = [...path, 'entities', r];
    const regionEnd = region.regionOffset + region.regionLength;
    if (text !== undefined && regionEnd > text.length)
      report.add(
        'error',
        'regionOutsideText',
        `Region ${region.regionOffset}+${region.regionLength} of ${location} runs past the end of its text (${text.length} UTF-16 code units); the document changed since it was labelled. Shorten the region to the text.`,
        [...regionPath, 'regionLength'],
        { document: location, offset: region.regionOffset, length: Math.max(0, text.length - region.regionOffset) },
      );
    region.labels.forEach((label, l) => {
      const labelPath = [...regionPath, 'labels', l];
      const end = label.offset + label.length;
      const where = { document: location, offset: label.offset, length: label.length };
      if (!declared.has(label.category))
        report.add(
          'error',
          'unknownCategory',
          unknownCategory(label.category, location, 'entity type'),
          [...labelPath, 'category'],
          where,
        );
      if (text !== undefined && end > text.length)
        report.add(
          'error',
          'spanOutsideText',
          `The ${label.category} span ${label.offset}+${label.length} of ${location} runs past the end of its text (${text.length} UTF-16 code units); relabel it.`,
          labelPath,
          where,
        );
      else if (text !== undefined && text.slice(label.offset, end).trim() === '')
        report.add(
          'error',
          'whitespaceSpan',
          `The ${label.category} span ${label.offset}+${label.length} of ${location} is only whitespace; remove it or label the word next to it.`,
          labelPath,
          where,
        );
      if (label.offset < region.regionOffset || end > regionEnd)
        report.add(
          'error',
          'spanOutsideRegion',
          `The ${label.category} span ${label.offset}+${label.length} of ${location} is outside its region ${region.regionOffset}+${region.regionLength}; widen the region or move the span.`,
          labelPath,
          where,
        );
      all.push({ offset: label.offset, end, category: label.category, path: labelPath });
    });
  });
  all.sort((a, b) => a.offset - b.offset || a.end - b.end);
  let reach: (typeof all)[number] | undefined;
  for (const span of all) {
    if (reach && span.offset < reach.end) {
      const show = (s: { offset: number; end: number; category: string }): string =>
        `${s.category} ${s.offset}+${s.end - s.offset}${text === undefined ? '' : ` ${quote(text.slice(s.offset, s.end))}`}`;
      report.add(
        'error',
        'overlappingSpans',
        `In ${location}, the span ${show(span)} overlaps ${show(reach)}; spans cannot overlap, so remove or shorten one.`,
        span.path,
        { document: location, offset: span.offset, length: span.end - span.offset },
      );
    }
    if (!reach || span.end > reach.end) reach = span;
  }
}

/**
 * Warnings the portal gives: too few training examples of a category (labels outside the Test set), and
 * categories missing from a manual Test set.
 */
function checkExamples(assets: Assets, report: Report): void {
  const key = categoryKey(assets);
  const noun = key === 'entities' ? 'entity type' : 'class';
  const { training, testing } = examplesBySet(assets, markedTest);
  const manualSplit = (assets.documents as LabelsDocument[]).some((d) => d.dataset !== undefined);
  categoriesOf(assets).forEach((category, i) => {
    const n = training.get(category) ?? 0;
    if (n < ADVISED_TRAINING_EXAMPLES)
      report.add(
        'warning',
        'fewExamples',
        `The ${noun} ${quote(category)} has ${plural(n, 'training example')} (labels outside the Test set); at least ${ADVISED_TRAINING_EXAMPLES} are advised for a useful model.`,
        ['assets', key, i],
      );
    if (manualSplit && n > 0 && (testing.get(category) ?? 0) === 0)
      report.add(
        'warning',
        'missingFromTest',
        `The ${noun} ${quote(category)} has no example in the Test set, so the evaluation cannot score it; put a document that has it in Test.`,
        ['assets', key, i],
      );
  });
}

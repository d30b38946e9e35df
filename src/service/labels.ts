// The labels file in and out (import/export), reading a project's documents from its container, and turning
// labelled documents into the engine's training request.
import type { Containers } from './containers';
import type { LabeledDocument } from './engine/types';
import { ServiceError, badRequest } from './errors';
import { checkLocation } from './containers';
import type { ProjectMetadata, Snapshot } from './records';
import type { ProjectAssets } from './schemas';

const MAX_REPORTED_ERRORS = 20;
/** Documents read at once: each may hold up to MAX_DOCUMENT_BYTES in memory while it is read. */
const READ_CONCURRENCY = 4;

export function categoriesOf(assets: ProjectAssets): string[] {
  return assets.projectKind === 'CustomEntityRecognition'
    ? assets.entities.map((e) => e.category)
    : assets.classes.map((c) => c.category);
}

/** Location checks that need no disk access: run synchronously on import so bad input gets a 400 at once. */
export function checkAssetsShape(assets: ProjectAssets): void {
  const seen = new Set<string>();
  for (const doc of assets.documents) {
    checkLocation(doc.location);
    if (seen.has(doc.location))
      throw badRequest(`Document "${doc.location}" is listed more than once.`, 'InvalidDocument');
    seen.add(doc.location);
  }
  const categories = categoriesOf(assets);
  const duplicate = categories.find((c, i) => categories.indexOf(c) !== i);
  if (duplicate !== undefined) throw badRequest(`Category "${duplicate}" is declared more than once.`);
  if (categories.length > 200)
    throw badRequest(`A project can declare at most 200 classes or entity types, not ${categories.length}.`);
}

/** Reads every document and checks its labels against its text; fails with every problem found (up to a limit). */
export async function readProjectDocuments(
  containers: Containers,
  container: string,
  assets: ProjectAssets,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const declared = new Set(categoriesOf(assets));
  await containers.assertExists(container);
  const documents = assets.documents;
  // Each document's problems in its own slot, so they are reported in the labels file's order.
  const found: string[][] = documents.map(() => []);
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < documents.length) {
      const index = next++;
      const doc = documents[index];
      const own = found[index];
      if (doc === undefined || own === undefined) continue;
      signal?.throwIfAborted();
      let text: string;
      try {
        // The container checks type and size before reading, and refuses more than the character limit.
        text = await containers.readDocument(container, doc.location);
      } catch (error) {
        own.push(error instanceof ServiceError ? error.message : `Document "${doc.location}" could not be read.`);
        continue;
      }
      if (text.length === 0) own.push(`Document "${doc.location}" is empty.`);
      own.push(...labelProblems(assets, doc, text, declared));
      texts.set(doc.location, text);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, documents.length) }, reader));
  const problems = found.flat();
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_ERRORS).join(' ');
    const more =
      problems.length > MAX_REPORTED_ERRORS ? ` (and ${problems.length - MAX_REPORTED_ERRORS} more problems)` : '';
    throw badRequest(`${shown}${more}`, 'InvalidDocument');
  }
  return texts;
}

function labelProblems(
  assets: ProjectAssets,
  doc: ProjectAssets['documents'][number],
  text: string,
  declared: Set<string>,
): string[] {
  const problems: string[] = [];
  const undeclared = (category: string): void => {
    if (!declared.has(category)) problems.push(`Document "${doc.location}" uses undeclared category "${category}".`);
  };
  if ('class' in doc && doc.class) undeclared(doc.class.category);
  if ('classes' in doc && doc.classes) for (const c of doc.classes) undeclared(c.category);
  if (assets.projectKind === 'CustomEntityRecognition' && 'entities' in doc && doc.entities) {
    for (const region of doc.entities) {
      if (region.regionOffset + region.regionLength > text.length) {
        problems.push(
          `Document "${doc.location}": region ${region.regionOffset}+${region.regionLength} runs past the end of the text (${text.length} UTF-16 code units).`,
        );
      }
      for (const label of region.labels) {
        undeclared(label.category);
        const end = label.offset + label.length;
        if (label.offset < region.regionOffset || end > region.regionOffset + region.regionLength) {
          problems.push(
            `Document "${doc.location}": label ${label.category} at ${label.offset}+${label.length} is outside its region.`,
          );
        }
      }
    }
  }
  return problems;
}

export function toLabeledDocuments(
  assets: ProjectAssets,
  texts: Map<string, string>,
  language: string,
): LabeledDocument[] {
  return assets.documents.map((doc) => {
    const labeled: LabeledDocument = {
      location: doc.location,
      language: doc.language ?? language,
      text: texts.get(doc.location) ?? '',
    };
    if (doc.dataset !== undefined) labeled.dataset = doc.dataset;
    if ('class' in doc) labeled.classes = doc.class ? [doc.class.category] : [];
    if ('classes' in doc) labeled.classes = (doc.classes ?? []).map((c) => c.category);
    if ('entities' in doc) {
      labeled.regions = (doc.entities ?? []).map((r) => ({
        regionOffset: r.regionOffset,
        regionLength: r.regionLength,
        labels: r.labels.map((l) => ({ category: l.category, offset: l.offset, length: l.length })),
      }));
    }
    return labeled;
  });
}

/** The labels file for a project state: what :import accepted, in canonical form. */
export function exportedProject(snapshot: Snapshot): Record<string, unknown> {
  const body: Record<string, unknown> = {
    projectFileVersion: snapshot.projectFileVersion,
    stringIndexType: 'Utf16CodeUnit',
    metadata: snapshot.metadata,
  };
  if (snapshot.assets) body.assets = snapshot.assets;
  return body;
}

export function metadataFrom(options: {
  projectName: string;
  projectKind: ProjectMetadata['projectKind'];
  storageInputContainerName: string;
  language: string;
  multilingual?: boolean | undefined;
  description?: string | undefined;
  settings?: ProjectMetadata['settings'];
}): ProjectMetadata {
  const metadata: ProjectMetadata = {
    projectName: options.projectName,
    projectKind: options.projectKind,
    storageInputContainerName: options.storageInputContainerName,
    language: options.language,
  };
  if (options.multilingual !== undefined) metadata.multilingual = options.multilingual;
  if (options.description !== undefined) metadata.description = options.description;
  if (options.settings !== undefined) metadata.settings = options.settings;
  return metadata;
}

// The labels file as the labeling core sees it: types taken from the workspace schema, and small accessors every
// operation shares.
import type { ProjectKind } from '../../contract/common';
import type { Dataset, WorkspaceAssets, WorkspaceLabelsFile } from '../../contract/labels';

export type LabelsFile = WorkspaceLabelsFile;
export type Assets = WorkspaceAssets;
export type LabelsDocument = Assets['documents'][number];
export type EntityAssets = Extract<Assets, { projectKind: 'CustomEntityRecognition' }>;
export type SingleLabelAssets = Extract<Assets, { projectKind: 'CustomSingleLabelClassification' }>;
export type MultiLabelAssets = Extract<Assets, { projectKind: 'CustomMultiLabelClassification' }>;
export type EntityDocument = EntityAssets['documents'][number];
export type Region = NonNullable<EntityDocument['entities']>[number];
export type Span = Region['labels'][number];
export type { Dataset };

/** The version new labels files are written in; existing files keep theirs. */
export const LABELS_FILE_VERSION = '2023-04-01';

/** The result of an operation that may be refused: a new project, or the reason it was not changed. */
export type OpResult<T = LabelsFile> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): OpResult<T> => ({ ok: true, value });
export const refuse = <T = LabelsFile>(reason: string): OpResult<T> => ({ ok: false, reason });

/** A new, empty project: its labels file in the import format. */
export function newLabelsFile(options: {
  projectName: string;
  projectKind: ProjectKind;
  language: string;
  storageInputContainerName: string;
}): LabelsFile {
  const { projectKind } = options;
  const assets: Assets =
    projectKind === 'CustomEntityRecognition'
      ? { projectKind, entities: [], documents: [] }
      : { projectKind, classes: [], documents: [] };
  return {
    projectFileVersion: LABELS_FILE_VERSION,
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectKind,
      storageInputContainerName: options.storageInputContainerName,
      projectName: options.projectName,
      multilingual: false,
      language: options.language,
      settings: {},
    },
    assets,
  };
}

/** The declared classes or entity types, in declaration order. */
export function categoriesOf(assets: Assets): string[] {
  return assets.projectKind === 'CustomEntityRecognition'
    ? assets.entities.map((e) => e.category)
    : assets.classes.map((c) => c.category);
}

/** The assets of a file, created empty (of the metadata's kind) when the file has none yet. */
export function assetsOf(file: LabelsFile): Assets {
  if (file.assets) return file.assets;
  const projectKind = file.metadata.projectKind;
  return projectKind === 'CustomEntityRecognition'
    ? { projectKind, entities: [], documents: [] }
    : { projectKind, classes: [], documents: [] };
}

export function withAssets(file: LabelsFile, assets: Assets): LabelsFile {
  return { ...file, assets };
}

export function findDocument(assets: Assets, location: string): LabelsDocument | undefined {
  return (assets.documents as LabelsDocument[]).find((d) => d.location === location);
}

/** Every span of an entity document, in file order. */
export function spansOf(doc: EntityDocument): Span[] {
  return (doc.entities ?? []).flatMap((r) => r.labels);
}

export type SingleLabelDocument = SingleLabelAssets['documents'][number];
export type MultiLabelDocument = MultiLabelAssets['documents'][number];

/** The class names of every document of a classification project, by location (empty for an entity project). */
export function classesByDocument(assets: Assets): Map<string, string[]> {
  const byDoc = new Map<string, string[]>();
  if (assets.projectKind === 'CustomSingleLabelClassification') {
    for (const d of assets.documents) byDoc.set(d.location, d.class ? [d.class.category] : []);
  } else if (assets.projectKind === 'CustomMultiLabelClassification') {
    for (const d of assets.documents)
      byDoc.set(
        d.location,
        (d.classes ?? []).map((c) => c.category),
      );
  }
  return byDoc;
}

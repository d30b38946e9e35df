// Documents of a project: add and remove them, and put them in the Train or Test set.
import { compareStrings } from './canonical';
import { locationProblem } from './locations';
import type { Dataset, LabelsDocument, LabelsFile, OpResult } from './model';
import { assetsOf, ok, refuse, spansOf, withAssets } from './model';

function unknownLocations(file: LabelsFile, locations: readonly string[]): string[] {
  const listed = new Set((assetsOf(file).documents as LabelsDocument[]).map((d) => d.location));
  return locations.filter((l) => !listed.has(l));
}

/** Puts documents in the Train or Test set for a manual split (undefined: let the service split them). */
export function setDataset(file: LabelsFile, locations: readonly string[], dataset: Dataset | undefined): OpResult {
  const unknown = unknownLocations(file, locations);
  if (unknown.length > 0) return refuse(`Not in the project: ${unknown.join(', ')}; add the documents first.`);
  const chosen = new Set(locations);
  const assets = assetsOf(file);
  const apply = <D extends LabelsDocument>(doc: D): D => {
    if (!chosen.has(doc.location)) return doc;
    const next = { ...doc };
    if (dataset === undefined) delete next.dataset;
    else next.dataset = dataset;
    return next;
  };
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification':
      return ok(withAssets(file, { ...assets, documents: assets.documents.map(apply) }));
    case 'CustomMultiLabelClassification':
      return ok(withAssets(file, { ...assets, documents: assets.documents.map(apply) }));
    case 'CustomEntityRecognition':
      return ok(withAssets(file, { ...assets, documents: assets.documents.map(apply) }));
  }
}

export interface AddedDocuments {
  file: LabelsFile;
  added: string[];
  /** Already in the project: left as they were. */
  alreadyListed: string[];
}

/** Adds documents (unlabelled) by location; refuses locations outside the folder. */
export function addDocuments(
  file: LabelsFile,
  locations: readonly string[],
  options: { language?: string } = {},
): OpResult<AddedDocuments> {
  for (const location of locations) {
    const problem = locationProblem(location);
    if (problem !== undefined) return refuse(`Cannot add "${location}": ${problem}.`);
  }
  const unknown = new Set(unknownLocations(file, locations));
  const added = [...unknown].sort(compareStrings);
  const alreadyListed = locations.filter((l) => !unknown.has(l));
  const fresh = added.map((location) =>
    options.language === undefined ? { location } : { location, language: options.language },
  );
  const assets = assetsOf(file);
  const next =
    assets.projectKind === 'CustomEntityRecognition'
      ? { ...assets, documents: [...assets.documents, ...fresh] }
      : assets.projectKind === 'CustomMultiLabelClassification'
        ? { ...assets, documents: [...assets.documents, ...fresh] }
        : { ...assets, documents: [...assets.documents, ...fresh] };
  return ok({ file: withAssets(file, next), added, alreadyListed });
}

export interface RemovedDocuments {
  file: LabelsFile;
  removed: string[];
  /** Labels (classes or spans) that went with them. */
  labelsRemoved: number;
}

/** Removes documents from the project (their files stay on disk); says how many labels went with them. */
export function removeDocuments(file: LabelsFile, locations: readonly string[]): OpResult<RemovedDocuments> {
  const unknown = unknownLocations(file, locations);
  if (unknown.length > 0) return refuse(`Not in the project: ${unknown.join(', ')}.`);
  const gone = new Set(locations);
  const assets = assetsOf(file);
  let labelsRemoved = 0;
  switch (assets.projectKind) {
    case 'CustomSingleLabelClassification': {
      for (const d of assets.documents) if (gone.has(d.location) && d.class) labelsRemoved++;
      const documents = assets.documents.filter((d) => !gone.has(d.location));
      return ok({ file: withAssets(file, { ...assets, documents }), removed: [...gone], labelsRemoved });
    }
    case 'CustomMultiLabelClassification': {
      for (const d of assets.documents) if (gone.has(d.location)) labelsRemoved += d.classes?.length ?? 0;
      const documents = assets.documents.filter((d) => !gone.has(d.location));
      return ok({ file: withAssets(file, { ...assets, documents }), removed: [...gone], labelsRemoved });
    }
    case 'CustomEntityRecognition': {
      for (const d of assets.documents) if (gone.has(d.location)) labelsRemoved += spansOf(d).length;
      const documents = assets.documents.filter((d) => !gone.has(d.location));
      return ok({ file: withAssets(file, { ...assets, documents }), removed: [...gone], labelsRemoved });
    }
  }
}

// Two versions of a labels file changed from one base (this window's and the disk's, written by another window, a
// hand edit or git) merged document by document: labels belong to a document, so a document only one side changed
// takes that side's version; a document both changed differently is a conflict the user decides. Declared classes
// or entity types are joined: the ones either side added are kept, the ones this window deleted stay deleted.
import { rankOf } from '../core/labeling/canonicalOrder';
import { stringifyIndented, writeDocumentEntry } from '../core/labeling/canonicalWriter';
import type { Assets, LabelsDocument, LabelsFile } from '../core/labeling/model';
import { assetsOf } from '../core/labeling/model';

export type MergeResult =
  { ok: true; file: LabelsFile; fromDisk: string[] } | { ok: false; documents: string[]; reason: string };

// Compared by their canonical text with categories in name order: a category declared meanwhile must not make an
// unchanged document look changed.
const byName = rankOf([]);
const sameDocument = (a: LabelsDocument | undefined, b: LabelsDocument | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && writeDocumentEntry(byName, a) === writeDocumentEntry(byName, b));

type Category = { category: string };
const categoryList = (assets: Assets): Category[] =>
  assets.projectKind === 'CustomEntityRecognition' ? assets.entities : assets.classes;

/** Everything but the documents and the categories: the project's settings, compared as a whole. */
function settingsText(file: LabelsFile): string {
  const assets: Record<string, unknown> = { ...assetsOf(file), documents: undefined, classes: undefined };
  assets.entities = undefined;
  return stringifyIndented({ ...file, assets });
}

/** `mine` and `theirs`, both changed from `base`, as one file; or the documents both changed differently. */
export function mergeLabels(base: LabelsFile, mine: LabelsFile, theirs: LabelsFile): MergeResult {
  const [b, m, t] = [assetsOf(base), assetsOf(mine), assetsOf(theirs)];
  if (m.projectKind !== t.projectKind)
    return { ok: false, documents: [], reason: `the project kind was changed to ${t.projectKind}` };
  const [baseSettings, mySettings, theirSettings] = [settingsText(base), settingsText(mine), settingsText(theirs)];
  if (mySettings !== baseSettings && theirSettings !== baseSettings && mySettings !== theirSettings)
    return { ok: false, documents: [], reason: 'the project settings were changed on both sides' };
  const settingsFrom = mySettings === baseSettings ? theirs : mine;

  const index = (assets: Assets): Map<string, LabelsDocument> =>
    new Map((assets.documents as LabelsDocument[]).map((d) => [d.location, d]));
  const [baseDocs, myDocs, theirDocs] = [index(b), index(m), index(t)];
  const documents: LabelsDocument[] = [];
  const fromDisk: string[] = [];
  const conflicts: string[] = [];
  for (const location of new Set([...myDocs.keys(), ...theirDocs.keys()])) {
    const [was, mineNow, theirsNow] = [baseDocs.get(location), myDocs.get(location), theirDocs.get(location)];
    let take: LabelsDocument | undefined;
    if (sameDocument(mineNow, was)) {
      take = theirsNow;
      if (!sameDocument(theirsNow, mineNow)) fromDisk.push(location);
    } else if (sameDocument(theirsNow, was) || sameDocument(theirsNow, mineNow)) take = mineNow;
    else {
      conflicts.push(location);
      continue;
    }
    if (take) documents.push(take);
  }
  if (conflicts.length > 0)
    return { ok: false, documents: conflicts, reason: 'the same documents were labeled differently on both sides' };

  const mineNames = new Set(categoryList(m).map((c) => c.category));
  const baseNames = new Set(categoryList(b).map((c) => c.category));
  const categories = [
    ...categoryList(m),
    ...categoryList(t).filter((c) => !mineNames.has(c.category) && !baseNames.has(c.category)),
  ];
  const settingsAssets = assetsOf(settingsFrom);
  const assets = (
    m.projectKind === 'CustomEntityRecognition'
      ? { ...settingsAssets, projectKind: m.projectKind, entities: categories, documents }
      : { ...settingsAssets, projectKind: m.projectKind, classes: categories, documents }
  ) as Assets;
  return { ok: true, file: { ...settingsFrom, assets }, fromDisk };
}

// Two versions of a labels file changed from one base (this window's and the disk's, written by another window, a
// hand edit or git) merged document by document: labels belong to a document, so a document only one side changed
// takes that side's version; a document both changed differently is a conflict the user decides. Declared classes
// or entity types are merged the same way: one added on either side is kept, one deleted on either side stays
// deleted (a rename is both), unless a document of the result still uses it.
import { rankOf } from '../core/labeling/canonicalOrder';
import { stringifyIndented, writeDocumentEntry } from '../core/labeling/canonicalWriter';
import type { Assets, LabelsDocument, LabelsFile } from '../core/labeling/model';
import { assetsOf, classesByDocument, spansOf } from '../core/labeling/model';

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

/** The categories each document uses, by location. */
function usedByDocument(assets: Assets): Map<string, string[]> {
  if (assets.projectKind !== 'CustomEntityRecognition') return classesByDocument(assets);
  return new Map(assets.documents.map((d) => [d.location, spansOf(d).map((s) => s.category)]));
}

/** Locations listed more than once: such a list cannot be merged document by document. */
function listedTwice(...lists: Assets[]): string[] {
  const twice = new Set<string>();
  for (const assets of lists) {
    const seen = new Set<string>();
    for (const { location } of assets.documents as LabelsDocument[]) {
      if (seen.has(location)) twice.add(location);
      seen.add(location);
    }
  }
  return [...twice];
}

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
  const twice = listedTwice(b, m, t);
  if (twice.length > 0) return { ok: false, documents: twice, reason: 'a document is listed twice in the file' };

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

  // Kept when both sides have it, or one side added it; gone when one side deleted it.
  const names = (assets: Assets): Set<string> => new Set(categoryList(assets).map((c) => c.category));
  const [baseNames, mineNames, theirNames] = [names(b), names(m), names(t)];
  const keep = (name: string): boolean =>
    baseNames.has(name) ? mineNames.has(name) && theirNames.has(name) : mineNames.has(name) || theirNames.has(name);
  const categories = [
    ...categoryList(m).filter((c) => keep(c.category)),
    ...categoryList(t).filter((c) => !mineNames.has(c.category) && keep(c.category)),
  ];
  const deleted = new Set([...mineNames, ...theirNames].filter((name) => !keep(name)));
  const settingsAssets = assetsOf(settingsFrom);
  const assets = (
    m.projectKind === 'CustomEntityRecognition'
      ? { ...settingsAssets, projectKind: m.projectKind, entities: categories, documents }
      : { ...settingsAssets, projectKind: m.projectKind, classes: categories, documents }
  ) as Assets;
  const stillUsed = [...usedByDocument(assets)].filter(([, used]) => used.some((name) => deleted.has(name)));
  if (stillUsed.length > 0)
    return {
      ok: false,
      documents: stillUsed.map(([location]) => location),
      reason: 'a label deleted on one side was used on the other',
    };
  return { ok: true, file: { ...settingsFrom, assets }, fromDisk };
}

// The canonical order of a labels file, shared by its object form (canonical.ts) and its writer
// (canonicalWriter.ts): keys in the import format's order, documents by location, classes and entity types as
// declared, regions by offset then length, spans by offset, length, then category.

export const ROOT_KEYS = ['projectFileVersion', 'stringIndexType', 'metadata', 'assets'];
export const METADATA_KEYS = [
  'projectKind',
  'storageInputContainerName',
  'projectName',
  'multilingual',
  'description',
  'language',
  'settings',
];
export const ASSETS_KEYS = ['projectKind', 'classes', 'entities', 'documents'];
export const DOCUMENT_KEYS = ['location', 'language', 'dataset', 'class', 'classes', 'entities'];
export const REGION_KEYS = ['regionOffset', 'regionLength', 'labels'];
export const LABEL_KEYS = ['category', 'offset', 'length'];
export const CATEGORY_KEYS = ['category', 'description'];

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a category sorts: its place in the declared list (undeclared ones after, by name). */
export interface Ranked {
  rank: (category: string) => number;
}

export function rankOf(categories: readonly string[]): Ranked {
  const rank = new Map(categories.map((c, i) => [c, i]));
  return { rank: (c) => rank.get(c) ?? categories.length };
}

export function byCategory(ctx: Ranked) {
  return (a: { category: string }, b: { category: string }): number =>
    ctx.rank(a.category) - ctx.rank(b.category) || compareStrings(a.category, b.category);
}

export function byRegion(
  a: { regionOffset: number; regionLength: number },
  b: { regionOffset: number; regionLength: number },
): number {
  return a.regionOffset - b.regionOffset || a.regionLength - b.regionLength;
}

export function bySpan(ctx: Ranked) {
  const category = byCategory(ctx);
  return (
    a: { offset: number; length: number; category: string },
    b: { offset: number; length: number; category: string },
  ): number => a.offset - b.offset || a.length - b.length || category(a, b);
}

// The one way a labels file is written: documents by location, classes and entity types as declared, spans by
// offset then length, keys in the import format's order (unknown keys kept, after them), 2-space JSON and one
// trailing newline. The same project always gives the same bytes, so a label change is a small git diff.
import type { Assets, LabelsDocument, LabelsFile } from './model';
import { categoriesOf } from './model';

type Json = Record<string, unknown>;

const ROOT_KEYS = ['projectFileVersion', 'stringIndexType', 'metadata', 'assets'];
const METADATA_KEYS = [
  'projectKind',
  'storageInputContainerName',
  'projectName',
  'multilingual',
  'description',
  'language',
  'settings',
];
const ASSETS_KEYS = ['projectKind', 'classes', 'entities', 'documents'];
const DOCUMENT_KEYS = ['location', 'language', 'dataset', 'class', 'classes', 'entities'];
const REGION_KEYS = ['regionOffset', 'regionLength', 'labels'];
const CATEGORY_KEYS = ['category', 'description'];

/** `value` with `keys` first, in that order, then its other keys in their own order; undefined values dropped. */
function ordered(
  value: object,
  keys: readonly string[],
  fill: (key: string, v: unknown) => unknown = (_, v) => v,
): Json {
  const source = value as Json;
  const out: Json = {};
  for (const key of keys) {
    const v = source[key];
    if (v !== undefined) out[key] = fill(key, v);
  }
  for (const key in source) {
    const v = source[key];
    if (v !== undefined && !(key in out)) out[key] = fill(key, v);
  }
  return out;
}

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rankOf(categories: readonly string[]): (category: string) => number {
  const rank = new Map(categories.map((c, i) => [c, i]));
  return (c) => rank.get(c) ?? categories.length;
}

interface Ranked {
  rank: (category: string) => number;
}

function byCategory(ctx: Ranked) {
  return (a: { category: string }, b: { category: string }): number =>
    ctx.rank(a.category) - ctx.rank(b.category) || compareStrings(a.category, b.category);
}

// Spans are most of a file: build the usual {category, offset, length} directly, and only walk other keys if any.
function canonicalLabel(label: { category: string; offset: number; length: number }): Json {
  const out: Json = { category: label.category, offset: label.offset, length: label.length };
  for (const key in label) {
    const v = (label as Json)[key];
    if (v !== undefined && !(key in out)) out[key] = v;
  }
  return out;
}

function canonicalRegion(
  region: { labels: { offset: number; length: number; category: string }[] },
  ctx: Ranked,
): Json {
  const labels = [...region.labels].sort((a, b) => a.offset - b.offset || a.length - b.length || byCategory(ctx)(a, b));
  return ordered(region, REGION_KEYS, (key, v) => (key === 'labels' ? labels.map(canonicalLabel) : v));
}

/** One document's entry in canonical form. */
export function canonicalDocument(doc: LabelsDocument, ctx: Ranked): Json {
  return ordered(doc, DOCUMENT_KEYS, (key, v) => {
    if (key === 'class') return ordered(v as object, CATEGORY_KEYS);
    if (key === 'classes') {
      const classes = [...(v as { category: string }[])].sort(byCategory(ctx));
      return classes.map((c) => ordered(c, CATEGORY_KEYS));
    }
    if (key === 'entities') {
      const regions = [...(v as { regionOffset: number; regionLength: number; labels: [] }[])].sort(
        (a, b) => a.regionOffset - b.regionOffset || a.regionLength - b.regionLength,
      );
      return regions.map((r) => canonicalRegion(r, ctx));
    }
    return v;
  });
}

export function canonicalAssets(assets: Assets): Json {
  const ctx: Ranked = { rank: rankOf(categoriesOf(assets)) };
  const documents = [...(assets.documents as LabelsDocument[])].sort((a, b) => compareStrings(a.location, b.location));
  return ordered(assets, ASSETS_KEYS, (key, v) => {
    if (key === 'classes' || key === 'entities') return (v as object[]).map((c) => ordered(c, CATEGORY_KEYS));
    if (key === 'documents') return documents.map((d) => canonicalDocument(d, ctx));
    return v;
  });
}

/** The labels file in canonical order (a plain JSON value). */
export function canonicalLabelsFile(file: LabelsFile): Json {
  return ordered(file, ROOT_KEYS, (key, v) => {
    if (key === 'metadata') return ordered(v as object, METADATA_KEYS);
    if (key === 'assets') return canonicalAssets(v as Assets);
    return v;
  });
}

export type LineEnding = '\n' | '\r\n';

/** The bytes of a labels file: canonical JSON, 2 spaces, one trailing newline. */
export function serializeLabelsFile(file: LabelsFile, eol: LineEnding = '\n'): string {
  const text = `${JSON.stringify(canonicalLabelsFile(file), null, 2)}\n`;
  return eol === '\n' ? text : text.replace(/\n/g, '\r\n');
}

/**
 * One document's entry as it appears in the written file (indented at its depth under assets.documents), for
 * callers that re-render or diff a single document after a label action.
 */
export function serializeDocumentEntry(assets: Assets, doc: LabelsDocument): string {
  const ctx: Ranked = { rank: rankOf(categoriesOf(assets)) };
  return JSON.stringify(canonicalDocument(doc, ctx), null, 2).replace(/\n/g, '\n      ');
}

// The one way a labels file is written: documents by location, classes and entity types as declared, spans by
// offset then length, keys in the import format's order (unknown keys kept, after them), 2-space JSON and one
// trailing newline. The same project always gives the same bytes, so a label change is a small git diff.
// This module gives the canonical form as a JSON value (the definition); canonicalWriter.ts writes the same
// bytes directly, without building it, which is what saving a large project needs.
import {
  ASSETS_KEYS,
  CATEGORY_KEYS,
  DOCUMENT_KEYS,
  LABEL_KEYS,
  METADATA_KEYS,
  REGION_KEYS,
  ROOT_KEYS,
  byCategory,
  byRegion,
  bySpan,
  rankOf,
} from './canonicalOrder';
import type { Ranked } from './canonicalOrder';
import { writeDocumentEntry, writeLabelsFile } from './canonicalWriter';
import type { Assets, LabelsDocument, LabelsFile } from './model';
import { categoriesOf } from './model';

export { compareStrings } from './canonicalOrder';

type Json = Record<string, unknown>;

/** `value` with `keys` first, in that order, then its other keys in their own order; undefined values dropped. */
function ordered(
  value: object,
  keys: readonly string[],
  fill: (key: string, v: unknown) => unknown = (_, v) => v,
): Json {
  const source = value as Json;
  const out: Json = Object.create(null) as Json; // So that a key such as "constructor" is never taken as present.
  for (const key of keys) {
    const v = source[key];
    if (v !== undefined) out[key] = fill(key, v);
  }
  for (const key in source) {
    const v = source[key];
    if (v !== undefined && !Object.hasOwn(out, key)) out[key] = fill(key, v);
  }
  return out;
}

function canonicalRegion(
  region: { labels: { offset: number; length: number; category: string }[] },
  ctx: Ranked,
): Json {
  const labels = [...region.labels].sort(bySpan(ctx));
  return ordered(region, REGION_KEYS, (key, v) => (key === 'labels' ? labels.map((l) => ordered(l, LABEL_KEYS)) : v));
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
      const regions = [...(v as { regionOffset: number; regionLength: number; labels: [] }[])].sort(byRegion);
      return regions.map((r) => canonicalRegion(r, ctx));
    }
    return v;
  });
}

export function canonicalAssets(assets: Assets): Json {
  const ctx = rankOf(categoriesOf(assets));
  const documents = [...(assets.documents as LabelsDocument[])].sort((a, b) =>
    a.location < b.location ? -1 : a.location > b.location ? 1 : 0,
  );
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

/** The bytes of a labels file: canonical JSON, 2 spaces, one trailing newline (`JSON.stringify` of the above). */
export function serializeLabelsFile(file: LabelsFile, eol: LineEnding = '\n'): string {
  return writeLabelsFile(file, eol);
}

/**
 * One document's entry as it appears in the written file (indented at its depth under assets.documents), for
 * callers that re-render or diff a single document after a label action.
 */
export function serializeDocumentEntry(assets: Assets, doc: LabelsDocument): string {
  return writeDocumentEntry(rankOf(categoriesOf(assets)), doc);
}

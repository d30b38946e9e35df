// Writes the canonical labels file (canonical.ts): the bytes `JSON.stringify(canonicalLabelsFile(file), null, 2)`
// gives, fast enough to save a 10,000-document project after every label action. Two things make it fast:
// objects already in canonical order (what this writer and the workspace schema produce) are handed to the native
// JSON.stringify as they are instead of being copied, and each document's entry is kept per document object, so a
// save after one label action writes one entry and joins the rest. Documents are never changed in place (every
// labeling operation returns new objects), which is what makes the object a safe key.
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
  compareStrings,
  rankOf,
} from './canonicalOrder';
import type { Ranked } from './canonicalOrder';
import type { LabelsDocument, LabelsFile } from './model';
import { categoriesOf } from './model';

type Json = Record<string, unknown>;
type Child = (key: string, value: unknown) => unknown;

const same: Child = (_, v) => v;

/**
 * `value` in canonical key order (`keys` first, then its others), each value passed through `child`: the object
 * itself when nothing moves or changes, else a copy. Undefined values may stay: JSON.stringify leaves them out.
 */
function inOrder(value: object, keys: readonly string[], child: Child = same): Json {
  const source = value as Json;
  let next = 0; // Index in `keys` the next listed key must come after.
  let extraSeen = false;
  let canonical = true;
  let changed: Map<string, unknown> | undefined;
  for (const key in source) {
    const v = source[key];
    if (v === undefined) continue;
    const at = keys.indexOf(key);
    if (at === -1) extraSeen = true;
    else if (extraSeen || at < next) canonical = false;
    else next = at + 1;
    const out = child(key, v);
    if (out !== v) (changed ??= new Map()).set(key, out);
  }
  if (canonical && changed === undefined) return source;
  // Without a prototype, so that keys such as "constructor" or "toString" are the file's, not inherited ones.
  const result: Json = Object.create(null) as Json;
  const put = (key: string): void => {
    const v = source[key];
    if (v !== undefined && !Object.hasOwn(result, key)) result[key] = changed?.has(key) ? changed.get(key) : v;
  };
  for (const key of keys) put(key);
  for (const key in source) put(key);
  return result;
}

/** `items` sorted by `order`, the array itself when it already is. */
function sortedBy<T>(items: readonly T[], order: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i++) if (order(items[i - 1] as T, items[i] as T) > 0) return [...items].sort(order);
  return items;
}

/** `items` passed through `map`, the array itself when no item changes. */
function mapped<T>(items: readonly T[], map: (item: T) => unknown): readonly unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const v = map(item);
    if (v !== item) (out ??= items.slice(0, i))[i] = v;
    else if (out) out[i] = v;
  }
  return out ?? items;
}

const category = (c: unknown): unknown =>
  c !== null && typeof c === 'object' && !Array.isArray(c) ? inOrder(c, CATEGORY_KEYS) : c;

function canonicalEntry(doc: LabelsDocument, ctx: Ranked): Json {
  const spanOrder = bySpan(ctx);
  const classOrder = byCategory(ctx);
  return inOrder(doc, DOCUMENT_KEYS, (key, v) => {
    if (key === 'class') return category(v);
    if (key === 'classes' && Array.isArray(v))
      return mapped(sortedBy(v as { category: string }[], classOrder), category);
    if (key === 'entities' && Array.isArray(v))
      return mapped(sortedBy(v as { regionOffset: number; regionLength: number }[], byRegion), (region) =>
        inOrder(region, REGION_KEYS, (k, labels) =>
          k === 'labels' && Array.isArray(labels)
            ? mapped(sortedBy(labels as { offset: number; length: number; category: string }[], spanOrder), (l) =>
                inOrder(l, LABEL_KEYS),
              )
            : labels,
        ),
      );
    return v;
  });
}

const ENTRY_INDENT = '      '; // assets.documents[i] is three levels deep.
// An entry is written inside two objects and an array, so that JSON.stringify indents it at its depth itself
// (re-indenting each entry's lines afterwards cost more than all the rest), then taken out of them.
const WRAP_BEFORE = '{\n  "a": {\n    "d": [\n      '.length;
const WRAP_AFTER = '\n    ]\n  }\n}'.length;

/** One document's entry: at its depth under assets.documents, lines joined by `eol`, the first not indented. */
function entryText(doc: LabelsDocument, ctx: Ranked, eol: string): string {
  const text = stringifyIndented({ a: { d: [canonicalEntry(doc, ctx)] } });
  const entry = text.slice(WRAP_BEFORE, text.length - WRAP_AFTER);
  return eol === '\n' ? entry : entry.split('\n').join(eol);
}

interface CachedEntry {
  /** The declared categories and line ending it was written for: they change the text too. */
  key: string;
  text: string;
}
// Each document object's entry as last written. A document object never changes (operations return new ones),
// and a weak key lets an entry go with its document.
const written = new WeakMap<object, CachedEntry>();

function entryOf(doc: LabelsDocument, ctx: Ranked, key: string, eol: string): string {
  const cached = written.get(doc);
  if (cached?.key === key) return cached.text;
  const text = entryText(doc, ctx, eol);
  written.set(doc, { key, text });
  return text;
}

/** The labels file's bytes: canonical order, 2-space JSON, `eol` between lines and one at the end. */
export function writeLabelsFile(file: LabelsFile, eol: string): string {
  const assets = file.assets;
  const documents = Array.isArray(assets?.documents) ? (assets.documents as LabelsDocument[]) : undefined;
  // Everything but the documents is small: written by JSON.stringify with a placeholder where they go.
  const placeholder = `\u0000documents ${Math.random()}`;
  const root = inOrder(file, ROOT_KEYS, (key, v) => {
    if (key === 'metadata' && v !== null && typeof v === 'object') return inOrder(v, METADATA_KEYS);
    if (key === 'assets' && v !== null && typeof v === 'object')
      return inOrder(v, ASSETS_KEYS, (k, x) => {
        if ((k === 'classes' || k === 'entities') && Array.isArray(x)) return mapped(x, category);
        if (k === 'documents' && documents) return placeholder;
        return x;
      });
    return v;
  });
  let text = stringifyIndented(root);
  if (eol !== '\n') text = text.split('\n').join(eol);
  const quoted = JSON.stringify(placeholder);
  const at = text.indexOf(quoted);
  if (!documents || !assets || at === -1 || text.indexOf(quoted, at + 1) !== -1)
    return `${stringifyIndented(canonicalFallback(file)).split('\n').join(eol)}${eol}`;
  const categories = categoriesOf(assets);
  const ctx = rankOf(categories);
  const key = `${eol}\u0000${categories.join('\u0000')}`;
  const sorted = sortedBy(documents, (a, b) => compareStrings(a.location, b.location));
  let list = '[]';
  if (sorted.length > 0) {
    const parts: string[] = [];
    for (const doc of sorted) parts.push(entryOf(doc, ctx, key, eol));
    list = `[${eol}${ENTRY_INDENT}${parts.join(`,${eol}${ENTRY_INDENT}`)}${eol}    ]`;
  }
  return `${text.slice(0, at)}${list}${text.slice(at + quoted.length)}${eol}`;
}

/** The whole file in canonical order without the placeholder (a project with a text identical to it, in theory). */
function canonicalFallback(file: LabelsFile): Json {
  const assets = file.assets;
  const ctx = rankOf(assets ? categoriesOf(assets) : []);
  return inOrder(file, ROOT_KEYS, (key, v) => {
    if (key === 'metadata' && v !== null && typeof v === 'object') return inOrder(v, METADATA_KEYS);
    if (key === 'assets' && v !== null && typeof v === 'object')
      return inOrder(v, ASSETS_KEYS, (k, x) => {
        if ((k === 'classes' || k === 'entities') && Array.isArray(x)) return mapped(x, category);
        if (k === 'documents' && Array.isArray(x))
          return mapped(
            sortedBy(x as LabelsDocument[], (a, b) => compareStrings(a.location, b.location)),
            (d) => canonicalEntry(d, ctx),
          );
        return x;
      });
    return v;
  });
}

/** One document's entry, indented at its depth under assets.documents (its first line not indented). */
export function writeDocumentEntry(ctx: Ranked, doc: LabelsDocument): string {
  return entryText(doc, ctx, '\n');
}

/**
 * `JSON.stringify(value, null, 2)`, also for values nested deeper than the native one's stack allows (an unknown
 * field 10,000 levels deep must not make every save fail): then written by a loop with its own stack, indented
 * down to INDENTED_DEPTH and compact below it (indenting 10,000 levels would turn 20 KB into 200 MB).
 */
export function stringifyIndented(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return stringifyIteratively(value);
  }
}

const INDENTED_DEPTH = 64;

interface Frame {
  entries: [string | undefined, unknown][];
  next: number;
  close: string;
  /** The frame's own indentation; undefined when written compact. */
  indent: string | undefined;
}

const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function stringifyIteratively(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  // Writes a value: a scalar at once, an object or array by pushing a frame that writes its members.
  const write = (v: unknown, indent: string | undefined): void => {
    if (v === null || typeof v !== 'object') {
      out.push(v === undefined ? 'null' : JSON.stringify(v));
      return;
    }
    const isArray = Array.isArray(v);
    const entries: [string | undefined, unknown][] = isArray
      ? (v as unknown[]).map((x): [undefined, unknown] => [undefined, x])
      : Object.keys(v)
          .map((k): [string, unknown] => [k, (v as Record<string, unknown>)[k]])
          .filter(([, x]) => !skipped(x));
    if (entries.length === 0) {
      out.push(isArray ? '[]' : '{}');
      return;
    }
    out.push(isArray ? '[' : '{');
    stack.push({ entries, next: 0, close: isArray ? ']' : '}', indent });
  };
  write(value, '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { indent } = frame;
    if (frame.next === frame.entries.length) {
      stack.pop();
      out.push(indent === undefined ? frame.close : `\n${indent}${frame.close}`);
      continue;
    }
    const [key, v] = frame.entries[frame.next] as [string | undefined, unknown];
    const inner = indent === undefined || stack.length >= INDENTED_DEPTH ? undefined : `${indent}  `;
    const name = key === undefined ? '' : `${JSON.stringify(key)}:${inner === undefined ? '' : ' '}`;
    out.push(`${frame.next === 0 ? '' : ','}${inner === undefined ? '' : `\n${inner}`}${name}`);
    frame.next++;
    write(skipped(v) ? null : v, inner);
  }
  return out.join('');
}

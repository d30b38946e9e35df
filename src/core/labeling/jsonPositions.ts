// Where each node of a JSON text is, so diagnostics can point at the labels file. A small scanner rather than a
// parser dependency: the text has already been parsed, so it only finds boundaries. Nodes go into one flat typed
// array in document order (start, end, where the next sibling is, where its key is): no object per node, so a
// 15 MB file costs little more than parsing it.
import type { JsonPath } from './diagnostics';

export interface TextRange {
  start: number;
  end: number;
}

// Per node: start, end (exclusive), index of its next sibling (0 when last), key position (-1 in arrays) and kind.
const FIELDS = 5;
const START = 0;
const END = 1;
const NEXT = 2;
const KEY = 3;
const KIND = 4;
const SCALAR = 0;
const OBJECT = 1;
const ARRAY = 2;

/** The positions of every node of a JSON text (see {@link rangeOfPath}). */
export interface JsonPositions {
  readonly text: string;
  readonly nodes: Int32Array;
}

class Scanner {
  i = 0;
  count = 0;
  nodes = new Int32Array(FIELDS * 1024);
  constructor(readonly text: string) {}

  skip(): void {
    const text = this.text;
    let i = this.i;
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
    this.i = i;
  }

  stringEnd(from: number): number {
    return stringEnd(this.text, from);
  }

  expect(code: number): void {
    this.skip();
    if (this.text.charCodeAt(this.i) !== code) throw new Error(`expected ${String.fromCharCode(code)} at ${this.i}`);
    this.i++;
  }

  /** Scans one value whose key starts at `key` (-1 in an array); returns its node index. */
  value(key: number): number {
    this.skip();
    const text = this.text;
    const start = this.i;
    if (this.count * FIELDS === this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    const node = this.count++;
    const base = node * FIELDS;
    this.nodes[base + START] = start;
    this.nodes[base + KEY] = key;
    this.nodes[base + NEXT] = 0;
    const c = text.charCodeAt(start);
    let kind = SCALAR;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      kind = c === 123 ? OBJECT : ARRAY;
      const close = c === 123 ? 125 : 93;
      this.i++;
      this.skip();
      if (text.charCodeAt(this.i) === close) this.i++;
      else
        for (let previous = -1; ;) {
          let childKey = -1;
          if (kind === OBJECT) {
            this.skip();
            if (text.charCodeAt(this.i) !== 34) throw new Error(`expected a key at ${this.i}`);
            childKey = this.i;
            this.i = this.stringEnd(this.i);
            this.expect(58 /* : */);
          }
          const child = this.value(childKey);
          if (previous !== -1) this.nodes[previous * FIELDS + NEXT] = child;
          previous = child;
          this.skip();
          const sep = text.charCodeAt(this.i);
          if (sep !== close && sep !== 44) throw new Error(`unexpected character at ${this.i}`);
          this.i++;
          if (sep === close) break;
        }
    } else if (c === 34 /* " */) {
      this.i = this.stringEnd(start);
    } else {
      // Numbers, true, false, null: up to the next delimiter.
      let i = start;
      for (let d = text.charCodeAt(i); i < text.length && !isDelimiter(d); d = text.charCodeAt(++i));
      if (i === start) throw new Error(`unexpected character at ${i}`);
      this.i = i;
    }
    this.nodes[base + END] = this.i;
    this.nodes[base + KIND] = kind;
    return node;
  }
}

/** End (exclusive) of the JSON string whose opening quote is at `from`. */
function stringEnd(text: string, from: number): number {
  for (let j = from + 1; ;) {
    const q = text.indexOf('"', j);
    if (q === -1) throw new Error('unterminated string');
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The positions of a JSON text's nodes, or undefined when the text is not well-formed JSON. */
export function jsonPositions(text: string): JsonPositions | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value(-1);
  } catch {
    return undefined; // The parser's own error says what is wrong.
  }
  return { text, nodes: scanner.nodes.subarray(0, scanner.count * FIELDS) };
}

/** Where a text stops being JSON (for parse errors whose message gives no position), or undefined. */
export function syntaxErrorOffset(text: string): number | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value(-1);
    scanner.skip();
    return scanner.i < text.length ? scanner.i : undefined;
  } catch {
    return Math.min(scanner.i, text.length);
  }
}

/** True when the JSON string starting at `at` in `text` is `key`. */
function keyIs(text: string, at: number, key: string): boolean {
  if (text.charCodeAt(at + 1 + key.length) === 34 && text.startsWith(key, at + 1)) return true;
  const end = stringEnd(text, at);
  // Escaped keys (rare) are decoded to compare.
  return text.slice(at, end).includes('\\') && JSON.parse(text.slice(at, end)) === key;
}

/**
 * The range of the node at `path`, or of its nearest ancestor that exists (a missing key points at its object);
 * undefined when there are no positions.
 */
export function rangeOfPath(positions: JsonPositions | undefined, path: JsonPath): TextRange | undefined {
  if (!positions || positions.nodes.length === 0) return undefined;
  const { nodes } = positions;
  let node = 0;
  for (const part of path) {
    const child = childAt(positions, node, part);
    if (child <= 0) break;
    node = child;
  }
  return { start: nodes[node * FIELDS + START] ?? 0, end: nodes[node * FIELDS + END] ?? 0 };
}

/** A member of an object or an element of an array, with what a text edit that removes or changes it needs. */
export interface MemberRange {
  /** Where the member starts: its key in an object, its value in an array. */
  start: number;
  end: number;
  /** Its value alone. */
  value: TextRange;
  /** The object or array holding it. */
  parent: TextRange;
  /** End of the member before it, and start of the one after it, when there are. */
  previousEnd?: number;
  nextStart?: number;
}

function memberStart(nodes: Int32Array, node: number): number {
  const key = nodes[node * FIELDS + KEY] ?? -1;
  return key >= 0 ? key : (nodes[node * FIELDS + START] ?? 0);
}

/** The member at exactly `path` (undefined when it is not there, or for the root). */
export function memberOfPath(positions: JsonPositions | undefined, path: JsonPath): MemberRange | undefined {
  if (!positions || path.length === 0) return undefined;
  const { nodes } = positions;
  const parentPath = path.slice(0, -1);
  const target = nodeOfPath(positions, path);
  const parent = nodeOfPath(positions, parentPath);
  if (target === undefined || parent === undefined) return undefined;
  let previous = -1;
  for (let child = parent + 1; child > 0 && child !== target; child = nodes[child * FIELDS + NEXT] || -1)
    previous = child;
  const next = nodes[target * FIELDS + NEXT] ?? 0;
  const range: MemberRange = {
    start: memberStart(nodes, target),
    end: nodes[target * FIELDS + END] ?? 0,
    value: { start: nodes[target * FIELDS + START] ?? 0, end: nodes[target * FIELDS + END] ?? 0 },
    parent: { start: nodes[parent * FIELDS + START] ?? 0, end: nodes[parent * FIELDS + END] ?? 0 },
  };
  if (previous > 0) range.previousEnd = nodes[previous * FIELDS + END] ?? 0;
  if (next > 0) range.nextStart = memberStart(nodes, next);
  return range;
}

/** The child of `node` that `part` (an array index or an object key) names, or -1. */
function childAt({ nodes, text }: JsonPositions, node: number, part: string | number): number {
  const kind = nodes[node * FIELDS + KIND];
  // The first child, if any, is the next node, and starts inside its parent.
  const first = node + 1;
  let child =
    kind !== SCALAR &&
    first * FIELDS < nodes.length &&
    (nodes[first * FIELDS + START] ?? 0) < (nodes[node * FIELDS + END] ?? 0)
      ? first
      : -1;
  if (kind === ARRAY && typeof part === 'number') {
    for (let k = 0; child > 0 && k < part; k++) child = nodes[child * FIELDS + NEXT] || -1;
  } else if (kind === OBJECT) {
    const key = String(part);
    while (child > 0 && !keyIs(text, nodes[child * FIELDS + KEY] ?? 0, key)) child = nodes[child * FIELDS + NEXT] || -1;
  } else child = -1;
  return child;
}

/** The node index at exactly `path`, or undefined. */
function nodeOfPath(positions: JsonPositions, path: JsonPath): number | undefined {
  let node = 0;
  for (const part of path) {
    const child = childAt(positions, node, part);
    if (child <= 0) return undefined;
    node = child;
  }
  return node;
}

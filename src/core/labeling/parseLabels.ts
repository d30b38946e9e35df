// Parsing the text of a labels file into the workspace model, or into diagnostics that say what to fix and where.
import { workspaceLabelsFileSchema } from '../../contract/labels';
import type { Diagnostic, JsonPath } from './diagnostics';
import type { LineEnding } from './canonical';
import { syntaxErrorOffset } from './jsonPositions';
import type { LabelsFile } from './model';

export type ParseResult =
  { ok: true; file: LabelsFile; eol: LineEnding; bom: boolean } | { ok: false; diagnostics: Diagnostic[] };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A labels file's bytes as text (its BOM kept), or why not: bytes that are not UTF-8 (a Latin-1 "é") would become
 * U+FFFD and be written back so, so such a file is refused rather than corrupted.
 */
export function decodeLabelsBytes(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    let at = 0;
    // The first bad byte: the longest prefix that decodes (binary search keeps this cheap on a large file).
    for (let lo = 0, hi = bytes.length; lo < hi;) {
      const mid = (lo + hi + 1) >> 1;
      if (decodes(bytes.subarray(0, mid))) lo = mid;
      else hi = mid - 1;
      at = lo;
    }
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        code: 'invalidEncoding',
        message: `The labels file is not UTF-8 (byte ${at} is not); save it as UTF-8. It is not written until then, so nothing in it is lost.`,
        path: [],
        fileOffset: 0,
      },
    };
  }
}

function decodes(bytes: Uint8Array): boolean {
  try {
    // A prefix may end inside a character: `stream` lets that pass, a bad byte still throws.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The character offset a JSON.parse error names, when it names one. */
function errorPosition(error: SyntaxError, text: string): number | undefined {
  const position = /position (\d+)/.exec(error.message);
  if (position?.[1] !== undefined) return Number(position[1]);
  return /Unexpected end/.test(error.message) ? text.length : syntaxErrorOffset(text);
}

/** Parses a labels file; a portal export, a hand-made file, any casing of the project kind, CRLF or a BOM all work. */
export function parseLabelsFile(raw: string): ParseResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const syntax = error instanceof SyntaxError ? error : new SyntaxError(String(error));
    const at = errorPosition(syntax, text);
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'invalidJson',
      message: `The labels file is not valid JSON (${syntax.message}); fix the syntax${at === undefined ? '' : ` near character ${at}`}.`,
      path: [],
    };
    if (at !== undefined) diagnostic.fileOffset = at + (text === raw ? 0 : 1);
    return { ok: false, diagnostics: [diagnostic] };
  }
  const duplicates = duplicateKeys(text).map((d): Diagnostic => {
    const where = d.path.length === 0 ? 'the top level' : d.path.join('.');
    return {
      severity: 'error',
      code: 'duplicateKey',
      message: `"${d.key}" appears more than once in ${where}; only the last is read, so saving would drop the others. Merge them into one.`,
      path: d.path,
      fileOffset: d.offset + (text === raw ? 0 : 1),
    };
  });
  if (duplicates.length > 0) return { ok: false, diagnostics: duplicates };
  const parsed = workspaceLabelsFileSchema.safeParse(json);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.map((issue): Diagnostic => {
      const path: JsonPath = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const where = path.length === 0 ? 'the file' : path.join('.');
      return {
        severity: 'error',
        code: 'invalidShape',
        message: `${where}: ${issue.message}. Fix it to match the import format (${hint(path)}).`,
        path,
      };
    });
    return { ok: false, diagnostics };
  }
  return { ok: true, file: parsed.data, eol: text.includes('\r\n') ? '\r\n' : '\n', bom: text !== raw };
}

interface Frame {
  keys: Map<string, number> | undefined; // each key's first offset; undefined in an array
  key: string; // the current member's key (objects)
  index: number; // the current element's index (arrays)
  expectKey: boolean;
}

/**
 * Keys that appear twice in one object of a valid JSON text (JSON.parse silently keeps the last), each with the
 * path of its object and the offset of an earlier occurrence. A loop with its own stack: no depth overflows it.
 */
export function duplicateKeys(text: string): { key: string; path: JsonPath; offset: number }[] {
  const found: { key: string; path: JsonPath; offset: number }[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 123 /* { */) stack.push({ keys: new Map(), key: '', index: 0, expectKey: true });
    else if (c === 91 /* [ */) stack.push({ keys: undefined, key: '', index: 0, expectKey: false });
    else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */ && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    } else if (c === 34 /* " */) {
      let end = text.indexOf('"', i + 1);
      for (; end !== -1; end = text.indexOf('"', end + 1)) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
      }
      if (end === -1) break;
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const first = top.keys.get(key);
        if (first !== undefined) {
          const path: (string | number)[] = [];
          for (let d = 0; d < stack.length - 1; d++) {
            const frame = stack[d] as Frame;
            path.push(frame.keys ? frame.key : frame.index);
          }
          found.push({ key, path, offset: first });
        } else top.keys.set(key, i);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    }
  }
  return found;
}

function hint(path: JsonPath): string {
  const last = path.at(-1);
  if (last === 'projectKind')
    return 'CustomSingleLabelClassification, CustomMultiLabelClassification or CustomEntityRecognition';
  if (last === 'offset' || last === 'regionOffset') return 'a whole number of UTF-16 code units, 0 or more';
  if (last === 'length' || last === 'regionLength') return 'a whole number of UTF-16 code units';
  if (last === 'dataset') return '"Train" or "Test"';
  if (last === 'stringIndexType') return 'it must be "Utf16CodeUnit"';
  return 'see the labels file JSON schema';
}

// Parsing the text of a labels file into the workspace model, or into diagnostics that say what to fix and where.
import { workspaceLabelsFileSchema } from '../../contract/labels';
import type { Diagnostic, JsonPath } from './diagnostics';
import type { LineEnding } from './canonical';
import { syntaxErrorOffset } from './jsonPositions';
import type { LabelsFile } from './model';

export type ParseResult = { ok: true; file: LabelsFile; eol: LineEnding } | { ok: false; diagnostics: Diagnostic[] };

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
  return { ok: true, file: parsed.data, eol: text.includes('\r\n') ? '\r\n' : '\n' };
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

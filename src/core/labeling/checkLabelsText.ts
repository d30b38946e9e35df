// Checks the text of a labels file as it is (on disk or being typed): parse errors, the project kind written in
// another case, and every problem validation finds, each with its range in that text.
import { projectKinds } from '../../contract/common';
import type { Diagnostic, JsonPath } from './diagnostics';
import type { JsonPositions, TextRange } from './jsonPositions';
import { jsonPositions, rangeOfPath } from './jsonPositions';
import type { LabelsDocument, LabelsFile } from './model';
import { parseLabelsFile } from './parseLabels';
import type { DocumentTexts } from './validate';
import { validateProject } from './validate';

export interface LocatedDiagnostic extends Diagnostic {
  /** The range in the labels file's text. */
  fileRange: TextRange;
}

export interface LabelsCheck {
  diagnostics: LocatedDiagnostic[];
  /** The parsed project, when the text parses. */
  file?: LabelsFile;
  positions?: JsonPositions;
  /** The texts validation used, by location. */
  texts: DocumentTexts;
}

/** Reads the texts of the listed documents: undefined for a missing one. */
export type ReadTexts = (locations: readonly string[]) => Promise<DocumentTexts>;

const KIND_PATHS: JsonPath[] = [
  ['metadata', 'projectKind'],
  ['assets', 'projectKind'],
];

/** Kinds written in another case ("customEntityRecognition"): accepted, as the service accepts them. */
export function kindCaseDiagnostics(text: string, positions: JsonPositions | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const path of KIND_PATHS) {
    const range = rangeOfPath(positions, path);
    if (!range || text.charCodeAt(range.start) !== 34) continue;
    let written: unknown;
    try {
      written = JSON.parse(text.slice(range.start, range.end));
    } catch {
      continue;
    }
    if (typeof written !== 'string') continue;
    const kind = projectKinds.find((k) => k.toLowerCase() === written.toLowerCase());
    if (kind !== undefined && kind !== written)
      out.push({
        severity: 'info',
        code: 'kindCase',
        message: `${path.join('.')} is written "${written}"; it is accepted, and "${kind}" is its usual spelling.`,
        path,
      });
  }
  return out;
}

/** Every problem of a labels file's text, located in it; the documents' texts come from `readTexts`. */
export async function checkLabelsText(text: string, readTexts: ReadTexts): Promise<LabelsCheck> {
  const parsed = parseLabelsFile(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const positions = jsonPositions(bom ? text.slice(1) : text);
  const locate = (d: Diagnostic): LocatedDiagnostic => {
    if (d.fileOffset !== undefined) {
      const at = Math.min(d.fileOffset, text.length);
      return { ...d, fileRange: { start: at, end: Math.min(at + 1, text.length) } };
    }
    const range = rangeOfPath(positions, d.path) ?? { start: 0, end: Math.min(1, text.length) };
    return { ...d, fileRange: { start: range.start + bom, end: range.end + bom } };
  };
  if (!parsed.ok)
    return { diagnostics: parsed.diagnostics.map(locate), texts: new Map(), ...(positions ? { positions } : {}) };
  const locations = ((parsed.file.assets?.documents ?? []) as LabelsDocument[]).map((d) => d.location);
  const texts = await readTexts([...new Set(locations)]);
  const diagnostics = [
    ...kindCaseDiagnostics(bom ? text.slice(1) : text, positions),
    ...validateProject(parsed.file, texts),
  ];
  return { diagnostics: diagnostics.map(locate), file: parsed.file, texts, ...(positions ? { positions } : {}) };
}

// What validation and reading report: a severity, a message that says what to fix, and where (the labels-file
// node, and the document range when there is one).

/** Errors block import; warnings and infos are shown, not blocking. */
export type Severity = 'error' | 'warning' | 'info';
export type JsonPath = readonly (string | number)[];

export type DiagnosticCode =
  | 'invalidJson'
  | 'invalidShape'
  | 'invalidEncoding'
  | 'duplicateKey'
  | 'kindMismatch'
  | 'kindCase'
  | 'documentMissing'
  | 'documentOutsideFolder'
  | 'documentNotText'
  | 'duplicateLocation'
  | 'emptyDocument'
  | 'documentTooLong'
  | 'regionOutsideText'
  | 'spanOutsideText'
  | 'spanOutsideRegion'
  | 'overlappingSpans'
  | 'overlappingRegions'
  | 'whitespaceSpan'
  | 'unknownCategory'
  | 'duplicateCategory'
  | 'badCategoryName'
  | 'badProjectName'
  | 'severalClasses'
  | 'tooManyCategories'
  | 'tooManyDocuments'
  | 'tooFewDocuments'
  | 'fewExamples'
  | 'missingFromTest';

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** The labels-file node the problem belongs to. */
  path: JsonPath;
  /** The document (its location) the problem is in, when there is one. */
  document?: string;
  /** The offending range of that document's text, in UTF-16 code units. */
  range?: { offset: number; length: number };
  /** Where in the labels file's text, when no path can say (a JSON syntax error). */
  fileOffset?: number;
}

/** RFC 6901 pointer of a path ("/assets/documents/3"), the key of a labels file's position map. */
export function jsonPointer(path: JsonPath): string {
  let out = '';
  for (const part of path) out += `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return out;
}

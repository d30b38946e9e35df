// Quick fixes for labels-file diagnostics whose fix is clear: small text edits of the labels file (the user's own
// formatting kept), so an editor can apply them as one undoable change.
import { projectKinds } from '../../contract/common';
import type { Diagnostic, DiagnosticCode, JsonPath } from './diagnostics';
import type { JsonPositions, MemberRange } from './jsonPositions';
import { memberOfPath } from './jsonPositions';
import type { LabelsFile } from './model';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants, when there is one. */
  preferred?: boolean;
}

/** An edit removing the member at `path` with the comma that separates it, or undefined when it is not there. */
export function removeMember(text: string, positions: JsonPositions, path: JsonPath): TextEdit | undefined {
  const member = memberOfPath(positions, path);
  if (!member) return undefined;
  if (member.previousEnd !== undefined) return { start: member.previousEnd, end: member.end, newText: '' };
  if (member.nextStart !== undefined) return { start: member.start, end: member.nextStart, newText: '' };
  // The only member: leave the brackets empty.
  return { start: member.parent.start + 1, end: member.parent.end - 1, newText: '' };
}

/** The indentation of the line `offset` is on. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}

/** An edit appending `value` (JSON) to the array at `path`, formatted like the file's canonical layout. */
function appendToArray(text: string, positions: JsonPositions, path: JsonPath, value: unknown): TextEdit | undefined {
  const array = memberOfPath(positions, path);
  if (!array || text.charCodeAt(array.value.start) !== 91) return undefined;
  const indent = indentAt(text, array.start);
  const inner = `${indent}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const json = JSON.stringify(value, null, 2).replace(/\n/g, `${eol}${inner}`);
  const body = text.slice(array.value.start + 1, array.value.end - 1);
  if (body.trim() === '')
    return { start: array.value.start, end: array.value.end, newText: `[${eol}${inner}${json}${eol}${indent}]` };
  const lastEnd = text.slice(0, array.value.end - 1).trimEnd().length;
  return { start: lastEnd, end: lastEnd, newText: `,${eol}${inner}${json}` };
}

function replaceValue(positions: JsonPositions, path: JsonPath, value: unknown): TextEdit | undefined {
  const member = memberOfPath(positions, path);
  return member && { start: member.value.start, end: member.value.end, newText: JSON.stringify(value) };
}

const fix = (title: string, edit: TextEdit | undefined, preferred = false): QuickFix[] =>
  edit ? [{ title, edits: [edit], ...(preferred ? { preferred } : {}) }] : [];

function categoryKey(file: LabelsFile): 'classes' | 'entities' {
  return file.assets?.projectKind === 'CustomEntityRecognition' ? 'entities' : 'classes';
}

function memberText(text: string, member: MemberRange | undefined): string | undefined {
  return member && text.slice(member.value.start, member.value.end);
}

interface FixContext {
  text: string;
  positions: JsonPositions;
  file: LabelsFile;
  d: Diagnostic;
}

const removeDocument = ({ text, positions, d }: FixContext): QuickFix[] =>
  fix(`Remove ${d.document ?? 'the document'} from the project`, removeMember(text, positions, d.path.slice(0, -1)));
const removeSpan = ({ text, positions, d }: FixContext): QuickFix[] =>
  fix('Remove this span', removeMember(text, positions, d.path));

// The diagnostics with a clear fix; the others (an overlap, several classes, a name to choose) need the user.
const FIXES: Partial<Record<DiagnosticCode, (c: FixContext) => QuickFix[]>> = {
  kindCase: ({ text, positions, d }) => {
    const written = memberText(text, memberOfPath(positions, d.path));
    const kind = written && projectKinds.find((k) => `"${k.toLowerCase()}"` === written.toLowerCase());
    return kind ? fix(`Write the project kind as "${kind}"`, replaceValue(positions, d.path, kind), true) : [];
  },
  duplicateLocation: ({ text, positions, d }) =>
    fix(
      `Remove this second entry of ${d.document ?? 'the document'} (its labels go with it)`,
      removeMember(text, positions, d.path.slice(0, -1)),
    ),
  documentMissing: removeDocument,
  documentOutsideFolder: ({ positions, d }) =>
    d.document?.includes('\\')
      ? fix('Use "/" between folders', replaceValue(positions, d.path, d.document.replace(/\\/g, '/')), true)
      : [],
  unknownCategory: ({ text, positions, file, d }) => {
    const category = memberText(text, memberOfPath(positions, d.path));
    const name = category === undefined ? undefined : (JSON.parse(category) as unknown);
    if (typeof name !== 'string') return [];
    const key = categoryKey(file);
    const noun = key === 'entities' ? 'entity type' : 'class';
    const labelPath = d.path.slice(0, -1); // The label: its "class" member, or its element in a list.
    return [
      ...fix(
        `Add the ${noun} "${name}" to the project`,
        appendToArray(text, positions, ['assets', key], { category: name }),
        true,
      ),
      ...fix(`Remove this "${name}" label`, removeMember(text, positions, labelPath)),
    ];
  },
  spanOutsideText: removeSpan,
  whitespaceSpan: removeSpan,
  regionOutsideText: ({ positions, d }) =>
    d.range
      ? fix('Shorten the region to the end of the text', replaceValue(positions, d.path, d.range.length), true)
      : [],
};

/** The fixes of one diagnostic of the labels file `text` (parsed as `file`); none when no fix is clear. */
export function quickFixes(text: string, positions: JsonPositions, file: LabelsFile, d: Diagnostic): QuickFix[] {
  return FIXES[d.code]?.({ text, positions, file, d }) ?? [];
}

/** Applies edits (non-overlapping) to a text: what an editor does with them, for tests and previews. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

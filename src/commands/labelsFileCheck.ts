// Before a labels file is sent anywhere: every error is listed and the file refused; warnings are shown, not
// blocking. The labels file opened beside the Problems view shows them all, at their place.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { LocatedDiagnostic } from '../core/labeling/checkLabelsText';
import { checkLabelsText } from '../core/labeling/checkLabelsText';
import type { Prompter } from '../platform/prompter';
import { MAX_LABELS_FILE_BYTES, decodeText, readInside } from '../workspace/boundedRead';
import type { Refusal } from '../workspace/documentTexts';
import { describeRefusals, readDocuments, refusalsOf } from '../workspace/documentTexts';

const LISTED = 3;
export const SHOW_PROBLEMS = 'Show Problems';

/** "a; b; c; and 4 more" */
export function listProblems(problems: readonly LocatedDiagnostic[]): string {
  const shown = problems.slice(0, LISTED).map((d) => d.message.replace(/\.$/, ''));
  const more = problems.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function showProblems(file: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/**
 * Checks a labels file on disk against its folder's documents. Returns true when it may be sent (no errors, or a
 * file that does not parse, which the reader refuses with its own reason); else says what is wrong and returns
 * false. Warnings are shown either way.
 */
export async function labelsFileIsSendable(prompter: Prompter, file: string, action: string): Promise<boolean> {
  const folder = dirname(file);
  const text = decodeText(await readInside(folder, file, MAX_LABELS_FILE_BYTES));
  let refused: Refusal[] = [];
  const { diagnostics, file: parsed } = await checkLabelsText(text, async (locations) => {
    const read = await readDocuments(folder, locations);
    refused = refusalsOf(read);
    return new Map([...read].map(([l, t]) => [l, typeof t === 'string' ? t : undefined]));
  });
  if (parsed === undefined) return true; // Not a labels file at all: reading it says why, as it always has.
  if (refused.length > 0) {
    // Nothing is sent: a link out of the folder, a device or an oversized file is no document to upload.
    await prompter.message(
      `${action} refused: ${plural(refused.length, 'document')} of ${basename(file)} cannot be sent. ${describeRefusals(refused)} Replace each with a regular .txt file inside ${basename(folder)} (not a link out of it), or remove it from the labels file.`,
    );
    return false;
  }

  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const offer = (message: string): Promise<void> =>
    prompter
      .message(message, SHOW_PROBLEMS)
      .then((choice) => (choice === SHOW_PROBLEMS ? showProblems(file) : undefined));
  if (errors.length > 0) {
    await offer(
      `${action} refused: ${basename(file)} has ${plural(errors.length, 'error')}. ${listProblems(errors)} Fix them, then try again.`,
    );
    return false;
  }
  if (warnings.length > 0)
    void offer(`${basename(file)} has ${plural(warnings.length, 'warning')} (not blocking): ${listProblems(warnings)}`);
  return true;
}

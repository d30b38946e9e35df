import * as vscode from 'vscode';
import { z } from 'zod';

/** Scripts (and tests) may pass `{ confirm: false }` to skip the modal question. */
const noConfirmSchema = z.object({ confirm: z.literal(false) });

/** Asks a modal yes/no question for a destructive action; true when the user chose `action`. */
export async function confirmed(question: string, action: string, options: unknown): Promise<boolean> {
  if (noConfirmSchema.safeParse(options).success) return true;
  return (await vscode.window.showWarningMessage(question, { modal: true }, action)) === action;
}

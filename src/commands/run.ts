import * as vscode from 'vscode';
import { isAbortError } from '../api/errors';
import { describeError } from '../core/describeError';
import type { CommandId } from './ids';
import type { Log } from '../platform/logger';

/**
 * Registers a command whose failures are reported once, the same way everywhere: a cancel is silent, anything
 * else is logged in full and shown as one actionable sentence with a "Show Log" action.
 */
export function registerCommand(
  id: CommandId,
  log: Log,
  handler: (...args: unknown[]) => Promise<unknown>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, guarded(id, log, handler));
}

/** The handler with that reporting around it (for commands registered before their code is loaded). */
export function guarded(
  id: CommandId,
  log: Log,
  handler: (...args: unknown[]) => Promise<unknown>,
): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isAbortError(error) || error instanceof vscode.CancellationError) return undefined;
      reportError(log, id, error);
      return undefined;
    }
  };
}

export function reportError(log: Log, context: string, error: unknown): void {
  log.error(`${context}: ${error instanceof Error ? error.message : String(error)}`);
  const { text, detail } = describeError(error);
  void vscode.window
    .showErrorMessage(detail === undefined ? text : `${text} (${detail})`, 'Show Log')
    .then((choice) => {
      if (choice === 'Show Log') log.show();
    });
}

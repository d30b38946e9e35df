// The user-input seam: every question a command asks goes through a Prompter. The real one shows VS Code's pickers
// and dialogs; the integration tests install scripted answers (through the test API only), never hidden arguments.
import * as vscode from 'vscode';
import { keyedPick } from './keyedPick';
import { pickAsTheyCome } from './pickAsTheyCome';
import type { PickAsTheyComeOptions } from './pickAsTheyCome';

/** A pick's options; with `keyOf`, typing an item's key picks it at once. */
export type PickOptions<T> = vscode.QuickPickOptions & { title: string; keyOf?: (item: T) => string | undefined };

export interface Prompter {
  pick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickOptions<T>,
  ): Promise<T | undefined>;
  /** Items from several sources, offered as each answers: a slow or failing source holds up nothing. */
  pickAsTheyCome<T extends vscode.QuickPickItem>(
    sources: Promise<T[]>[],
    options: PickAsTheyComeOptions<T>,
  ): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined>;
  /** A modal warning before a destructive action; true when the user chose `action`. */
  confirm(question: string, action: string): Promise<boolean>;
  openDialog(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri | undefined>;
  saveDialog(options: vscode.SaveDialogOptions & { title: string }): Promise<vscode.Uri | undefined>;
  /** A notification with actions; the action clicked, or undefined when it was dismissed or ignored. */
  message(text: string, ...actions: string[]): Promise<string | undefined>;
}

/** The prompter users get: VS Code's own windows. */
export const windowPrompter: Prompter = {
  pick: async (items, options) =>
    options.keyOf ? await keyedPick(items, options, options.keyOf) : await vscode.window.showQuickPick(items, options),
  pickAsTheyCome,
  input: async (options) => await vscode.window.showInputBox(options),
  confirm: async (question, action) =>
    (await vscode.window.showWarningMessage(question, { modal: true }, action)) === action,
  openDialog: async (options) => (await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0],
  saveDialog: async (options) => await vscode.window.showSaveDialog(options),
  message: async (text, ...actions) => await vscode.window.showInformationMessage(text, ...actions),
};

/** The prompter the commands hold: the window's, or for the length of one test, scripted answers. */
export class PrompterSeam implements Prompter {
  private current: Prompter = windowPrompter;

  /** Installs a prompter until the returned function is called. */
  use(prompter: Prompter): () => void {
    if (this.current !== windowPrompter) throw new Error('Scripted answers are installed already.');
    this.current = prompter;
    return () => {
      this.current = windowPrompter;
    };
  }

  pick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickOptions<T>,
  ): Promise<T | undefined> {
    return this.current.pick(items, options);
  }
  pickAsTheyCome<T extends vscode.QuickPickItem>(
    sources: Promise<T[]>[],
    options: PickAsTheyComeOptions<T>,
  ): Promise<T | undefined> {
    return this.current.pickAsTheyCome(sources, options);
  }
  input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    return this.current.input(options);
  }
  confirm(question: string, action: string): Promise<boolean> {
    return this.current.confirm(question, action);
  }
  openDialog(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri | undefined> {
    return this.current.openDialog(options);
  }
  saveDialog(options: vscode.SaveDialogOptions & { title: string }): Promise<vscode.Uri | undefined> {
    return this.current.saveDialog(options);
  }
  message(text: string, ...actions: string[]): Promise<string | undefined> {
    return this.current.message(text, ...actions);
  }
}

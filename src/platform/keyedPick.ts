// A quick pick whose items each answer to a key: typing an item's key picks it at once (Prodigy-style hotkeys),
// so labeling needs one key press per document. Enter and the arrows work as in any quick pick.
import * as vscode from 'vscode';

export function keyedPick<T extends vscode.QuickPickItem>(
  items: readonly T[] | Promise<readonly T[]>,
  options: vscode.QuickPickOptions & { title: string },
  keyOf: (item: T) => string | undefined,
): Promise<T | undefined> {
  const picker = vscode.window.createQuickPick<T>();
  picker.title = options.title;
  picker.placeholder = options.placeHolder;
  picker.matchOnDescription = options.matchOnDescription ?? false;
  picker.ignoreFocusOut = options.ignoreFocusOut ?? false;
  picker.busy = true;
  return new Promise<T | undefined>((resolve) => {
    let list: readonly T[] = [];
    let settled = false;
    const finish = (item: T | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(item);
      picker.hide();
    };
    picker.onDidChangeValue((value) => {
      const typed = value.toLowerCase();
      const item = list.find((i) => keyOf(i)?.toLowerCase() === typed);
      if (item) finish(item);
    });
    picker.onDidAccept(() => {
      finish(picker.selectedItems[0] ?? picker.activeItems[0]);
    });
    picker.onDidHide(() => {
      finish(undefined);
      picker.dispose();
    });
    picker.show();
    Promise.resolve(items).then(
      (loaded) => {
        list = loaded;
        picker.items = loaded;
        picker.busy = false;
      },
      () => {
        finish(undefined);
      },
    );
  });
}

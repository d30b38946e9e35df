import * as vscode from 'vscode';

/** An item chosen by pressing its key (shown beside it), as annotation tools do. */
export interface KeyedItem extends vscode.QuickPickItem {
  key?: string;
}

/**
 * A quick pick that takes an item as soon as its key is pressed (the first character typed); anything else typed
 * filters the items by name as usual, and Enter takes the highlighted one.
 */
export function pickByKey<T extends KeyedItem>(
  items: readonly T[],
  options: { title: string; placeholder: string },
): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  return new Promise<T | undefined>((resolve) => {
    const done = (item: T | undefined): void => {
      resolve(item);
      pick.hide();
    };
    pick.onDidChangeValue((value) => {
      const keyed = value.length === 1 ? items.find((i) => i.key === value) : undefined;
      if (keyed) done(keyed);
    });
    pick.onDidAccept(() => {
      done(pick.activeItems[0]);
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

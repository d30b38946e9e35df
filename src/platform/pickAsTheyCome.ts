import * as vscode from 'vscode';

export interface PickAsTheyComeOptions<T> {
  title: string;
  placeholder: string;
  /** Keeps the items in this order as they come; the first is selected (Enter takes it). */
  order?: (a: T, b: T) => number;
}

/** A quick pick whose items arrive from several sources; busy until the last one answers (or fails). */
export function pickAsTheyCome<T extends vscode.QuickPickItem>(
  sources: Promise<T[]>[],
  options: PickAsTheyComeOptions<T>,
): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  pick.busy = sources.length > 0;
  let acceptWhenReady = false;
  return new Promise<T | undefined>((resolve) => {
    const done = (item: T | undefined): void => {
      resolve(item);
      pick.hide();
    };
    // What VS Code would show first for the typed text (it filters the same way, by label and description).
    const firstMatch = (): T | undefined => {
      const typed = pick.value.trim().toLowerCase();
      return pick.items.find((i) => `${i.label} ${i.description ?? ''}`.toLowerCase().includes(typed));
    };
    let pending = sources.length;
    for (const source of sources) {
      source
        .then(
          (items) => {
            const all = [...pick.items, ...items];
            pick.items = options.order === undefined ? all : all.sort(options.order);
            if (options.order !== undefined && pick.value === '' && pick.items[0] !== undefined)
              pick.activeItems = [pick.items[0]];
            const ready = acceptWhenReady ? firstMatch() : undefined;
            if (ready !== undefined) done(ready);
          },
          () => undefined, // The tree already reports a connection that fails; its items are just absent.
        )
        .finally(() => {
          pending -= 1;
          if (pending === 0) pick.busy = false;
        });
    }
    pick.onDidAccept(() => {
      const chosen = pick.activeItems[0] ?? (pick.busy ? undefined : firstMatch());
      if (chosen !== undefined) done(chosen);
      else if (pick.busy) acceptWhenReady = true;
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

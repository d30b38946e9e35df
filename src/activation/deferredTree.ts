// A tree data provider registered at activation whose work is done by one built later (in dist/backend.js): the
// view never shows "There is no data provider", and activation stays small.
import * as vscode from 'vscode';

/** What the provider doing the work needs: dist/backend.js. */
export interface BackendState {
  loaded(): unknown;
  /** Has it loaded soon, without holding back the answers being made, then calls `then`. */
  whenLoaded(then: () => void): void;
}

export class DeferredTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private forwarding: vscode.Disposable | undefined;

  private waiting = false;

  constructor(
    private readonly resolve: () => vscode.TreeDataProvider<T>,
    private readonly backend?: BackendState,
  ) {}

  /** The provider doing the work, built on first use. */
  get provider(): vscode.TreeDataProvider<T> {
    if (!this.target) {
      this.target = this.resolve();
      this.forwarding = this.target.onDidChangeTreeData?.((e) => {
        this.changed.fire(Array.isArray(e) || e === null || e === undefined ? undefined : e);
      });
    }
    return this.target;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider.getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    if (this.target === undefined && this.backend !== undefined && this.backend.loaded() === undefined) {
      // Loading it here would hold back the other views' answers, asked for at the same time (the Connections
      // view's rows, then Local's): no rows until it has loaded (see warmUp.ts).
      if (!this.waiting) {
        this.waiting = true;
        this.backend.whenLoaded(() => {
          this.changed.fire(undefined);
        });
      }
      return [];
    }
    return this.provider.getChildren(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import type { LanguageClient } from '../api/client';
import type { Connection } from '../core/connection';
import type { ConnectionPlace, ErrorDescription } from '../core/describeError';
import type { Node } from './nodes';
import { placeOf, present, projectContents, projectSummary } from './nodes';
import { connectionNode, loadChildren } from './children';
import type { TreeData } from './data';
import { RememberedFailure } from './data';
import { afterReplies } from '../activation/afterReplies';

export interface TreeSources {
  /** What the tree shows: connections, projects, models, deployments, jobs. */
  data: TreeData;
  /** For a project's tooltip (an export). */
  client(connection: Connection): Promise<LanguageClient>;
  onError(context: string, error: unknown): void;
  /** One sentence for an error node (injected: the error classes load with the API client, not at activation). */
  describe(error: unknown, place?: ConnectionPlace): ErrorDescription;
  /** Told how long the first request for a node's children took, from VS Code asking to the answer (diagnostics). */
  onFirstChildren?(node: Node, ms: number): void;
  /**
   * Whether reading this connection would first wait for a part of the extension to start (the backend's load,
   * the local service). VS Code renders no row of the tree until every open node has its children: such a node
   * gets a row saying it is starting at once, and its children once they are read.
   */
  starting?(connection: Connection): boolean;
}

type ProjectNode = Extract<Node, { kind: 'project' }>;
const contentsKey = (node: ProjectNode): string => `${node.id}@${node.project.lastModifiedDateTime}`;

const activeStatuses = new Set(['notStarted', 'running', 'cancelling']);

/** A thin adapter from plain nodes to VS Code tree items. */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, Node>();
  /**
   * One object per node id, updated in place: VS Code refreshes a node only when given the very object it holds,
   * and whoever asked for the children (VS Code, a command, a test) holds that same object.
   */
  private readonly known = new Map<string, Node>();
  /** How many times the children of each node ('' for the root) were asked for: tests tell refreshes apart by it. */
  private readonly requests = new Map<string, number>();
  private readonly inflight = new Set<AbortController>();
  /** Groups with unfinished training jobs are reloaded on their own until the jobs end. */
  private readonly pendingReloads = new Map<string, NodeJS.Timeout>();
  /** A project's documents and categories (tooltip lines, and the summary beside its name) by node id and last modification. */
  private readonly contents = new Map<string, Promise<{ lines: string[]; summary: string }>>();
  /** The summaries already known, so that getTreeItem can show them at once. */
  private readonly summaries = new Map<string, string>();
  /** Children read while their connection was starting, for the next request (by node id). */
  private readonly early = new Map<string, Promise<Node[]>>();
  /** When a node's children were first asked for, until their first real answer (by node id). */
  private readonly firstAsked = new Map<string, number>();

  constructor(
    private readonly sources: TreeSources,
    private readonly activeJobReloadMs = 3000,
  ) {}

  /** Reloads a node and what is under it (the whole tree when undefined); a connection is asked again even when down. */
  refresh(node?: Node): void {
    if (node === undefined) {
      this.early.clear();
      this.changed.fire(undefined);
      return;
    }
    this.early.delete(node.id);
    if (node.kind === 'connection') this.sources.data.forget(node.connection.id);
    this.changed.fire(this.known.get(node.id) ?? node);
  }

  /** Reloads the node of this id if the tree has shown it (what it has not shown needs no refresh). */
  refreshId(id: string): void {
    const node = this.known.get(id);
    if (node !== undefined) this.changed.fire(node);
  }

  /** How many times the children of the node of this id ('' for the root) were asked for. */
  childRequests(id: string): number {
    return this.requests.get(id) ?? 0;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const p = present(node);
    // Local opens by itself: a first look shows its projects (or the way to load them), not a closed node.
    const open = node.kind === 'connection' && node.local;
    const item = new vscode.TreeItem(
      p.label,
      p.collapsible
        ? open
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    const summary = node.kind === 'project' ? this.summaries.get(contentsKey(node)) : undefined;
    item.description = summary === undefined ? p.description : [summary, p.description].filter(Boolean).join(' · ');
    item.tooltip = p.tooltip;
    item.contextValue = p.contextValue;
    item.iconPath =
      node.kind === 'message' && node.severity === 'error'
        ? new vscode.ThemeIcon(p.icon, new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon(p.icon);
    if (p.command !== undefined) item.command = { command: p.command.id, title: p.command.title };
    return item;
  }

  /** A project's tooltip gains its documents and classes or entity types when it is shown (an export, cached). */
  async resolveTreeItem(item: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (node.kind !== 'project') return item;
    try {
      item.tooltip = [present(node).tooltip, ...(await this.contentsOf(node)).lines].join('\n');
    } catch (error) {
      this.sources.onError(`Reading the contents of ${node.project.projectName}`, error);
    }
    return item;
  }

  /** Reads a project's contents once per modification; the first time, its node is redrawn with the summary. */
  private contentsOf(node: ProjectNode): Promise<{ lines: string[]; summary: string }> {
    const key = contentsKey(node);
    let contents = this.contents.get(key);
    if (contents === undefined) {
      contents = this.sources.client(node.connection).then(async (client) => {
        const { assets } = await client.exportProjectAndWait(node.project.projectName);
        return { lines: projectContents(assets), summary: projectSummary(assets) };
      });
      this.contents.set(key, contents);
      contents.then(
        ({ summary }) => {
          this.summaries.set(key, summary);
          this.changed.fire(this.known.get(node.id) ?? node);
        },
        () => this.contents.delete(key),
      );
    }
    return contents;
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node.id);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const key = node?.id ?? '';
    if (this.childRequests(key) === 0) this.firstAsked.set(key, performance.now());
    this.requests.set(key, this.childRequests(key) + 1);
    const early = this.early.get(key);
    this.early.delete(key);
    if (early === undefined && node?.kind === 'connection' && this.sources.starting?.(node.connection) === true)
      return this.whileStarting(node);
    const children = this.adopt(node, await (early ?? this.load(node)));
    const asked = this.firstAsked.get(key);
    this.firstAsked.delete(key);
    if (asked !== undefined && node !== undefined) this.sources.onFirstChildren?.(node, performance.now() - asked);
    return children;
  }

  /** A connection's children while it starts: a row saying so now; they are read after this answer has gone. */
  private whileStarting(node: Extract<Node, { kind: 'connection' }>): Node[] {
    const children = new Promise<Node[]>((resolve) => {
      afterReplies(() => {
        resolve(this.load(node));
      });
    });
    this.early.set(node.id, children);
    void children.then(() => {
      this.changed.fire(this.known.get(node.id) ?? node);
    });
    const text = node.local ? 'Starting the local service…' : 'Starting…';
    return this.adopt(node, [{ kind: 'message', id: `${node.id}/starting`, severity: 'progress', text }]);
  }

  /** The known objects for these children, each remembering its parent. */
  private adopt(node: Node | undefined, loaded: Node[]): Node[] {
    const children = loaded.map((child) => this.canonical(child));
    for (const child of children) if (node !== undefined) this.parents.set(child.id, node);
    return children;
  }

  /** The object already known for this id, updated to the new data; or this one, now known. */
  private canonical(node: Node): Node {
    const existing = this.known.get(node.id);
    if (existing === undefined || existing.kind !== node.kind) {
      this.known.set(node.id, node);
      return node;
    }
    for (const key of Object.keys(existing)) if (!(key in node)) Reflect.deleteProperty(existing, key);
    return Object.assign(existing, node);
  }

  private async load(node: Node | undefined): Promise<Node[]> {
    if (node === undefined) {
      return this.sources.data.connections().map(({ connection, local }) => connectionNode(connection, local));
    }
    const abort = new AbortController();
    this.inflight.add(abort);
    try {
      const children = await loadChildren(node, this.sources.data, abort.signal);
      // The local service answers exports at once: its projects get their size beside their names right after
      // they show (Azure projects get it when their tooltip is first shown, to spare a job per project).
      if (node.kind === 'connection' && node.local) this.fillInSizes(children);
      if (children.some((c) => c.kind === 'trainingJob' && activeStatuses.has(c.job.status))) this.reloadSoon(node);
      return children;
    } catch (caught) {
      // A connection known to be down shows its error again without a new log line.
      const remembered = caught instanceof RememberedFailure;
      const error = remembered ? caught.original : caught;
      if (!remembered) this.sources.onError(`Loading ${present(node).label}`, error);
      const { text, detail } = this.sources.describe(error, placeOf(node));
      return [
        {
          kind: 'message',
          id: `${node.id}/error`,
          severity: 'error',
          text,
          ...(detail === undefined ? {} : { detail }),
        },
      ];
    } finally {
      this.inflight.delete(abort);
    }
  }

  /** Reads the projects' contents one after another, after the list has shown: it never competes with it. */
  private fillInSizes(children: Node[]): void {
    const projects = children.filter((c): c is ProjectNode => c.kind === 'project');
    setTimeout(() => {
      void projects.reduce<Promise<unknown>>(
        (previous, project) => previous.then(() => this.contentsOf(project).catch(() => undefined)),
        Promise.resolve(),
      );
    }, 200);
  }

  /** Fires a change for this node (the very object VS Code holds) a little later, once. */
  private reloadSoon(node: Node): void {
    if (this.pendingReloads.has(node.id)) return;
    const timer = setTimeout(() => {
      this.pendingReloads.delete(node.id);
      this.changed.fire(this.known.get(node.id) ?? node);
    }, this.activeJobReloadMs);
    this.pendingReloads.set(node.id, timer);
  }

  dispose(): void {
    for (const timer of this.pendingReloads.values()) clearTimeout(timer);
    for (const abort of this.inflight) abort.abort();
    this.changed.dispose();
  }
}

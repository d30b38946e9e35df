import * as vscode from 'vscode';
import type { ProjectMetadata } from '../api/schemas/project';
import type { Connection } from '../core/connection';
import { describeError } from '../core/describeError';
import type { Node } from './nodes';
import { present } from './nodes';

export interface TreeSources {
  /** The connections to show, the local one first when enabled. */
  connections(): { connection: Connection; local: boolean }[];
  listProjects(connection: Connection, signal: AbortSignal): Promise<ProjectMetadata[]>;
  onError(context: string, error: unknown): void;
}

/** A thin adapter from plain nodes to VS Code tree items. */
export class ConnectionsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new Map<string, Node>();
  private readonly inflight = new Set<AbortController>();

  constructor(private readonly sources: TreeSources) {}

  refresh(node?: Node): void {
    this.changed.fire(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const p = present(node);
    const item = new vscode.TreeItem(
      p.label,
      p.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = p.description;
    item.tooltip = p.tooltip;
    item.contextValue = p.contextValue;
    item.iconPath =
      node.kind === 'message' && node.severity === 'error'
        ? new vscode.ThemeIcon(p.icon, new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon(p.icon);
    if (p.command !== undefined) item.command = { command: p.command.id, title: p.command.title };
    return item;
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node.id);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const children = await this.load(node);
    for (const child of children) if (node !== undefined) this.parents.set(child.id, node);
    return children;
  }

  private async load(node: Node | undefined): Promise<Node[]> {
    if (node === undefined) {
      return this.sources.connections().map(({ connection, local }) => ({
        kind: 'connection',
        id: `conn/${connection.id}`,
        connection,
        local,
      }));
    }
    if (node.kind !== 'connection') return [];
    const abort = new AbortController();
    this.inflight.add(abort);
    try {
      const projects = await this.sources.listProjects(node.connection, abort.signal);
      if (projects.length === 0) {
        const empty = { kind: 'message', id: `${node.id}/empty`, severity: 'info' } as const;
        return [
          node.local
            ? {
                ...empty,
                text: 'No projects yet: load the sample projects',
                action: { id: 'customText.samples.load', title: 'Load Sample Projects' },
              }
            : { ...empty, text: 'No projects yet' },
        ];
      }
      return projects
        .slice()
        .sort((a, b) => a.projectName.localeCompare(b.projectName))
        .map((project) => ({
          kind: 'project',
          id: `${node.id}/projects/${project.projectName}`,
          connectionId: node.connection.id,
          project,
        }));
    } catch (error) {
      this.sources.onError(`Listing projects of ${node.connection.name}`, error);
      const { text, detail } = describeError(error);
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

  dispose(): void {
    for (const abort of this.inflight) abort.abort();
    this.changed.dispose();
  }
}

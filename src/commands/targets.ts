// What a command acts on: the tree node it was invoked on, or, from the command palette, one the user picks.
import * as vscode from 'vscode';
import type { Connection } from '../core/connection';
import { describeProjectKind, shortDate } from '../tree/nodes';
import type { Node } from '../tree/nodes';
import type { CommandDeps } from './deps';

export type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;

/** A trained model by name; what the model commands need (a tree node carries more). */
export interface ModelRef {
  connection: Connection;
  projectName: string;
  modelLabel: string;
}

export function isNode<K extends Node['kind']>(value: unknown, kind: K): value is NodeOf<K> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

/** A model node, or a ModelRef passed by another command (e.g. "Deploy…" after training). */
export function modelRefOf(value: unknown): ModelRef | undefined {
  if (isNode(value, 'model'))
    return { connection: value.connection, projectName: value.projectName, modelLabel: value.model.label };
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<ModelRef>;
  return v.connection !== undefined && typeof v.projectName === 'string' && typeof v.modelLabel === 'string'
    ? { connection: v.connection, projectName: v.projectName, modelLabel: v.modelLabel }
    : undefined;
}

/** The tree's children of `parent` (the connections when undefined) of one kind; error nodes are left out. */
async function childrenOfKind<K extends Node['kind']>(
  deps: CommandDeps,
  parent: Node | undefined,
  kind: K,
): Promise<NodeOf<K>[]> {
  return (await deps.tree.getChildren(parent)).filter((n): n is NodeOf<K> => n.kind === kind);
}

/** A connection the user picks (the one given when it is a connection node). */
export async function connectionOf(
  deps: CommandDeps,
  target: unknown,
  title: string,
): Promise<NodeOf<'connection'> | undefined> {
  if (isNode(target, 'connection')) return target;
  const connections = await childrenOfKind(deps, undefined, 'connection');
  const items = connections.map((node) => ({
    label: node.connection.name,
    description: node.local ? 'embedded local service' : node.connection.endpoint,
    node,
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Connection' }))?.node;
}

/**
 * Every project of every connection, for the user to pick one. The list fills as each connection answers, so a
 * slow or unreachable one (left out) holds up nothing; a choice typed before its project arrived is taken when it does.
 */
export async function pickProject(deps: CommandDeps, title: string): Promise<NodeOf<'project'> | undefined> {
  const connections = await childrenOfKind(deps, undefined, 'connection');
  const sources = connections.map(async (c) =>
    (await childrenOfKind(deps, c, 'project')).map((node) => ({
      label: node.project.projectName,
      description: `${node.connection.name} · ${describeProjectKind(node.project.projectKind).title}`,
      node,
    })),
  );
  return (await pickAsTheyCome(sources, { title, placeholder: 'Project' }))?.node;
}

/** A quick pick whose items arrive from several sources; busy until the last one answers (or fails). */
export function pickAsTheyCome<T extends vscode.QuickPickItem>(
  sources: Promise<T[]>[],
  options: { title: string; placeholder: string },
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
            pick.items = [...pick.items, ...items];
            const ready = acceptWhenReady ? firstMatch() : undefined;
            if (ready !== undefined) done(ready);
          },
          () => undefined, // The tree already reports a connection that fails; its projects are just absent.
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

/** A trained model the user picks: first the project, then one of its models. */
export async function pickModel(deps: CommandDeps, title: string): Promise<ModelRef | undefined> {
  const project = await pickProject(deps, title);
  if (project === undefined) return undefined;
  const client = await deps.client(project.connection);
  const models = client
    .listModels(project.project.projectName)
    .then((list) => list.map((m) => ({ label: m.label, description: `trained ${shortDate(m.lastTrainedDateTime)}` })));
  const picked = await vscode.window.showQuickPick(models, {
    title,
    placeHolder: `Model of ${project.project.projectName}`,
  });
  if (picked === undefined) return undefined;
  return { connection: project.connection, projectName: project.project.projectName, modelLabel: picked.label };
}

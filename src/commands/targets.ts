// What a command acts on: the tree node it was invoked on, or, from the command palette, one the user picks.
import type { Connection } from '../core/connection';
import { sameProject } from '../core/projectHome';
import type { ServiceProjectRef } from '../core/projectHome';
import { connectionNode, projectNode } from '../tree/children';
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

/** The connection nodes, as the tree shows them. */
export function connectionNodes(deps: CommandDeps): NodeOf<'connection'>[] {
  return deps.data.connections().map(({ connection, local }) => connectionNode(connection, local));
}

/** A connection the user picks (the one given when it is a connection node). */
export async function connectionOf(
  deps: CommandDeps,
  target: unknown,
  title: string,
): Promise<NodeOf<'connection'> | undefined> {
  if (isNode(target, 'connection')) return target;
  const items = connectionNodes(deps).map((node) => ({
    label: node.connection.name,
    description: node.local ? 'embedded local service' : node.connection.endpoint,
    node,
  }));
  return (await deps.prompter.pick(items, { title, placeHolder: 'Connection' }))?.node;
}

/** A connection's projects as nodes; none when it fails (the tree says why on its node). */
export async function projectNodes(deps: CommandDeps, connection: Connection): Promise<NodeOf<'project'>[]> {
  const projects = await deps.data.projects(connection).catch(() => []);
  return projects.map((project) => projectNode(connection, project));
}

/** Which projects a picker offers: of one kind, some left out, the preferred ones (the document's) first. */
export interface ProjectChoice {
  kind?: string | undefined;
  preferred?: readonly ServiceProjectRef[];
  except?: readonly ServiceProjectRef[];
}

/**
 * Every project of every connection, for the user to pick one. The list fills as each connection answers, so a
 * slow or unreachable one (left out) holds up nothing; a choice typed before its project arrived is taken when it does.
 * The preferred projects come first and the first of them is selected: Enter takes the document's own project.
 */
export async function pickProject(
  deps: CommandDeps,
  title: string,
  choice: ProjectChoice = {},
): Promise<NodeOf<'project'> | undefined> {
  const { kind, except = [] } = choice;
  const preferred = choice.preferred ?? (await deps.currentProjects().catch(() => []));
  const rank = (ref: ServiceProjectRef): number => preferred.findIndex((p) => sameProject(p, ref));
  const sources = deps.data.connections().map(async ({ connection }) =>
    (await deps.data.projects(connection))
      .filter((project) => kind === undefined || project.projectKind === kind)
      .map((project) => ({ project, ref: { connectionId: connection.id, projectName: project.projectName } }))
      .filter(({ ref }) => !except.some((e) => sameProject(e, ref)))
      .map(({ project, ref }) => ({
        label: project.projectName,
        description: `${connection.name} · ${describeProjectKind(project.projectKind).title}`,
        ...(rank(ref) >= 0 ? { detail: 'The project you are working on' } : {}),
        node: projectNode(connection, project),
        rank: rank(ref),
      })),
  );
  const first = (item: { rank: number }): number => (item.rank < 0 ? Number.MAX_SAFE_INTEGER : item.rank);
  return (
    await deps.prompter.pickAsTheyCome(sources, {
      title,
      placeholder: 'Project',
      order: (a, b) => first(a) - first(b),
    })
  )?.node;
}

/** A trained model the user picks: first the project, then one of its models. */
export async function pickModel(
  deps: CommandDeps,
  title: string,
  choice: ProjectChoice = {},
): Promise<ModelRef | undefined> {
  const project = await pickProject(deps, title, choice);
  if (project === undefined) return undefined;
  const { connection } = project;
  const { projectName } = project.project;
  const models = deps.data
    .models(connection, projectName)
    .then((list) => list.map((m) => ({ label: m.label, description: `trained ${shortDate(m.lastTrainedDateTime)}` })));
  const picked = await deps.prompter.pick(models, { title, placeHolder: `Model of ${projectName}` });
  if (picked === undefined) return undefined;
  return { connection, projectName, modelLabel: picked.label };
}

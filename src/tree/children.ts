// What each node contains, read through the tree data service. Pure of VS Code: the provider adapts it.
import type { ProjectMetadata } from '../contract/project';
import type { Connection } from '../core/connection';
import type { TreeData } from './data';
import type { GroupKind, Node } from './nodes';

type Data = Pick<TreeData, 'projects' | 'models' | 'deployments' | 'jobs'>;
type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;

const groupOrder: readonly GroupKind[] = ['models', 'deployments', 'jobs'];

// Ids are stable paths, so VS Code keeps expansion and selection across refreshes, and a node can be found again.
export const connectionNodeId = (connection: Connection): string => `conn/${connection.id}`;
export const projectNodeId = (connection: Connection, projectName: string): string =>
  `${connectionNodeId(connection)}/projects/${projectName}`;
export const groupNodeId = (connection: Connection, projectName: string, group: GroupKind): string =>
  `${projectNodeId(connection, projectName)}/${group}`;

export function connectionNode(connection: Connection, local: boolean): NodeOf<'connection'> {
  return { kind: 'connection', id: connectionNodeId(connection), connection, local };
}

export function projectNode(connection: Connection, project: ProjectMetadata): NodeOf<'project'> {
  return { kind: 'project', id: projectNodeId(connection, project.projectName), connection, project };
}

export async function loadChildren(node: Node, data: Data, signal: AbortSignal): Promise<Node[]> {
  switch (node.kind) {
    case 'connection': {
      const projects = await data.projects(node.connection, signal);
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
        .map((project) => projectNode(node.connection, project));
    }
    case 'project':
      return groupOrder.map((group) => ({
        kind: 'group',
        id: groupNodeId(node.connection, node.project.projectName, group),
        connection: node.connection,
        projectName: node.project.projectName,
        group,
      }));
    case 'group':
      return withEmptyMessage(node, await loadGroup(node, data, signal));
    case 'model':
    case 'deployment':
    case 'trainingJob':
    case 'message':
      return [];
  }
}

async function loadGroup(node: NodeOf<'group'>, data: Data, signal: AbortSignal): Promise<Node[]> {
  const { connection, projectName } = node;
  const base = { connection, projectName };
  switch (node.group) {
    case 'models': {
      const [models, deployments] = await Promise.all([
        data.models(connection, projectName, signal),
        data.deployments(connection, projectName, signal),
      ]);
      return models
        .slice()
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((model) => ({
          ...base,
          kind: 'model',
          id: `${node.id}/${model.label}`,
          model,
          deployments: deployments.filter((d) => d.modelId === model.modelId).map((d) => d.deploymentName),
        }));
    }
    case 'deployments': {
      const [deployments, models] = await Promise.all([
        data.deployments(connection, projectName, signal),
        data.models(connection, projectName, signal),
      ]);
      return deployments
        .slice()
        .sort((a, b) => a.deploymentName.localeCompare(b.deploymentName))
        .map((deployment) => {
          const label = models.find((m) => m.modelId === deployment.modelId)?.label;
          return {
            ...base,
            kind: 'deployment',
            id: `${node.id}/${deployment.deploymentName}`,
            deployment,
            ...(label === undefined ? {} : { modelLabel: label }),
          };
        });
    }
    case 'jobs': {
      const jobs = await data.jobs(connection, projectName, signal);
      return jobs
        .slice()
        .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime))
        .map((job) => ({ ...base, kind: 'trainingJob', id: `${node.id}/${job.jobId}`, job }));
    }
  }
}

function withEmptyMessage(node: NodeOf<'group'>, children: Node[]): Node[] {
  if (children.length > 0) return children;
  const text = { models: 'No trained models', deployments: 'No deployments', jobs: 'No training jobs' }[node.group];
  return [{ kind: 'message', id: `${node.id}/empty`, severity: 'info', text }];
}

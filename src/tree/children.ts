// What each node contains, fetched through the API client. Pure of VS Code: the provider adapts it.
import type { LanguageClient } from '../api/client';
import type { Connection } from '../core/connection';
import type { GroupKind, Node } from './nodes';

type Client = Pick<LanguageClient, 'listProjects' | 'listModels' | 'listDeployments' | 'listTrainingJobs'>;

const groupOrder: readonly GroupKind[] = ['models', 'deployments', 'jobs'];

export async function loadChildren(
  node: Node,
  client: (connection: Connection) => Promise<Client>,
  signal: AbortSignal,
): Promise<Node[]> {
  switch (node.kind) {
    case 'connection': {
      const projects = await (await client(node.connection)).listProjects({ signal });
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
          connection: node.connection,
          project,
        }));
    }
    case 'project':
      return groupOrder.map((group) => ({
        kind: 'group',
        id: `${node.id}/${group}`,
        connection: node.connection,
        projectName: node.project.projectName,
        group,
      }));
    case 'group':
      return withEmptyMessage(node, await loadGroup(node, await client(node.connection), signal));
    case 'model':
    case 'deployment':
    case 'trainingJob':
    case 'message':
      return [];
  }
}

async function loadGroup(node: Extract<Node, { kind: 'group' }>, api: Client, signal: AbortSignal): Promise<Node[]> {
  const base = { connection: node.connection, projectName: node.projectName };
  switch (node.group) {
    case 'models': {
      const [models, deployments] = await Promise.all([
        api.listModels(node.projectName, { signal }),
        api.listDeployments(node.projectName, { signal }),
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
        api.listDeployments(node.projectName, { signal }),
        api.listModels(node.projectName, { signal }),
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
      const jobs = await api.listTrainingJobs(node.projectName, { signal });
      return jobs
        .slice()
        .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime))
        .map((job) => ({ ...base, kind: 'trainingJob', id: `${node.id}/${job.jobId}`, job }));
    }
  }
}

function withEmptyMessage(node: Extract<Node, { kind: 'group' }>, children: Node[]): Node[] {
  if (children.length > 0) return children;
  const text = { models: 'No trained models', deployments: 'No deployments', jobs: 'No training jobs' }[node.group];
  return [{ kind: 'message', id: `${node.id}/empty`, severity: 'info', text }];
}

// Tree nodes are plain data; how each looks is one pure function, so it is easy to read and to test.
import type { Deployment } from '../contract/deployment';
import type { TrainingJobState } from '../contract/job';
import type { ExportedProjectAssets } from '../contract/labels';
import type { TrainedModel } from '../contract/model';
import type { ProjectMetadata } from '../contract/project';
import type { Connection } from '../core/connection';
import { localConnectionId } from '../core/connection';
import type { ConnectionPlace } from '../core/describeError';

export type GroupKind = 'models' | 'deployments' | 'jobs';

interface InProject {
  id: string;
  connection: Connection;
  projectName: string;
}

export type Node =
  | { kind: 'connection'; id: string; connection: Connection; local: boolean }
  | { kind: 'project'; id: string; connection: Connection; project: ProjectMetadata }
  | (InProject & { kind: 'group'; group: GroupKind })
  | (InProject & { kind: 'model'; model: TrainedModel; deployments: string[] })
  | (InProject & { kind: 'deployment'; deployment: Deployment; modelLabel?: string })
  | (InProject & { kind: 'trainingJob'; job: TrainingJobState })
  | {
      kind: 'message';
      id: string;
      /** progress: a part of the extension is starting; the real children replace it. */
      severity: 'error' | 'info' | 'progress';
      text: string;
      detail?: string;
      /** Runs on click; error messages open the log unless they say otherwise. */
      action?: { id: string; title: string };
    };

/** Which kind of endpoint a node's requests go to (an error's advice depends on it); messages have none. */
export function placeOf(node: Node): ConnectionPlace | undefined {
  if (node.kind === 'message') return undefined;
  return node.connection.id === localConnectionId ? 'local' : 'azure';
}

export interface Presentation {
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  contextValue: string;
  collapsible: boolean;
  /** Runs on click. */
  command?: { id: string; title: string };
}

const kindLabels: Record<string, { title: string; icon: string }> = {
  CustomSingleLabelClassification: { title: 'Single-label classification', icon: 'tag' },
  CustomMultiLabelClassification: { title: 'Multi-label classification', icon: 'checklist' },
  CustomEntityRecognition: { title: 'Entity recognition', icon: 'symbol-key' },
  CustomHealthcare: { title: 'Text analytics for health', icon: 'heart' },
};

export function describeProjectKind(kind: string): { title: string; icon: string } {
  return kindLabels[kind] ?? { title: kind, icon: 'symbol-misc' };
}

const groups: Record<GroupKind, { label: string; icon: string }> = {
  models: { label: 'Models', icon: 'package' },
  deployments: { label: 'Deployments', icon: 'rocket' },
  jobs: { label: 'Training jobs', icon: 'history' },
};

const statusIcons: Record<string, string> = {
  notStarted: 'clock',
  running: 'sync~spin',
  cancelling: 'sync~spin',
  succeeded: 'pass',
  failed: 'error',
  cancelled: 'circle-slash',
  partiallyCompleted: 'warning',
};

/** "2022-04-18T15:47:49.4334381Z" → "2022-04-18 15:47". */
export function shortDate(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(iso);
  return m ? `${m[1] ?? ''} ${m[2] ?? ''}` : iso;
}

export function present(node: Node): Presentation {
  switch (node.kind) {
    case 'connection':
      return {
        label: node.connection.name,
        description: node.local ? 'embedded local service' : new URL(node.connection.endpoint).host,
        tooltip: node.local ? 'Runs in VS Code, offline; trains real models.' : node.connection.endpoint,
        icon: node.local ? 'vm' : 'azure',
        contextValue: node.local ? 'customText:connection+local' : 'customText:connection',
        collapsible: true,
      };
    case 'project': {
      const p = node.project;
      const kind = describeProjectKind(p.projectKind);
      const lines = [
        p.projectName,
        `${kind.title} · ${p.language}${p.multilingual === true ? ' (multilingual)' : ''}`,
        p.description ?? '',
        `Container: ${p.storageInputContainerName}`,
        p.lastTrainedDateTime === undefined ? 'Never trained' : `Last trained: ${shortDate(p.lastTrainedDateTime)}`,
      ];
      return {
        label: p.projectName,
        description: [p.language, p.description].filter((s) => s !== undefined && s !== '').join(' · '),
        tooltip: lines.filter((l) => l !== '').join('\n'),
        icon: kind.icon,
        contextValue: `customText:project+${p.projectKind}`,
        collapsible: true,
      };
    }
    case 'group':
      return {
        label: groups[node.group].label,
        icon: groups[node.group].icon,
        contextValue: `customText:group+${node.group}`,
        collapsible: true,
      };
    case 'model': {
      const m = node.model;
      const deployed = node.deployments.length > 0 ? `in ${node.deployments.join(', ')} · ` : '';
      return {
        label: m.label,
        description: `${deployed}trained ${shortDate(m.lastTrainedDateTime)}`,
        tooltip: [
          `Model ${m.label} (${m.modelId})`,
          ...(node.deployments.length > 0 ? [`Deployed as ${node.deployments.join(', ')}`] : []),
          `Trained ${m.lastTrainedDateTime} in ${Math.round(m.lastTrainingDurationInSeconds)} s`,
          `Training configuration ${m.modelTrainingConfigVersion}; expires ${m.modelExpirationDate}`,
        ].join('\n'),
        icon: 'symbol-class',
        contextValue: node.deployments.length > 0 ? 'customText:model+deployed' : 'customText:model',
        collapsible: false,
      };
    }
    case 'deployment': {
      const d = node.deployment;
      return {
        label: d.deploymentName,
        description: `${node.modelLabel ?? d.modelId} · ${shortDate(d.lastDeployedDateTime)}`,
        tooltip: [
          `Deployment ${d.deploymentName}`,
          `Model ${d.modelId}`,
          `Deployed ${d.lastDeployedDateTime}; expires ${d.deploymentExpirationDate}`,
        ].join('\n'),
        icon: 'rocket',
        contextValue: 'customText:deployment',
        collapsible: false,
      };
    }
    case 'trainingJob': {
      const j = node.job;
      const percent = j.result.trainingStatus.percentComplete;
      const progress = j.status === 'running' ? ` · ${percent}%` : '';
      return {
        label: j.result.modelLabel,
        description: `${j.status}${progress} · ${shortDate(j.createdDateTime)}`,
        tooltip: [
          // What went wrong first, in the service's words; its code after, for a search or a support ticket.
          ...(j.errors ?? []).map((e) => `${e.message} (${e.code})`),
          j.status === 'running' || j.status === 'notStarted'
            ? `Training ${j.status === 'running' ? `${percent}% done` : 'not started yet'}`
            : `Training ${j.status}`,
          `Job ${j.jobId}, started ${shortDate(j.createdDateTime)}`,
        ].join('\n'),
        icon: statusIcons[j.status] ?? 'circle-outline',
        contextValue: `customText:trainingJob+${j.status}`,
        collapsible: false,
      };
    }
    case 'message':
      return {
        label: node.text,
        ...(node.detail === undefined ? {} : { description: node.detail, tooltip: `${node.text}\n${node.detail}` }),
        icon: messageIcon(node),
        contextValue: `customText:message+${node.severity}`,
        collapsible: false,
        ...(node.action !== undefined
          ? { command: node.action }
          : node.severity === 'error'
            ? { command: { id: 'customText.showLog', title: 'Show Log' } }
            : {}),
      };
  }
}

function messageIcon(node: Extract<Node, { kind: 'message' }>): string {
  if (node.severity === 'error') return 'error';
  if (node.severity === 'progress') return 'loading~spin';
  return node.action !== undefined ? 'beaker' : 'info';
}

const MAX_CATEGORIES = 12;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A project's size beside its name: "20 documents · 7 entity types", from its exported labels. */
export function projectSummary(assets: ExportedProjectAssets | undefined): string {
  if (assets === undefined) return 'no documents';
  const isEntity = assets.projectKind === 'CustomEntityRecognition';
  const categories = (isEntity ? assets.entities : assets.classes).length;
  return `${plural(assets.documents.length, 'document', 'documents')} · ${
    isEntity ? plural(categories, 'entity type', 'entity types') : plural(categories, 'class', 'classes')
  }`;
}

/**
 * A project's documents and its classes or entity types, from its exported labels: the tooltip's details, which
 * are loaded only when the tooltip is shown (an export per project would slow the tree's first expansion).
 */
export function projectContents(assets: ExportedProjectAssets | undefined): string[] {
  if (assets === undefined) return ['Documents: none labelled yet'];
  const documents = assets.documents.length;
  const testing = assets.documents.filter((d) => d.dataset === 'Test').length;
  const split = testing === 0 ? '' : ` (${documents - testing} training, ${testing} testing)`;
  const isEntity = assets.projectKind === 'CustomEntityRecognition';
  const names = (isEntity ? assets.entities : assets.classes).map((c) => c.category);
  const shown =
    names.length > MAX_CATEGORIES
      ? [...names.slice(0, MAX_CATEGORIES), `${names.length - MAX_CATEGORIES} more`]
      : names;
  return [
    `Documents: ${documents}${split}`,
    `${isEntity ? 'Entity types' : 'Classes'} (${names.length}): ${shown.length === 0 ? 'none yet' : shown.join(', ')}`,
  ];
}

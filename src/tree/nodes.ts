// Tree nodes are plain data; how each looks is one pure function, so it is easy to read and to test.
import type { ProjectMetadata } from '../api/schemas/project';
import type { Connection } from '../core/connection';

export type Node =
  | { kind: 'connection'; id: string; connection: Connection; local: boolean }
  | { kind: 'project'; id: string; connectionId: string; project: ProjectMetadata }
  | {
      kind: 'message';
      id: string;
      severity: 'error' | 'info';
      text: string;
      detail?: string;
      /** Runs on click; error messages open the log unless they say otherwise. */
      action?: { id: string; title: string };
    };

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
        p.lastTrainedDateTime === undefined ? 'Never trained' : `Last trained: ${p.lastTrainedDateTime}`,
      ];
      return {
        label: p.projectName,
        description: [p.language, p.description].filter((s) => s !== undefined && s !== '').join(' · '),
        tooltip: lines.filter((l) => l !== '').join('\n'),
        icon: kind.icon,
        contextValue: `customText:project+${p.projectKind}`,
        collapsible: false,
      };
    }
    case 'message':
      return {
        label: node.text,
        ...(node.detail === undefined ? {} : { description: node.detail, tooltip: `${node.text}\n${node.detail}` }),
        icon: node.severity === 'error' ? 'error' : node.action !== undefined ? 'beaker' : 'info',
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

// What the three analyze modules share: their dependencies and the deployment they analyze with.
import type * as vscode from 'vscode';
import { z } from 'zod';
import { customTaskKinds } from '../contract/analyze';
import type { AnalysisStatus } from '../editor/analysisStatus';
import type { EntityDecorations } from '../editor/entityDecorations';
import type { ResultsPanel } from '../webview/resultsPanel';
import type { CommandDeps } from './deps';
import type { NodeOf } from './targets';

/** The deployment that analyzes text, remembered per workspace. */
export const analyzeTargetSchema = z.object({
  connectionId: z.string(),
  projectName: z.string(),
  projectKind: z.enum(customTaskKinds),
  language: z.string(),
  deploymentName: z.string(),
});
export type AnalyzeTarget = z.infer<typeof analyzeTargetSchema>;

export interface AnalyzeDeps extends CommandDeps {
  state: vscode.Memento;
  /** Container name → folder (the local service's), to tell which project a document belongs to. */
  containers(): Record<string, string>;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  status: AnalysisStatus;
}

export interface Notice {
  text: string;
  actions?: { title: string; command: string; args?: unknown[] }[];
}

export interface ResolvedTarget {
  analyzeTarget: AnalyzeTarget;
  connection: NodeOf<'connection'>['connection'];
  /** Why this deployment, when the user would not expect it (shown in the panel and as a message). */
  notice?: Notice;
}

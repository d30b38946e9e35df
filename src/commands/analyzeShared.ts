// What the three analyze modules share: their dependencies and the deployment they analyze with.
import type * as vscode from 'vscode';
import { z } from 'zod';
import { customTaskKinds } from '../contract/analyze';
import type { AnalysisStatus } from '../editor/analysisStatus';
import type { EntityDecorations } from '../editor/entityDecorations';
import type { ProjectHomes } from '../labeling/projectHomes';
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
  /** Which project a document or folder belongs to, and where that project is on services. */
  homes: ProjectHomes;
  panel: ResultsPanel;
  decorations: EntityDecorations;
  status: AnalysisStatus;
}

export interface ResolvedTarget {
  analyzeTarget: AnalyzeTarget;
  connection: NodeOf<'connection'>['connection'];
  /** Why this deployment (the panel says it beside the deployment's name). */
  why: string;
}

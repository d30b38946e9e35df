// The messages between the results panel (extension host) and its webview, and what the webview shows.
// Shared by both sides; the host checks every inbound message with its schema.
import { z } from 'zod';

/**
 * Entity categories get one of these colors: `customText.entity1` … in package.json's contributed colors, with
 * defaults per theme kind (light, dark, high contrast) that stay apart from each other and readable on the editor
 * background; media/results.css uses the same ones for .color-1 … (the webview sees them as --vscode-* variables).
 */
export const ENTITY_COLOR_COUNT = 12;
export const entityColorId = (color: number): string => `customText.entity${color}`;

export interface ClassView {
  category: string;
  confidence: number;
}

export interface EntityView {
  /** Index in the task's entity list (relations point at it). */
  index: number;
  category: string;
  subcategory?: string;
  text: string;
  /** UTF-16 offsets in the analyzed text, plus `offsetBase` of the view for the editor document. */
  offset: number;
  length: number;
  confidence: number;
  /** 1–ENTITY_COLOR_COUNT: the category's color, the same in the panel and the editor, run after run. */
  color: number;
  assertion?: Record<string, string>;
  name?: string;
  links?: { dataSource: string; id: string }[];
}

export interface RelationView {
  relationType: string;
  confidence?: number;
  roles: { role: string; entityIndex: number; text: string }[];
}

/** The analyzed text cut into plain runs and entity runs, in order (overlapping entities only in the table). */
export interface TextSegment {
  text: string;
  entityIndex?: number;
}

/** One file of a folder analysis, in the folder summary. */
export interface FolderRow {
  /** Path relative to the folder. */
  file: string;
  /** The top classes, best first. */
  classes: ClassView[];
  /** Entities found, per category. */
  entityCounts: Record<string, number>;
  /** The entities' texts per category, in the order found (distinct). */
  entityTexts: Record<string, string[]>;
  /** Why the file has no result (too long, empty, a service error). */
  problem?: string;
}

export interface FolderView {
  title: string;
  source: string;
  kind: string;
  rows: FolderRow[];
}

export interface Scores {
  f1: number;
  precision: number;
  recall: number;
}

/** A trained model's evaluation on its test set. */
export interface EvaluationView {
  title: string;
  source: string;
  kind: string;
  /** How the test set was chosen, e.g. "80% training, 20% testing". */
  split: string;
  micro: Scores;
  macro: Scores;
  /** Per class or entity category, worst F1 first: what to label more of. */
  classes: (Scores & { category: string; truePositives: number; falsePositives: number; falseNegatives: number })[];
  /** Rows are the labeled class, columns the predicted one (raw counts); absent for multi-label. */
  confusion?: { labels: string[]; counts: number[][] };
  /** How many documents the model was tested on, when the service listed them. */
  testDocuments?: number;
  /** Why not to trust these scores too much (too few test documents). */
  warning?: string;
}

export interface ResultView {
  title: string;
  /** The project, deployment and task kind that produced it. */
  source: string;
  kind: string;
  /** Where the analyzed text starts in the editor document (the selection's start), for reveal. */
  offsetBase: number;
  classes: ClassView[];
  entities: EntityView[];
  relations: RelationView[];
  segments: TextSegment[];
  /** Warnings and errors the service returned for the document. */
  notes: string[];
}

/** What the panel shows; `seq` numbers the host's messages so a late 'rendered' for an older one is ignored. */
export type HostToWebview = (
  | { type: 'show'; view: ResultView }
  | { type: 'showFolder'; folder: FolderView }
  | { type: 'showEvaluation'; evaluation: EvaluationView }
) & { seq: number };

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The webview drew a view: how many entities and classes it shows (a check for tests and logs). */
  z.object({
    type: z.literal('rendered'),
    seq: z.number().int(),
    entities: z.number().int(),
    classes: z.number().int(),
    relations: z.number().int(),
    files: z.number().int(),
  }),
  /** The user clicked an entity: select it in the editor. */
  z.object({ type: z.literal('reveal'), entityIndex: z.number().int().nonnegative() }),
  /** The user asked to analyze the shown document with another deployment. */
  z.object({ type: z.literal('chooseDeployment') }),
  /** The user clicked a file of a folder summary: open it with its result. */
  z.object({ type: z.literal('openFile'), row: z.number().int().nonnegative() }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

/** What the webview keeps across reloads (VS Code's getState/setState). */
export type PanelState = { view: ResultView } | { folder: FolderView } | { evaluation: EvaluationView };

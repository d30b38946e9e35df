// The messages between the results panel (extension host) and its webview; what they carry is core's view models.
// Shared by both sides; the host checks every inbound message with its schema.
import { z } from 'zod';
import type { EvaluationView, FolderView, ResultView } from '../core/views';

/** What the panel shows: one kind of message per view, each drawn by its renderer in app/. */
export type ShownView =
  | { type: 'show'; view: ResultView }
  | { type: 'showFolder'; folder: FolderView }
  | { type: 'showEvaluation'; evaluation: EvaluationView };

/** `seq` numbers the host's messages so a late 'rendered' for an older one is ignored. */
export type HostToWebview = ShownView & { seq: number };

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
    /** How long the page took to build and lay out the view, in ms. */
    drawMs: z.number().nonnegative().optional(),
  }),
  /** The user clicked an entity: select it in the editor. */
  z.object({ type: z.literal('reveal'), entityIndex: z.number().int().nonnegative() }),
  /** The user asked to analyze the shown document with another deployment. */
  z.object({ type: z.literal('chooseDeployment') }),
  /** The user clicked a file of a folder summary: open it with its result. */
  z.object({ type: z.literal('openFile'), row: z.number().int().nonnegative() }),
  /** The user clicked a button of the result's toolbar. */
  z.object({ type: z.literal('resultAction'), action: z.enum(['addAsLabels', 'redact', 'copyJson']) }),
  /** The user clicked a test document of an evaluation: open it with its labels and predictions. */
  z.object({ type: z.literal('openTestDocument'), row: z.number().int().nonnegative() }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;
/** A button of an analyzed document's toolbar: its labels into its project, its entities masked, its JSON. */
export type ResultAction = Extract<WebviewToHost, { type: 'resultAction' }>['action'];

/** What the webview keeps across reloads (VS Code's getState/setState). */
export type PanelState = { view: ResultView } | { folder: FolderView } | { evaluation: EvaluationView };

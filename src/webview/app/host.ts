// The page's one handle on VS Code: acquireVsCodeApi may be called only once.
import type { PanelState, WebviewToHost } from '../protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const host = acquireVsCodeApi();

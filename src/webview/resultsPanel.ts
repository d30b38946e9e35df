import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Log } from '../platform/logger';
import type { EntityView, EvaluationView, FolderView, ResultView } from '../core/views';
import { webviewToHostSchema } from './protocol';
import type { HostToWebview, ResultAction } from './protocol';
import { resultsViewType } from './viewType';

/** UTF-16 offsets of an analyzed selection in its document. */
export interface TextRange {
  start: number;
  end: number;
}

/** The document a view was computed from, so a click can select the entity there. */
export interface ResultSource {
  uri: vscode.Uri;
  version: number;
  /** The analyzed selection; the whole document when undefined. */
  range?: TextRange | undefined;
}

/** A file of a folder analysis: what was sent, and its result when there is one. */
export interface FolderFile {
  uri: vscode.Uri;
  text: string;
  view: ResultView | undefined;
}

/** Underlines a result's entities in its document (the editor's decorations; the panel needs only this). */
export interface EntityUnderliner {
  apply(document: vscode.TextDocument, view: ResultView): void;
}

/** What the page asks of the extension beyond the panel itself. */
export interface PanelRequests {
  /** Analyze the shown document with another deployment. */
  chooseDeployment(): void;
  /** A button of the result's toolbar (Add as Labels, Redact…, Copy as JSON). */
  runAction(action: ResultAction): void;
  /** Open a row of the shown test set (the review does; see commands/review.ts). */
  openTestDocument(row: number): void;
}

/**
 * The one results panel: shows the latest analysis, answers the webview's clicks by selecting the entity in the
 * editor, and comes back after a reload (serializer) from the state the webview kept.
 */
export class ResultsPanel implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private ready = false;
  /** The latest message: sent on each 'ready' too, since a hidden webview reloads when shown again. */
  private latest: HostToWebview | undefined;
  private seq = 0;
  private current: { view: ResultView; source: ResultSource } | undefined;
  private folderFiles: FolderFile[] = [];
  /** What the webview last said it drew (for tests and the log). */
  lastRendered: { entities: number; classes: number; relations: number; files: number } | undefined;
  /** How long the page took to build and lay out what it last drew, by its own clock. */
  lastDrawMs: number | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly decorations: EntityUnderliner,
    /** What the page's buttons and rows ask for: callbacks, so they outlive dispose() (it closes the page only). */
    private readonly requests: PanelRequests,
  ) {}

  /** The document whose analysis the panel shows (none for a folder or an evaluation). */
  shownSource(): ResultSource | undefined {
    return this.panel === undefined ? undefined : this.current?.source;
  }

  /** The analysis the panel shows, with the document it came from. */
  shownResult(): { view: ResultView; source: ResultSource } | undefined {
    return this.panel === undefined ? undefined : this.current;
  }

  show(view: ResultView, source: ResultSource): void {
    this.current = { view, source };
    this.lastRendered = undefined;
    this.open(`Results: ${view.title}`);
    this.post({ type: 'show', view, seq: ++this.seq });
  }

  private open(title: string): void {
    if (this.panel === undefined) {
      const panel = vscode.window.createWebviewPanel(
        resultsViewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        this.options(),
      );
      this.attach(panel);
    } else {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
  }

  /**
   * Where a document the panel points to opens: the first column, or the second when the panel is in the first (as it
   * is when it opened with no editor beside it), so the document never covers the panel.
   */
  documentColumn(): vscode.ViewColumn {
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /** Shows a folder summary; clicking a file opens it with its entities underlined. */
  showFolder(folder: FolderView, files: FolderFile[]): void {
    this.folderFiles = files;
    this.current = undefined;
    this.lastRendered = undefined;
    this.open(`Results: ${folder.title}`);
    this.post({ type: 'showFolder', folder, seq: ++this.seq });
  }

  showEvaluation(evaluation: EvaluationView): void {
    this.current = undefined;
    this.lastRendered = undefined;
    this.open(`Evaluation: ${evaluation.title}`);
    this.post({ type: 'showEvaluation', evaluation, seq: ++this.seq });
  }

  /** Opens a file of the last folder analysis; underlines its entities when it is unchanged since. */
  async openFile(row: number): Promise<vscode.TextEditor | undefined> {
    const file = this.folderFiles[row];
    if (file === undefined) return undefined;
    const document = await vscode.workspace.openTextDocument(file.uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.documentColumn() });
    if (file.view !== undefined && document.getText() === file.text) this.decorations.apply(document, file.view);
    return editor;
  }

  /** Revives the panel after a reload; the webview redraws from its own saved state. */
  deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.options();
    this.attach(panel);
    return Promise.resolve();
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message);
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
      }),
    ];
  }

  private post(message: HostToWebview): void {
    this.latest = message;
    if (this.panel !== undefined && this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Results panel: ignored a message of unknown shape: ${JSON.stringify(raw)}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.latest !== undefined) void this.panel?.webview.postMessage(this.latest);
        return;
      case 'rendered': {
        const { seq, entities, classes, relations, files, drawMs } = message;
        if (seq === this.latest?.seq) {
          this.lastRendered = { entities, classes, relations, files };
          this.lastDrawMs = drawMs;
        }
        return;
      }
      case 'chooseDeployment':
        this.requests.chooseDeployment();
        return;
      case 'openFile':
        void this.openFile(message.row);
        return;
      case 'resultAction':
        this.requests.runAction(message.action);
        return;
      case 'openTestDocument':
        this.requests.openTestDocument(message.row);
        return;
      case 'reveal': {
        const entity = this.current?.view.entities[message.entityIndex];
        if (entity !== undefined) void this.reveal(entity);
        return;
      }
    }
  }

  /** Selects the entity in the analyzed document, unless the document changed since (offsets would lie). */
  async reveal(entity: EntityView): Promise<vscode.TextEditor | undefined> {
    if (this.current === undefined) return undefined;
    const { view, source } = this.current;
    const document = await vscode.workspace.openTextDocument(source.uri);
    if (document.version !== source.version) {
      void vscode.window.showInformationMessage(
        `${view.title} changed since it was analyzed: analyze it again to see where the entities are now.`,
      );
      return undefined;
    }
    const start = document.positionAt(view.offsetBase + entity.offset);
    const end = document.positionAt(view.offsetBase + entity.offset + entity.length);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: this.documentColumn(),
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(start, end);
    editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'results.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data:`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Custom Text Results</title>
</head>
<body>
<div id="root"><p>Waiting for results…</p></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  /** Closes the panel; the object stays usable (the next view opens a new panel, its requests still heard). */
  dispose(): void {
    this.panel?.dispose();
  }
}

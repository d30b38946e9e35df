import * as vscode from 'vscode';

const keptLines = 500;

/**
 * The extension's log: a LogOutputChannel (users pick the level and open it from errors) that also keeps the
 * last lines in memory, so they can be read back (diagnostics, tests).
 */
export class Log implements vscode.Disposable {
  private created: vscode.LogOutputChannel | undefined;
  private disposed = false;
  private readonly lines: string[] = [];

  /** Created on first use, not at activation. */
  private get channel(): vscode.LogOutputChannel {
    this.created ??= vscode.window.createOutputChannel('Custom Text Studio', { log: true });
    return this.created;
  }

  info(message: string): void {
    this.keep('info', message);
    if (!this.disposed) this.channel.info(message);
  }

  warn(message: string): void {
    this.keep('warn', message);
    if (!this.disposed) this.channel.warn(message);
  }

  error(message: string): void {
    this.keep('error', message);
    if (!this.disposed) this.channel.error(message);
  }

  show(): void {
    if (!this.disposed) this.channel.show(true);
  }

  recent(): string {
    return this.lines.join('\n');
  }

  private keep(level: string, message: string): void {
    this.lines.push(`[${level}] ${message}`);
    if (this.lines.length > keptLines) this.lines.splice(0, this.lines.length - keptLines);
  }

  dispose(): void {
    this.disposed = true;
    this.created?.dispose();
    this.created = undefined;
  }
}

import * as vscode from 'vscode';

const keptLines = 500;

/**
 * The extension's log: a LogOutputChannel (users pick the level and open it from errors) that also keeps the
 * last lines in memory, so they can be read back (diagnostics, tests).
 */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Custom Text Studio', { log: true });
  private readonly lines: string[] = [];

  info(message: string): void {
    this.keep('info', message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.keep('warn', message);
    this.channel.warn(message);
  }

  error(message: string): void {
    this.keep('error', message);
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  recent(): string {
    return this.lines.join('\n');
  }

  private keep(level: string, message: string): void {
    this.lines.push(`[${level}] ${message}`);
    if (this.lines.length > keptLines) this.lines.splice(0, this.lines.length - keptLines);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

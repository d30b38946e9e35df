import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { untilProgressGoneMs } from '../core/jobProgress';

export interface ProgressReport {
  message?: string;
  /** 0–100, when the job says how far it is. */
  percent?: number;
}

/**
 * Runs work under a cancellable notification. Cancelling aborts the signal: the work stops watching (what runs on
 * the service is the caller's to decide). Percentages are turned into the increments VS Code expects. With
 * `messageFollows`, returns once the notification is gone: the message the caller shows next is never beside a
 * Cancel of work already done (the other callers, who draw a result, are not kept waiting).
 */
export async function withProgress<T>(
  title: string,
  work: (report: (update: ProgressReport) => void, signal: AbortSignal) => Promise<T>,
  options: { messageFollows?: boolean } = {},
): Promise<T> {
  const started = performance.now();
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => {
          abort.abort();
        });
        let shown = 0;
        const report = ({ message, percent }: ProgressReport): void => {
          const increment = percent === undefined ? undefined : Math.max(0, Math.min(100, percent) - shown);
          if (increment !== undefined) shown += increment;
          progress.report({ ...(message === undefined ? {} : { message }), ...(increment ? { increment } : {}) });
        };
        try {
          return await work(report, abort.signal);
        } finally {
          cancel.dispose();
        }
      },
    );
  } finally {
    const wait = options.messageFollows === true ? untilProgressGoneMs(performance.now() - started) : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

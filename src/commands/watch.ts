import * as vscode from 'vscode';
import { isAbortError } from '../api/errors';
import type { JobStatus } from '../contract/common';
import { progressMessageFor } from '../core/jobProgress';
import type { ProgressReport } from '../platform/progress';
import { withProgress } from '../platform/progress';

/**
 * Watches a job the service is running under a cancellable notification. Cancelling stops the watching only:
 * the user is told the job goes on (cancelling a training job on the service is its own command), and the
 * result is undefined.
 */
export async function watchJob<T>(
  title: string,
  whatGoesOn: string,
  wait: (report: (update: ProgressReport) => void, signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await withProgress(title, wait, { messageFollows: true });
  } catch (error) {
    if (!isAbortError(error)) throw error;
    void vscode.window.showInformationMessage(`Stopped watching: ${whatGoesOn} goes on in the service.`);
    return undefined;
  }
}

/** An onProgress callback that shows the job's status as the notification's message while it runs. */
export function reportStatus(report: (update: ProgressReport) => void): (progress: { status: JobStatus }) => void {
  return (progress) => {
    const message = progressMessageFor(progress.status);
    if (message !== undefined) report({ message });
  };
}

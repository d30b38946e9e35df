// What a job's progress notification says, and when it is gone. VS Code keeps a progress notification up at
// least 800 ms, Cancel button and last message included, even when the work ended sooner: a quick deployment
// on the local service read "Deploying …: succeeded" with Cancel beside its "Deployed" message.
import type { JobStatus } from '../contract/common';
import { isTerminalStatus } from '../contract/common';

/** How long VS Code shows a progress notification at least (its progress service, for notifications without delay). */
export const NOTIFICATION_MIN_VISIBLE_MS = 800;
/** Time for the workbench to take the notification away once that minimum is over. */
const CLOSE_MARGIN_MS = 100;

/** The status as the notification's message while the job runs; none once it ended (the outcome says how). */
export function progressMessageFor(status: JobStatus): string | undefined {
  if (isTerminalStatus(status)) return undefined;
  return status === 'notStarted' ? 'waiting to start' : status;
}

/** How long to wait after the work, so what follows is shown once the progress notification is gone. */
export function untilProgressGoneMs(elapsedMs: number): number {
  return Math.max(0, NOTIFICATION_MIN_VISIBLE_MS + CLOSE_MARGIN_MS - elapsedMs);
}

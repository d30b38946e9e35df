// When the backend loads and the local service starts after activation. Not at once: the load holds the extension
// host's thread for hundreds of milliseconds, and the views' first answers (their rows, right after a window
// reload) would wait behind it. Local's first request for its items starts both once it has answered; otherwise
// they load a moment after activation (when needed at all), or once the Labeling view has been answered.
import { afterReplies } from './afterReplies';

export interface WarmUp {
  /** Runs the work once the answers being made have gone (it runs once in all). */
  afterReplies(): void;
  /** A view needs the work: after the answers being made, or once Local has its items when it is shown. */
  soon(): void;
  dispose(): void;
}

export function scheduleWarmUp(options: {
  work: () => void;
  /** Whether Local has been asked for its items and will start the work itself after answering. */
  localLoading: () => boolean;
  /** Whether the Connections view is shown: it is about to ask for Local's items (which starts the work). */
  localShown: () => boolean;
  /** Whether to run the work a moment after activation, without any view asking. */
  atStartup: boolean;
  delayMs: number;
}): WarmUp {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    options.work();
  };
  let timer: NodeJS.Timeout | undefined;
  const later = (again: boolean): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // Through setImmediate: requests that came meanwhile (VS Code asking for rows) are read first.
      setImmediate(() => {
        if (again && options.localLoading()) later(false);
        else run();
      });
    }, options.delayMs);
  };
  if (options.atStartup) later(true);
  return {
    afterReplies: () => {
      afterReplies(run);
    },
    soon: () => {
      afterReplies(() => {
        if (done) return;
        if (options.localLoading() || options.localShown()) later(false);
        else run();
      });
    },
    dispose: () => {
      clearTimeout(timer);
      done = true;
    },
  };
}

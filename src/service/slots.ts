// A fixed number of slots for heavy work (training): the rest wait in order, their position visible, and a
// waiter that is aborted leaves the queue without ever taking a slot.
import { availableParallelism } from 'node:os';

/** One training per core but one, at least 1 and at most 4: polls and predictions keep a core. */
export function defaultTrainingSlots(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

interface Waiter {
  id: string;
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
}

export class Slots {
  private busy = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly size: number) {}

  /** Resolves with a release function once a slot is free (FIFO). */
  acquire(id: string, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.busy < this.size && this.queue.length === 0) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { id, resolve, reject };
      this.queue.push(waiter);
      signal.addEventListener(
        'abort',
        () => {
          const index = this.queue.indexOf(waiter);
          if (index < 0) return;
          this.queue.splice(index, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    });
  }

  /** 1 for the next in line; undefined when not waiting. */
  position(id: string): number | undefined {
    const index = this.queue.findIndex((w) => w.id === id);
    return index < 0 ? undefined : index + 1;
  }

  get waiting(): number {
    return this.queue.length;
  }

  private take(): () => void {
    this.busy += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy -= 1;
      const next = this.queue.shift();
      if (next) next.resolve(this.take());
    };
  }
}

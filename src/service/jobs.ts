// Asynchronous jobs: ids, states (notStarted → running → succeeded | failed | cancelling → cancelled),
// expiration, cancellation, and recovery of jobs a previous process left unfinished.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from './errors';
import { requestJobDelay } from './faults';
import type { ErrorDetail } from './errors';
import type { JobKind, JobRecord, JobStatus } from './records';
import type { Store } from './store';
import { DAY_MS, dotnetTicks, isoNow } from './time';

export const AUTHORING_JOB_TTL_MS = 7 * DAY_MS;
export const RUNTIME_JOB_TTL_MS = DAY_MS;

export const ACTIVE_STATUSES: readonly JobStatus[] = ['notStarted', 'running', 'cancelling'];

export interface JobContext {
  readonly job: JobRecord;
  readonly signal: AbortSignal;
  /** Persists the job's current state (after changing progress or results). */
  readonly save: () => Promise<void>;
  /** How the job ends when the work returns normally (default succeeded). */
  readonly setOutcome: (status: 'succeeded' | 'partiallyCompleted' | 'failed') => void;
}

export interface NewJob {
  kind: JobKind;
  apiVersion: string;
  projectName?: string;
  scope?: string;
}

const INTERRUPTED: ErrorDetail = {
  code: 'InternalServerError',
  message: 'The local service stopped while this job was in progress, so the job did not complete. Start it again.',
};

const isRuntime = (kind: JobKind): boolean => kind === 'analyze';

export class Jobs {
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly store: Store) {}

  /** Jobs a previous process was running can never finish: report them failed rather than stuck. */
  async recoverInterrupted(): Promise<number> {
    let count = 0;
    for (const job of [...this.store.jobs.values()]) {
      if (!ACTIVE_STATUSES.includes(job.status)) continue;
      const now = isoNow();
      job.status = 'failed';
      job.lastUpdatedDateTime = now;
      job.errors.push({ ...INTERRUPTED });
      if (job.training) {
        for (const sub of [job.training.trainingStatus, job.training.evaluationStatus]) {
          if (sub.status !== 'succeeded') {
            sub.status = 'failed';
            sub.endDateTime = now;
          }
        }
      }
      await this.store.saveJob(job);
      count += 1;
    }
    return count;
  }

  async create(spec: NewJob): Promise<JobRecord> {
    const now = Date.now();
    const runtime = isRuntime(spec.kind);
    const job: JobRecord = {
      jobId: runtime ? randomUUID() : `${randomUUID()}_${dotnetTicks(now)}`,
      kind: spec.kind,
      projectName: spec.projectName,
      scope: spec.scope,
      apiVersion: spec.apiVersion,
      createdDateTime: isoNow(now),
      lastUpdatedDateTime: isoNow(now),
      expirationDateTime: isoNow(now + (runtime ? RUNTIME_JOB_TTL_MS : AUTHORING_JOB_TTL_MS)),
      status: 'notStarted',
      errors: [],
      warnings: [],
    };
    await this.store.saveJob(job);
    return job;
  }

  /** Starts the work on a later turn, so clients first see notStarted, then running. */
  start(job: JobRecord, work: (context: JobContext) => Promise<void>): void {
    const controller = new AbortController();
    // Read through a function: the signal changes under awaits, which flow analysis does not see.
    const aborted = (): boolean => controller.signal.aborted;
    this.controllers.set(job.jobId, controller);
    const save = async (): Promise<void> => {
      job.lastUpdatedDateTime = isoNow();
      await this.store.saveJob(job);
    };
    const delayMs = requestJobDelay.getStore() ?? 0;
    const fail = (error: ErrorDetail): void => {
      job.status = 'failed';
      job.errors.push(error);
    };
    const run = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: controller.signal }).catch(() => undefined);
      try {
        controller.signal.throwIfAborted();
        job.status = 'running';
        await save();
        let outcome: JobStatus = 'succeeded';
        await work({
          job,
          signal: controller.signal,
          save,
          setOutcome: (status) => {
            outcome = status;
          },
        });
        if (!aborted()) job.status = outcome;
        else if (this.stopping) fail({ ...INTERRUPTED });
        else job.status = 'cancelled';
      } catch (error) {
        if (this.stopping) fail({ ...INTERRUPTED });
        else if (aborted()) job.status = 'cancelled';
        else fail(toJobError(error)); // a failed write too: the job says why rather than staying "running"
      }
      // The final state is kept in memory even when it cannot be written (a restart then reports the job
      // interrupted); a second failure here must not escape.
      await save().catch(() => undefined);
    };
    const promise = run()
      .catch(() => undefined)
      .finally(() => {
        this.controllers.delete(job.jobId);
        this.running.delete(promise);
      });
    this.running.add(promise);
  }

  /** Asks a job to stop; the work sees the abort and the job ends cancelled. */
  async cancel(job: JobRecord): Promise<void> {
    if (!ACTIVE_STATUSES.includes(job.status)) {
      throw new ServiceError(
        400,
        'InvalidRequest',
        `Job ${job.jobId} is already ${job.status} and cannot be cancelled.`,
      );
    }
    job.status = 'cancelling';
    job.lastUpdatedDateTime = isoNow();
    await this.store.saveJob(job);
    this.controllers.get(job.jobId)?.abort();
  }

  /** A job by id, unless it has expired (expired jobs are forgotten). */
  get(jobId: string): JobRecord | undefined {
    const job = this.store.jobs.get(jobId);
    if (!job) return undefined;
    if (Date.parse(job.expirationDateTime) <= Date.now() && !ACTIVE_STATUSES.includes(job.status)) {
      this.store.deleteJob(jobId).catch(() => undefined); // the next sweep tries again
      return undefined;
    }
    return job;
  }

  active(predicate: (job: JobRecord) => boolean): JobRecord | undefined {
    return [...this.store.jobs.values()].find((j) => ACTIVE_STATUSES.includes(j.status) && predicate(j));
  }

  /** Aborts everything in flight and waits for it to settle. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const controller of this.controllers.values()) controller.abort();
    await Promise.all([...this.running]);
  }
}

export function toJobError(error: unknown): ErrorDetail {
  if (error instanceof ServiceError) {
    return error.innererror
      ? { code: error.code, message: error.message, innererror: error.innererror }
      : { code: error.code, message: error.message };
  }
  // The engine's messages already say what failed ("Training failed: …", or the data problem as it is).
  return { code: 'InternalServerError', message: error instanceof Error ? error.message : String(error) };
}

// Asynchronous jobs: ids, states (notStarted → running → succeeded | failed | cancelling → cancelled),
// expiration, cancellation, and recovery of jobs a previous process left unfinished.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TrainingDataError } from './engine/split';
import { ServiceError } from './errors';
import { requestJobDelay } from './faults';
import type { ErrorDetail } from './errors';
import type { JobKind, JobRecord, JobStatus } from './records';
import type { Slots } from './slots';
import type { Store } from './store';
import { dotnetTicks, isoNow } from './time';
import { AUTHORING_JOB_TTL_MS, RUNTIME_JOB_TTL_MS } from '../contract/limits';

export { AUTHORING_JOB_TTL_MS, RUNTIME_JOB_TTL_MS };

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
  /** Fields the job starts with (training result, analyze tasks): written with the first save, not after. */
  fields?: Pick<Partial<JobRecord>, 'training' | 'tasks' | 'documentIds' | 'displayName'>;
}

const INTERRUPTED: ErrorDetail = {
  code: 'InternalServerError',
  message: 'The local service stopped while this job was in progress, so the job did not complete. Start it again.',
};

const isRuntime = (kind: JobKind): boolean => kind === 'analyze';

export interface JobsOptions {
  /** How long finished jobs are kept (Azure: authoring 7 days, analyze 24 h); tests shorten them. */
  authoringTtlMs?: number;
  runtimeTtlMs?: number;
}

export const isExpired = (job: JobRecord, now = Date.now()): boolean =>
  Date.parse(job.expirationDateTime) <= now && !ACTIVE_STATUSES.includes(job.status);

export class Jobs {
  private readonly controllers = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly authoringTtlMs: number;
  private readonly runtimeTtlMs: number;

  constructor(
    private readonly store: Store,
    options: JobsOptions = {},
  ) {
    this.authoringTtlMs = options.authoringTtlMs ?? AUTHORING_JOB_TTL_MS;
    this.runtimeTtlMs = options.runtimeTtlMs ?? RUNTIME_JOB_TTL_MS;
  }

  /**
   * Removes expired jobs with their results (for analyze jobs, fragments of the analysed text). Returns how many
   * went; a removal that fails is retried by the next sweep.
   */
  async sweep(now = Date.now()): Promise<number> {
    const expired = [...this.store.jobs.values()].filter((job) => isExpired(job, now));
    for (const job of expired) await this.store.deleteJob(job.jobId).catch(() => undefined);
    return expired.length;
  }

  /** Sweeps every `intervalMs` until stop(); the timer never keeps the process alive. */
  startSweeping(intervalMs: number): void {
    this.sweeper = setInterval(() => {
      this.sweep().catch(() => undefined);
    }, intervalMs);
    this.sweeper.unref();
  }

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
      // Whole seconds as the service writes them, rounded up so a job never expires early.
      expirationDateTime: isoNow(Math.ceil((now + (runtime ? this.runtimeTtlMs : this.authoringTtlMs)) / 1000) * 1000),
      status: 'notStarted',
      errors: [],
      warnings: [],
      ...spec.fields,
    };
    await this.store.saveJob(job);
    return job;
  }

  /**
   * Starts the work on a later turn, so clients first see notStarted, then running. With `slots`, the job stays
   * notStarted until one is free.
   */
  start(job: JobRecord, work: (context: JobContext) => Promise<void>, options: { slots?: Slots } = {}): void {
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
      let release: (() => void) | undefined;
      try {
        controller.signal.throwIfAborted();
        release = await options.slots?.acquire(job.jobId, controller.signal);
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
      } finally {
        release?.();
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
    if (isExpired(job)) {
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
    clearInterval(this.sweeper);
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
  // A problem with the labeled data is the caller's to fix: Azure answers such requests with InvalidRequest.
  if (error instanceof TrainingDataError) return { code: 'InvalidRequest', message: error.message };
  // The engine's messages already say what failed ("Training failed: …", or the data problem as it is).
  return { code: 'InternalServerError', message: error instanceof Error ? error.message : String(error) };
}

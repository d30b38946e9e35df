// Waiting for a job by its URL and turning its state into progress and a final outcome.
import type { z } from 'zod';
import { ApiError, JobFailedError, SchemaError } from './errors';
import type { HttpPipeline, HttpResponse } from './http';
import type { PollOptions } from './poll';
import { pollUntilDone, resolvePollOptions } from './poll';
import type { JobStatus, ServiceError } from '../contract/common';
import { isTerminalStatus } from '../contract/common';

export interface JobProgress<T> {
  status: JobStatus;
  /** 0–100 when the job reports it (training, analyze tasks); undefined otherwise. */
  percentComplete: number | undefined;
  job: T;
}

export interface WaitOptions<T> {
  /** Stops watching (the job itself keeps running on the service). */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: JobProgress<T>) => void) | undefined;
}

export interface JobLike {
  jobId: string;
  status: JobStatus;
  errors?: ServiceError[] | undefined;
}

export interface WaitForJobArgs<S extends z.ZodType<JobLike>> {
  pipeline: HttpPipeline;
  poll: PollOptions;
  url: string;
  schema: S;
  operation: string;
  percentComplete?: (job: z.infer<S>) => number | undefined;
  /** Statuses that count as done without error. Default: succeeded only. */
  acceptable?: readonly JobStatus[];
}

// A job can be briefly unknown right after it is accepted (the status store lags the submit).
const notFoundRetries = 3;

async function readStatus(
  args: WaitForJobArgs<z.ZodType<JobLike>>,
  signal: AbortSignal | undefined,
): Promise<HttpResponse> {
  for (let notFound = 0; ; notFound++) {
    try {
      return await args.pipeline.send({
        method: 'GET',
        url: args.url,
        idempotent: true,
        operation: `${args.operation} status`,
        signal,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || notFound >= notFoundRetries) throw error;
      await args.pipeline.sleep(resolvePollOptions(args.poll).initialIntervalMs, signal);
    }
  }
}

/** Polls a job URL until it is terminal; throws JobFailedError unless it ended in an acceptable status. */
export async function waitForJob<S extends z.ZodType<JobLike>>(
  args: WaitForJobArgs<S>,
  options: WaitOptions<z.infer<S>> = {},
): Promise<z.infer<S>> {
  const acceptable = args.acceptable ?? ['succeeded'];
  const final = await pollUntilDone<z.infer<S>>({
    ...args.poll,
    sleep: args.pipeline.sleep,
    signal: options.signal,
    get: async (signal) => {
      const response = await readStatus(args, signal);
      const parsed = args.schema.safeParse(response.body);
      if (!parsed.success) {
        throw SchemaError.fromZod(`${args.operation} status`, parsed.error, response.requestId);
      }
      return { state: parsed.data, retryAfterMs: response.retryAfterMs };
    },
    isDone: (job) => isTerminalStatus(job.status),
    onUpdate: (job) => options.onProgress?.({ status: job.status, percentComplete: args.percentComplete?.(job), job }),
  });
  if (!acceptable.includes(final.status)) {
    throw new JobFailedError(final.jobId, final.status, final.errors ?? [], args.operation);
  }
  return final;
}

// Reads retired v1.0-preview.2 training/publish job states into the same progress terms as today's jobs.
import { SchemaError } from './errors';
import type { JobStatus, ServiceError } from '../contract/common';
import type { LegacyPublishJob, LegacyTrainingJob } from '../contract/legacy';
import { legacyPublishJobSchema, legacyTrainingJobSchema } from '../contract/legacy';

export interface LegacyJobSummary {
  jobId: string;
  status: JobStatus;
  /** Share of finished tasks, 0–100. */
  percentComplete: number;
  /** The models the job trained or published. */
  models: string[];
  /** Job errors followed by each task's error. */
  errors: ServiceError[];
}

function summarise(job: LegacyTrainingJob | LegacyPublishJob, models: string[]): LegacyJobSummary {
  const total = job.total ?? job.tasks.length;
  const finished =
    job.completed !== undefined || job.failed !== undefined
      ? (job.completed ?? 0) + (job.failed ?? 0)
      : job.tasks.filter((t) => t.status === 'succeeded' || t.status === 'failed' || t.status === 'cancelled').length;
  const taskErrors = job.tasks.flatMap((t) => (t.error ? [t.error] : []));
  return {
    jobId: job.jobId,
    status: job.status,
    percentComplete: total === 0 ? (job.status === 'succeeded' ? 100 : 0) : Math.round((finished / total) * 100),
    models,
    errors: [...job.errors, ...taskErrors],
  };
}

/** Parses a v1.0-preview.2 training or publish job body, whichever it is. */
export function summariseLegacyJob(body: unknown, operation = 'legacy job'): LegacyJobSummary {
  const training = legacyTrainingJobSchema.safeParse(body);
  if (training.success)
    return summarise(
      training.data,
      training.data.tasks.map((t) => t.trainingModelName),
    );
  const publish = legacyPublishJobSchema.safeParse(body);
  if (publish.success)
    return summarise(
      publish.data,
      publish.data.tasks.map((t) => t.modelId),
    );
  throw SchemaError.fromZod(operation, training.error);
}

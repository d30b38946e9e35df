// Authoring job states (import, export, train, deploy, swap, delete, load-snapshot).
import { z } from 'zod';
import { jobStatusSchema, normaliseLastUpdated, serviceErrorSchema, warningSchema } from './common';

const jobStateFields = {
  jobId: z.string(),
  createdDateTime: z.string(),
  lastUpdatedDateTime: z.string(),
  expirationDateTime: z.string().optional(),
  status: jobStatusSchema,
  warnings: z.array(warningSchema).optional(),
  errors: z.array(serviceErrorSchema).optional(),
};

/** The job state as the service sends it (before the client's tolerance for the runtime's field name). */
export const jobStateObjectSchema = z.object(jobStateFields);
export const jobStateSchema = z.preprocess(normaliseLastUpdated, jobStateObjectSchema);
export type JobState = z.infer<typeof jobStateSchema>;

export const exportJobStateObjectSchema = z.object({ ...jobStateFields, resultUrl: z.string().optional() });
export const exportJobStateSchema = z.preprocess(normaliseLastUpdated, exportJobStateObjectSchema);
export type ExportJobState = z.infer<typeof exportJobStateSchema>;

export const subTrainingJobStateSchema = z.object({
  percentComplete: z.number(),
  status: jobStatusSchema,
  startDateTime: z.string().optional(),
  endDateTime: z.string().optional(),
});
export type SubTrainingJobState = z.infer<typeof subTrainingJobStateSchema>;

export const trainingJobResultSchema = z.object({
  modelLabel: z.string(),
  trainingConfigVersion: z.string(),
  trainingStatus: subTrainingJobStateSchema,
  evaluationStatus: subTrainingJobStateSchema.optional(),
  estimatedEndDateTime: z.string().optional(),
});
export type TrainingJobResult = z.infer<typeof trainingJobResultSchema>;

export const trainingJobStateObjectSchema = z.object({ ...jobStateFields, result: trainingJobResultSchema });
export const trainingJobStateSchema = z.preprocess(normaliseLastUpdated, trainingJobStateObjectSchema);
export type TrainingJobState = z.infer<typeof trainingJobStateSchema>;

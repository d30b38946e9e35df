// Retired preview shapes still found in old docs and saved outputs:
// runtime v3.1-preview.ct.1 / v3.2-preview.2 analyze jobs and authoring v1.0-preview.2 training/publish jobs.
import { z } from 'zod';
import { isRecord, jobStatusSchema, serviceErrorSchema, warningSchema } from './common';
import { classPredictionSchema, documentErrorSchema, entitySchema } from './analyze';

const legacyDocumentSchema = z.object({
  id: z.string(),
  // v3.1-preview.ct.1
  classes: z.array(classPredictionSchema).optional(),
  // v3.2-preview.2 single-label / multi-label
  classification: classPredictionSchema.optional(),
  classifications: z.array(classPredictionSchema).optional(),
  entities: z.array(entitySchema).optional(),
  warnings: z.array(warningSchema).default([]),
});

/** v3.2-preview.2 calls the status `state`. */
function legacyTaskStatus(value: unknown): unknown {
  if (!isRecord(value) || value.status !== undefined || value.state === undefined) return value;
  return { ...value, status: value.state };
}

export const legacyTaskSchema = z.preprocess(
  legacyTaskStatus,
  z.object({
    name: z.string().optional(),
    taskName: z.string().optional(),
    lastUpdateDateTime: z.string().optional(),
    status: jobStatusSchema,
    results: z
      .object({
        documents: z.array(legacyDocumentSchema).default([]),
        errors: z.array(documentErrorSchema).default([]),
        projectName: z.string().optional(),
        deploymentName: z.string().optional(),
      })
      .optional(),
  }),
);
export type LegacyTask = z.infer<typeof legacyTaskSchema>;

export const legacyTaskListKeys = [
  'customClassificationTasks',
  'customSingleClassificationTasks',
  'customMultiClassificationTasks',
  'customEntityRecognitionTasks',
] as const;
export type LegacyTaskListKey = (typeof legacyTaskListKeys)[number];

export const legacyAnalyzeJobSchema = z.object({
  jobId: z.string(),
  createdDateTime: z.string().optional(),
  lastUpdateDateTime: z.string().optional(),
  expirationDateTime: z.string().optional(),
  displayName: z.string().optional(),
  status: jobStatusSchema,
  errors: z.array(serviceErrorSchema).default([]),
  nextLink: z.string().nullish(),
  tasks: z.object({
    completed: z.number().optional(),
    failed: z.number().optional(),
    inProgress: z.number().optional(),
    total: z.number().optional(),
    customClassificationTasks: z.array(legacyTaskSchema).optional(),
    customSingleClassificationTasks: z.array(legacyTaskSchema).optional(),
    customMultiClassificationTasks: z.array(legacyTaskSchema).optional(),
    customEntityRecognitionTasks: z.array(legacyTaskSchema).optional(),
  }),
});
export type LegacyAnalyzeJob = z.infer<typeof legacyAnalyzeJobSchema>;

/** True when a job body uses the retired per-kind task lists instead of `tasks.items`. */
export function isLegacyAnalyzeJob(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.tasks)) return false;
  const tasks = value.tasks;
  return tasks.items === undefined && legacyTaskListKeys.some((k) => tasks[k] !== undefined);
}

const legacySubStatusSchema = z.object({
  status: jobStatusSchema,
  lastUpdatedDateTime: z.string().optional(),
  error: serviceErrorSchema.nullish(),
});

const legacyJobFields = {
  jobId: z.string(),
  createdDateTime: z.string(),
  lastUpdatedDateTime: z.string(),
  expirationDateTime: z.string().optional(),
  status: jobStatusSchema,
  errors: z.array(serviceErrorSchema).default([]),
  inProgress: z.number().optional(),
  completed: z.number().optional(),
  failed: z.number().optional(),
  total: z.number().optional(),
};

/** Authoring v1.0-preview.2 `GET /projects/{p}/train/jobs/{id}`. */
export const legacyTrainingJobSchema = z.object({
  ...legacyJobFields,
  tasks: z.array(
    legacySubStatusSchema.extend({ trainingModelName: z.string(), evaluationStatus: legacySubStatusSchema.optional() }),
  ),
});
export type LegacyTrainingJob = z.infer<typeof legacyTrainingJobSchema>;

/** Authoring v1.0-preview.2 `GET /projects/{p}/publish/jobs/{id}`. */
export const legacyPublishJobSchema = z.object({
  ...legacyJobFields,
  tasks: z.array(legacySubStatusSchema.extend({ modelId: z.string() })),
});
export type LegacyPublishJob = z.infer<typeof legacyPublishJobSchema>;

// What the store keeps on disk: projects, trained models, deployments and jobs (validated again when loaded).
import { z } from 'zod';
import { jobStatuses, serviceErrorSchema } from '../contract/common';
import { subTrainingJobStateSchema, trainingJobResultSchema } from '../contract/job';
import { trainedModelSchema } from '../contract/model';
import { createProjectOptionsSchema } from '../contract/project';
import { PROJECT_KINDS, projectAssetsSchema } from './schemas';

// The same shape as the create/update body and a labels file's metadata.
export const projectMetadataSchema = createProjectOptionsSchema;
export type ProjectMetadata = z.infer<typeof projectMetadataSchema>;

export const projectRecordSchema = z.object({
  metadata: projectMetadataSchema,
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
  lastTrainedDateTime: z.string().optional(),
  lastDeployedDateTime: z.string().optional(),
  projectFileVersion: z.string(),
  assets: projectAssetsSchema.optional(),
});
export type ProjectRecord = z.infer<typeof projectRecordSchema>;

export const snapshotSchema = z.object({
  projectFileVersion: z.string(),
  metadata: projectMetadataSchema,
  assets: projectAssetsSchema.optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

// A trained model as the API shows it (hasSnapshot is derived when answering), plus what the service keeps.
export const modelRecordSchema = trainedModelSchema.omit({ hasSnapshot: true }).extend({
  projectName: z.string(),
  evaluationSummary: z.record(z.string(), z.unknown()),
  documentEvaluations: z.array(z.record(z.string(), z.unknown())),
  snapshot: snapshotSchema,
});
export type ModelRecord = z.infer<typeof modelRecordSchema>;

export const serializedModelSchema = z.object({ kind: z.enum(PROJECT_KINDS), format: z.string(), data: z.unknown() });

export const deploymentRecordSchema = z.object({
  projectName: z.string(),
  deploymentName: z.string(),
  trainedModelLabel: z.string(),
  modelId: z.string(),
  lastTrainedDateTime: z.string(),
  lastDeployedDateTime: z.string(),
  deploymentExpirationDate: z.string(),
  modelTrainingConfigVersion: z.string(),
});
export type DeploymentRecord = z.infer<typeof deploymentRecordSchema>;

export const JOB_STATUSES = jobStatuses;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const jobStatusSchema = z.enum(JOB_STATUSES);

export const JOB_KINDS = [
  'import',
  'export',
  'train',
  'deploy',
  'deleteDeployment',
  'swap',
  'deleteProject',
  'loadSnapshot',
  'analyze',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

// Job errors are kept exactly as the contract describes them.
const errorDetailSchema = serviceErrorSchema;

// The training result as the contract describes it; the service always fills evaluationStatus.
export const subTrainingStatusSchema = subTrainingJobStateSchema;
export type SubTrainingStatus = z.infer<typeof subTrainingStatusSchema>;

export const trainingResultSchema = trainingJobResultSchema.extend({ evaluationStatus: subTrainingJobStateSchema });
export type TrainingResult = z.infer<typeof trainingResultSchema>;

export const jobRecordSchema = z.object({
  jobId: z.string(),
  kind: z.enum(JOB_KINDS),
  /** The project (authoring) the job belongs to; absent for runtime jobs. */
  projectName: z.string().optional(),
  /** The sub-resource the job URL names: a deployment name or a model label. */
  scope: z.string().optional(),
  apiVersion: z.string(),
  createdDateTime: z.string(),
  lastUpdatedDateTime: z.string(),
  expirationDateTime: z.string(),
  status: jobStatusSchema,
  errors: z.array(errorDetailSchema),
  warnings: z.array(errorDetailSchema),
  training: trainingResultSchema.optional(),
  /** Export: the labels file produced. */
  exported: z.unknown().optional(),
  /** Analyze: display name and per-task results. */
  displayName: z.string().optional(),
  tasks: z.array(z.record(z.string(), z.unknown())).optional(),
  /** Analyze: the request's document ids in order (results are paged by them). */
  documentIds: z.array(z.string()).optional(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

// Request bodies the service accepts. The labels file, project, training and deployment bodies are the API
// client's own schemas, so client and service can never disagree on them; only service-side rules live here.
import { z } from 'zod';
import { projectKinds, stringIndexTypeSchema } from '../contract/common';
import type { ProjectKind } from '../contract/common';
import { exportedProjectAssetsSchema } from '../contract/labels';
import type { ExportedProjectAssets } from '../contract/labels';
import { createProjectOptionsSchema } from '../contract/project';

export { exportedProjectSchema } from '../contract/labels';
export { createProjectOptionsSchema, projectSettingsSchema } from '../contract/project';
export { trainingJobOptionsSchema } from '../contract/model';
export type { EvaluationOptions as EvaluationOptionsBody } from '../contract/model';
export { createDeploymentOptionsSchema, swapDeploymentsOptionsSchema } from '../contract/deployment';

export const PROJECT_KINDS = projectKinds;
export type { ProjectKind };

export const projectAssetsSchema = exportedProjectAssetsSchema;
export type ProjectAssets = ExportedProjectAssets;

/** PATCH on an existing project is a merge patch: every field optional. */
export const updateProjectSchema = createProjectOptionsSchema.partial();

export { resourceNameSchema } from './edge';

export const analyzeTaskSchema = z.object({
  kind: z.string(),
  taskName: z.string().optional(),
  parameters: z
    .object({
      projectName: z.string().min(1),
      deploymentName: z.string().min(1),
      stringIndexType: stringIndexTypeSchema.optional(),
      loggingOptOut: z.boolean().optional(),
    })
    .loose(),
});
export type AnalyzeTask = z.infer<typeof analyzeTaskSchema>;

export const analyzeBodySchema = z.object({
  displayName: z.string().optional(),
  analysisInput: z.object({
    documents: z.array(z.object({ id: z.string().min(1), text: z.string(), language: z.string().optional() })),
  }),
  tasks: z.array(analyzeTaskSchema).min(1),
});
export type AnalyzeBody = z.infer<typeof analyzeBodySchema>;

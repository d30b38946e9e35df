// Request bodies the service accepts. The labels file, project, training and deployment bodies are the API
// client's own schemas, so client and service can never disagree on them; only service-side rules live here.
import { z } from 'zod';
import { projectKinds, stringIndexTypeSchema } from '../api/schemas/common';
import type { ProjectKind } from '../api/schemas/common';
import { exportedProjectAssetsSchema } from '../api/schemas/labels';
import type { ExportedProjectAssets } from '../api/schemas/labels';
import { createProjectOptionsSchema } from '../api/schemas/project';

export { exportedProjectSchema } from '../api/schemas/labels';
export { createProjectOptionsSchema, projectSettingsSchema } from '../api/schemas/project';
export { trainingJobOptionsSchema } from '../api/schemas/model';
export type { EvaluationOptions as EvaluationOptionsBody } from '../api/schemas/model';
export { createDeploymentOptionsSchema, swapDeploymentsOptionsSchema } from '../api/schemas/deployment';

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

// Request bodies the service accepts: the contract's schemas (labels file, project, training, deployment; the
// analyze body is in contract/analyze), so client and service can never disagree; only service-side rules live here.
import { projectKinds } from '../contract/common';
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

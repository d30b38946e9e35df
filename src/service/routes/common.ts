// Helpers shared by the authoring routes: lookups with the service's 404s, 202 replies and job bodies.
import type { z } from 'zod';
import type { deploymentSchema } from '../../contract/deployment';
import type { jobStateObjectSchema } from '../../contract/job';
import type { trainedModelSchema } from '../../contract/model';
import type { projectMetadataSchema } from '../../contract/project';
import { ServiceError, notFound } from '../errors';
import type { DeploymentRecord, JobKind, JobRecord, ModelRecord, ProjectRecord } from '../records';
import type { Reply, RequestContext } from '../router';
import type { ServiceDeps } from '../context';
import { AUTHORING_BASE } from '../context';
import { hasAssignedResources } from '../../contract/versions';

export const projectPath = (name: string): string => `${AUTHORING_BASE}/projects/${encodeURIComponent(name)}`;

export function requireProject(deps: ServiceDeps, name: string): ProjectRecord {
  const project = deps.store.projects.get(name);
  if (!project)
    throw notFound('ProjectNotFound', `The project "${name}" does not exist. Create it or import a labels file first.`);
  return project;
}

export function requireModel(deps: ServiceDeps, project: string, label: string): ModelRecord {
  const model = deps.store.modelsOf(project).get(label);
  if (!model) throw notFound('NotFound', `The trained model "${label}" does not exist in project "${project}".`);
  return model;
}

export function requireDeployment(deps: ServiceDeps, project: string, name: string): DeploymentRecord {
  const deployment = deps.store.deploymentsOf(project).get(name);
  if (!deployment) throw notFound('NotFound', `The deployment "${name}" does not exist in project "${project}".`);
  return deployment;
}

/** A job of the given kind whose URL names this project (and scope); 404 otherwise. */
export function requireJob(
  deps: ServiceDeps,
  jobId: string,
  kind: JobKind,
  projectName: string | undefined,
  scope?: string,
): JobRecord {
  const job = deps.jobs.get(jobId);
  if (!job || job.kind !== kind || job.projectName !== projectName || (scope !== undefined && job.scope !== scope)) {
    throw notFound('OperationNotFound', `The job "${jobId}" was not found (jobs expire after 7 days).`);
  }
  return job;
}

/** 202 with the absolute operation-location of the job's status URL. */
export function accepted(context: RequestContext, jobPath: string): Reply {
  const location = `${context.origin}${jobPath}?api-version=${encodeURIComponent(context.apiVersion)}`;
  return { status: 202, headers: { 'operation-location': location } };
}

// Response bodies are typed against the contract's schemas (`satisfies` their input), so the compiler catches a
// field the client would not read.

/** The generic authoring JobState body. */
export function jobState(job: JobRecord) {
  return {
    jobId: job.jobId,
    createdDateTime: job.createdDateTime,
    lastUpdatedDateTime: job.lastUpdatedDateTime,
    expirationDateTime: job.expirationDateTime,
    status: job.status,
    ...(job.warnings.length > 0 ? { warnings: job.warnings } : {}),
    ...(job.errors.length > 0 ? { errors: job.errors } : {}),
  } satisfies z.input<typeof jobStateObjectSchema>;
}

export function projectBody(record: ProjectRecord) {
  return {
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime,
    ...(record.lastTrainedDateTime !== undefined ? { lastTrainedDateTime: record.lastTrainedDateTime } : {}),
    ...(record.lastDeployedDateTime !== undefined ? { lastDeployedDateTime: record.lastDeployedDateTime } : {}),
    ...record.metadata,
  } satisfies z.input<typeof projectMetadataSchema>;
}

export function modelBody(model: ModelRecord, apiVersion: string) {
  return {
    label: model.label,
    modelId: model.modelId,
    lastTrainedDateTime: model.lastTrainedDateTime,
    lastTrainingDurationInSeconds: model.lastTrainingDurationInSeconds,
    modelExpirationDate: model.modelExpirationDate,
    modelTrainingConfigVersion: model.modelTrainingConfigVersion,
    ...(apiVersion !== '2022-05-01' ? { hasSnapshot: true } : {}),
  } satisfies z.input<typeof trainedModelSchema>;
}

export function deploymentBody(deployment: DeploymentRecord, apiVersion: string) {
  return {
    // Required from 2025-05-15-preview; a local deployment is assigned to no Azure resource.
    ...(hasAssignedResources(apiVersion) ? { assignedResources: [] } : {}),
    deploymentName: deployment.deploymentName,
    modelId: deployment.modelId,
    lastTrainedDateTime: deployment.lastTrainedDateTime,
    lastDeployedDateTime: deployment.lastDeployedDateTime,
    deploymentExpirationDate: deployment.deploymentExpirationDate,
    modelTrainingConfigVersion: deployment.modelTrainingConfigVersion,
  } satisfies z.input<typeof deploymentSchema>;
}

/** Features that exist only from 2023-04-01 answer 404 under 2022-05-01, as the service does. */
export function requireApiVersion(context: RequestContext, minimum: '2023-04-01'): void {
  if (context.apiVersion < minimum) {
    throw new ServiceError(404, 'NotFound', `This operation requires api-version ${minimum} or later.`);
  }
}

export { MAX_DEPLOYMENTS, MAX_MODELS } from '../../contract/limits';

/** A new project must fit under the resource's limit (Azure: 500 projects per resource). */
export function requireRoomForProject(deps: ServiceDeps, name: string): void {
  if (deps.store.projects.has(name) || deps.store.projects.size < deps.limits.projects) return;
  throw new ServiceError(
    400,
    'QuotaExceeded',
    `This resource already has ${deps.limits.projects} projects, the limit; delete one before creating "${name}".`,
  );
}

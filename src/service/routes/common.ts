// Helpers shared by the authoring routes: lookups with the service's 404s, 202 replies and job bodies.
import { ServiceError, notFound } from '../errors';
import type { DeploymentRecord, JobKind, JobRecord, ModelRecord, ProjectRecord } from '../records';
import type { Reply, RequestContext } from '../router';
import type { ServiceDeps } from '../context';
import { AUTHORING_BASE } from '../context';

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

/** The generic authoring JobState body. */
export function jobState(job: JobRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    jobId: job.jobId,
    createdDateTime: job.createdDateTime,
    lastUpdatedDateTime: job.lastUpdatedDateTime,
    expirationDateTime: job.expirationDateTime,
    status: job.status,
  };
  if (job.warnings.length > 0) body.warnings = job.warnings;
  if (job.errors.length > 0) body.errors = job.errors;
  return body;
}

export function projectBody(record: ProjectRecord): Record<string, unknown> {
  const { metadata } = record;
  const body: Record<string, unknown> = {
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime,
  };
  if (record.lastTrainedDateTime !== undefined) body.lastTrainedDateTime = record.lastTrainedDateTime;
  if (record.lastDeployedDateTime !== undefined) body.lastDeployedDateTime = record.lastDeployedDateTime;
  return { ...body, ...metadata };
}

export function modelBody(model: ModelRecord, apiVersion: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    label: model.label,
    modelId: model.modelId,
    lastTrainedDateTime: model.lastTrainedDateTime,
    lastTrainingDurationInSeconds: model.lastTrainingDurationInSeconds,
    modelExpirationDate: model.modelExpirationDate,
    modelTrainingConfigVersion: model.modelTrainingConfigVersion,
  };
  if (apiVersion !== '2022-05-01') body.hasSnapshot = true;
  return body;
}

export function deploymentBody(deployment: DeploymentRecord): Record<string, unknown> {
  return {
    deploymentName: deployment.deploymentName,
    modelId: deployment.modelId,
    lastTrainedDateTime: deployment.lastTrainedDateTime,
    lastDeployedDateTime: deployment.lastDeployedDateTime,
    deploymentExpirationDate: deployment.deploymentExpirationDate,
    modelTrainingConfigVersion: deployment.modelTrainingConfigVersion,
  };
}

/** Features that exist only from 2023-04-01 answer 404 under 2022-05-01, as the service does. */
export function requireApiVersion(context: RequestContext, minimum: '2023-04-01'): void {
  if (context.apiVersion < minimum) {
    throw new ServiceError(404, 'NotFound', `This operation requires api-version ${minimum} or later.`);
  }
}

export const MAX_MODELS = 10;
export const MAX_DEPLOYMENTS = 10;

/** A new project must fit under the resource's limit (Azure: 500 projects per resource). */
export function requireRoomForProject(deps: ServiceDeps, name: string): void {
  if (deps.store.projects.has(name) || deps.store.projects.size < deps.limits.projects) return;
  throw new ServiceError(
    400,
    'QuotaExceeded',
    `This resource already has ${deps.limits.projects} projects, the limit; delete one before creating "${name}".`,
  );
}

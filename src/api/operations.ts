// The long-running authoring operations, each described once: the request that starts it (answered 202 with an
// operation-location), where its jobs live (to watch a job by its bare jobId) and the shape of its job state.
// AuthoringClient runs every one of them through the same submit / read job / wait code.
import type { z } from 'zod';
import { ValidationError } from './errors';
import type { HttpRequest } from './http';
import type { JobLike } from './jobs';
import { nameSegment } from './names';
import type { CreateDeploymentOptions, SwapDeploymentsOptions } from '../contract/deployment';
import { createDeploymentOptionsSchema, swapDeploymentsOptionsSchema } from '../contract/deployment';
import type { TrainingJobState } from '../contract/job';
import { exportJobStateSchema, jobStateSchema, trainingJobStateSchema } from '../contract/job';
import type { ExportedProject } from '../contract/labels';
import { exportedProjectSchema } from '../contract/labels';
import type { TrainingJobOptions } from '../contract/model';
import { trainingJobOptionsSchema } from '../contract/model';

export const projectsPath = '/language/authoring/analyze-text/projects';

export const projectPath = (projectName: string): string => `${projectsPath}/${nameSegment('project', projectName)}`;

export const deploymentPath = (projectName: string, deploymentName: string): string =>
  `${projectPath(projectName)}/deployments/${nameSegment('deployment', deploymentName)}`;

/** The request that starts an operation, without its signal (the caller's). */
export type Submit = Omit<HttpRequest, 'signal'>;

/**
 * One long-running operation. `T` is what starts it, `J` what names its jobs (a part of `T`, so a job started
 * elsewhere can be watched by its id).
 */
export interface LongRunning<T extends J, J, S extends z.ZodType<JobLike>> {
  /** Checks the input (ValidationError before anything is sent) and builds the request. */
  submit: (input: T, apiVersion: string) => Submit;
  /** The collection of its jobs: `${jobs}/${jobId}` is one job's state. */
  jobs: (at: J) => string;
  schema: S;
  /** The operation's name while waiting, in errors and the log. */
  waiting: (at: J) => string;
  percentComplete?: (job: z.infer<S>) => number | undefined;
}

const longRunning = <T extends J, J, S extends z.ZodType<JobLike>>(op: LongRunning<T, J, S>): LongRunning<T, J, S> =>
  op;

function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw ValidationError.fromZod(what, parsed.error);
  return parsed.data;
}

function requires2023(apiVersion: string, feature: string): void {
  if (apiVersion < '2023-04-01') {
    throw new ValidationError(`${feature} needs api-version 2023-04-01 or later (configured: ${apiVersion}).`);
  }
}

/** Combined progress of a training job: training counts for 90%, evaluation for the rest. */
export function trainingPercentComplete(job: TrainingJobState): number {
  const training = job.result.trainingStatus.percentComplete;
  const evaluation = job.result.evaluationStatus?.percentComplete;
  if (evaluation === undefined) return Math.round(training);
  return Math.round(training * 0.9 + evaluation * 0.1);
}

interface InProject {
  projectName: string;
}
interface InDeployment extends InProject {
  deploymentName: string;
}

export const operations = {
  deleteProject: longRunning({
    submit: ({ projectName }: InProject) => ({
      method: 'DELETE',
      url: projectPath(projectName),
      idempotent: true,
      operation: `delete project ${projectName}`,
    }),
    jobs: () => `${projectsPath}/global/deletion-jobs`,
    schema: jobStateSchema,
    waiting: ({ projectName }: InProject) => `delete project ${projectName}`,
  }),

  /** Imports a labels file (replaces a project of the same name). */
  importProject: longRunning({
    submit: ({ project }: InProject & { project: ExportedProject }) => {
      const body = parseBody(exportedProjectSchema, project, 'labels file');
      const name = body.metadata.projectName;
      return {
        method: 'POST',
        url: `${projectPath(name)}/:import`,
        body,
        idempotent: false,
        operation: `import project ${name}`,
      };
    },
    jobs: ({ projectName }: InProject) => `${projectPath(projectName)}/import/jobs`,
    schema: jobStateSchema,
    waiting: ({ projectName }: InProject) => `import project ${projectName}`,
  }),

  exportProject: longRunning({
    submit: (
      { projectName, trainedModelLabel }: InProject & { trainedModelLabel?: string | undefined },
      apiVersion,
    ) => {
      if (trainedModelLabel !== undefined) requires2023(apiVersion, 'Exporting a trained model snapshot');
      return {
        method: 'POST',
        url: `${projectPath(projectName)}/:export`,
        query: {
          stringIndexType: 'Utf16CodeUnit',
          trainedModelLabel: trainedModelLabel === undefined ? undefined : nameSegment('model', trainedModelLabel),
        },
        idempotent: false,
        operation: `export project ${projectName}`,
      };
    },
    jobs: ({ projectName }: InProject) => `${projectPath(projectName)}/export/jobs`,
    schema: exportJobStateSchema,
    waiting: ({ projectName }: InProject) => `export project ${projectName}`,
  }),

  train: longRunning({
    submit: ({ projectName, options }: InProject & { options: TrainingJobOptions }) => {
      const body = parseBody(trainingJobOptionsSchema, options, 'training options');
      nameSegment('model', body.modelLabel);
      return {
        method: 'POST',
        url: `${projectPath(projectName)}/:train`,
        body,
        idempotent: false,
        operation: `train ${projectName}/${body.modelLabel}`,
      };
    },
    jobs: ({ projectName }: InProject) => `${projectPath(projectName)}/train/jobs`,
    schema: trainingJobStateSchema,
    waiting: ({ projectName }: InProject) => `training ${projectName}`,
    percentComplete: trainingPercentComplete,
  }),

  /** Creates or replaces a deployment. */
  deploy: longRunning({
    submit: ({ projectName, deploymentName, deployment }: InDeployment & { deployment: CreateDeploymentOptions }) => {
      const body = parseBody(createDeploymentOptionsSchema, deployment, 'deployment options');
      nameSegment('model', body.trainedModelLabel);
      return {
        method: 'PUT',
        url: deploymentPath(projectName, deploymentName),
        body,
        idempotent: true,
        operation: `deploy ${body.trainedModelLabel} to ${projectName}/${deploymentName}`,
      };
    },
    jobs: ({ projectName, deploymentName }: InDeployment) => `${deploymentPath(projectName, deploymentName)}/jobs`,
    schema: jobStateSchema,
    waiting: ({ projectName, deploymentName }: InDeployment) => `deploy to ${projectName}/${deploymentName}`,
  }),

  deleteDeployment: longRunning({
    submit: ({ projectName, deploymentName }: InDeployment) => ({
      method: 'DELETE',
      url: deploymentPath(projectName, deploymentName),
      idempotent: true,
      operation: `delete deployment ${projectName}/${deploymentName}`,
    }),
    jobs: ({ projectName, deploymentName }: InDeployment) => `${deploymentPath(projectName, deploymentName)}/jobs`,
    schema: jobStateSchema,
    waiting: ({ projectName, deploymentName }: InDeployment) => `delete deployment ${projectName}/${deploymentName}`,
  }),

  swapDeployments: longRunning({
    submit: ({ projectName, swap }: InProject & { swap: SwapDeploymentsOptions }) => {
      const body = parseBody(swapDeploymentsOptionsSchema, swap, 'swap options');
      nameSegment('deployment', body.firstDeploymentName);
      nameSegment('deployment', body.secondDeploymentName);
      return {
        method: 'POST',
        url: `${projectPath(projectName)}/deployments/:swap`,
        body,
        idempotent: false,
        operation: `swap ${body.firstDeploymentName} and ${body.secondDeploymentName} in ${projectName}`,
      };
    },
    jobs: ({ projectName }: InProject) => `${projectPath(projectName)}/deployments/swap/jobs`,
    schema: jobStateSchema,
    waiting: ({ projectName }: InProject) => `swap deployments in ${projectName}`,
  }),
};

// Authoring operations: projects, import/export, training, models, evaluation, deployments.
import type { z } from 'zod';
import { SchemaError, ValidationError } from './errors';
import type { HttpPipeline, Query } from './http';
import type { WaitOptions } from './jobs';
import { waitForJob } from './jobs';
import { nameSegment } from './names';
import type { PollOptions } from './poll';
import type { AnyProjectKind, Page, ProjectKind } from '../contract/common';
import { pagedSchema } from '../contract/common';
import type { CreateDeploymentOptions, Deployment, SwapDeploymentsOptions } from '../contract/deployment';
import { createDeploymentOptionsSchema, deploymentSchema, swapDeploymentsOptionsSchema } from '../contract/deployment';
import type { DocumentEvaluationResult, EvaluationSummary } from '../contract/evaluation';
import { documentEvaluationResultSchema, evaluationSummarySchema } from '../contract/evaluation';
import type { ExportJobState, JobState, TrainingJobState } from '../contract/job';
import { exportJobStateSchema, jobStateSchema, trainingJobStateSchema } from '../contract/job';
import type { ExportedProject } from '../contract/labels';
import { exportedProjectSchema } from '../contract/labels';
import type { TrainedModel, TrainingJobOptions } from '../contract/model';
import { trainedModelSchema, trainingJobOptionsSchema } from '../contract/model';
import type {
  CreateProjectOptions,
  ProjectMetadata,
  SupportedLanguage,
  TrainingConfigVersion,
} from '../contract/project';
import {
  createProjectOptionsSchema,
  projectMetadataSchema,
  supportedLanguageSchema,
  trainingConfigVersionSchema,
} from '../contract/project';

const projectsPath = '/language/authoring/analyze-text/projects';

export interface ListOptions {
  signal?: AbortSignal | undefined;
  /** Stop after this many pages (the tree loads the rest on demand). */
  maxPages?: number | undefined;
  /** Page size hint sent as maxpagesize. */
  pageSize?: number | undefined;
  /** Continue from a nextLink an earlier page returned (a tree's "Load more"). */
  nextLink?: string | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** A job reference: the jobId, or the operation-location URL a begin… call returned. */
export type JobRef = string;

export interface CreateProjectResult {
  project: ProjectMetadata;
  /** True when the project did not exist before (201). */
  created: boolean;
}

export interface ExportOptions extends CallOptions {
  /** Export the snapshot a trained model was trained with (2023-04-01+). */
  trainedModelLabel?: string;
}

/** Combined progress of a training job: training counts for 90%, evaluation for the rest. */
export function trainingPercentComplete(job: TrainingJobState): number {
  const training = job.result.trainingStatus.percentComplete;
  const evaluation = job.result.evaluationStatus?.percentComplete;
  if (evaluation === undefined) return Math.round(training);
  return Math.round(training * 0.9 + evaluation * 0.1);
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw ValidationError.fromZod(what, parsed.error);
  return parsed.data;
}

export class AuthoringClient {
  constructor(
    protected readonly pipeline: HttpPipeline,
    protected readonly pollOptions: PollOptions = {},
  ) {}

  // ---- paging -------------------------------------------------------------------------------------

  /** Yields each page of a list endpoint, following nextLink. */
  async *pages<T extends z.ZodType>(
    path: string,
    item: T,
    operation: string,
    options: ListOptions & { query?: Query } = {},
  ): AsyncGenerator<Page<z.infer<T>>> {
    const schema = pagedSchema(item);
    let url = options.nextLink ?? path;
    let query: Query | undefined =
      options.nextLink === undefined ? { ...options.query, maxpagesize: options.pageSize } : undefined;
    let count = 0;
    const seen = new Set<string>();
    while (options.maxPages === undefined || count < options.maxPages) {
      const page: Page<z.infer<T>> = await this.pipeline.sendJson(
        { method: 'GET', url, query, idempotent: true, operation, signal: options.signal },
        schema,
      );
      count++;
      yield page;
      const next = page.nextLink ?? undefined;
      // A nextLink that repeats would loop forever.
      if (next === undefined || seen.has(next)) break;
      seen.add(next);
      url = next;
      query = undefined;
    }
  }

  private async collect<T extends z.ZodType>(
    path: string,
    item: T,
    operation: string,
    options: ListOptions & { query?: Query } = {},
  ): Promise<z.infer<T>[]> {
    const all: z.infer<T>[] = [];
    for await (const page of this.pages(path, item, operation, options)) all.push(...page.value);
    return all;
  }

  private jobUrl(ref: JobRef, pathForId: (jobId: string) => string): string {
    if (/^https?:\/\//.test(ref)) return ref;
    return pathForId(encodeURIComponent(ref));
  }

  private async wait<S extends z.ZodType<JobState | TrainingJobState | ExportJobState>>(
    url: string,
    schema: S,
    operation: string,
    options: WaitOptions<z.infer<S>>,
    percentComplete?: (job: z.infer<S>) => number | undefined,
  ): Promise<z.infer<S>> {
    return waitForJob(
      { pipeline: this.pipeline, poll: this.pollOptions, url, schema, operation, percentComplete },
      options,
    );
  }

  private requires2023(feature: string): void {
    if (this.pipeline.apiVersion < '2023-04-01') {
      throw new ValidationError(
        `${feature} needs api-version 2023-04-01 or later (configured: ${this.pipeline.apiVersion}).`,
      );
    }
  }

  // ---- projects -----------------------------------------------------------------------------------

  async *projectPages(options: ListOptions = {}): AsyncGenerator<Page<ProjectMetadata>> {
    yield* this.pages(projectsPath, projectMetadataSchema, 'list projects', options);
  }

  /** One page of projects and the link to the next, for on-demand loading. */
  async listProjectsPage(options: Omit<ListOptions, 'maxPages'> = {}): Promise<Page<ProjectMetadata>> {
    for await (const page of this.projectPages({ ...options, maxPages: 1 })) return page;
    return { value: [], nextLink: null };
  }

  async listProjects(options: ListOptions = {}): Promise<ProjectMetadata[]> {
    return await this.collect(projectsPath, projectMetadataSchema, 'list projects', options);
  }

  async getProject(projectName: string, options: CallOptions = {}): Promise<ProjectMetadata> {
    return await this.pipeline.sendJson(
      {
        method: 'GET',
        url: `${projectsPath}/${nameSegment('project', projectName)}`,
        idempotent: true,
        operation: `get project ${projectName}`,
        signal: options.signal,
      },
      projectMetadataSchema,
    );
  }

  /** Creates the project, or updates it when it exists (merge patch). */
  async createOrUpdateProject(
    projectOptions: CreateProjectOptions,
    options: CallOptions = {},
  ): Promise<CreateProjectResult> {
    const body = parseBody(createProjectOptionsSchema, projectOptions, 'project options');
    const operation = `create or update project ${body.projectName}`;
    const response = await this.pipeline.send({
      method: 'PATCH',
      url: `${projectsPath}/${nameSegment('project', body.projectName)}`,
      body,
      contentType: 'application/merge-patch+json',
      idempotent: true,
      operation,
      signal: options.signal,
    });
    const parsed = projectMetadataSchema.safeParse(response.body);
    if (!parsed.success) {
      throw SchemaError.fromZod(operation, parsed.error, response.requestId);
    }
    return { project: parsed.data, created: response.status === 201 };
  }

  /** Starts deleting a project; returns the deletion job URL. */
  async beginDeleteProject(projectName: string, options: CallOptions = {}): Promise<string> {
    return await this.pipeline.sendAccepted({
      method: 'DELETE',
      url: `${projectsPath}/${nameSegment('project', projectName)}`,
      idempotent: true,
      operation: `delete project ${projectName}`,
      signal: options.signal,
    });
  }

  async getProjectDeletionJob(job: JobRef, options: CallOptions = {}): Promise<JobState> {
    return await this.getJob(
      this.jobUrl(job, (id) => `${projectsPath}/global/deletion-jobs/${id}`),
      jobStateSchema,
      'project deletion',
      options,
    );
  }

  async deleteProjectAndWait(projectName: string, options: WaitOptions<JobState> = {}): Promise<JobState> {
    const url = await this.beginDeleteProject(projectName, options);
    return await this.wait(url, jobStateSchema, `delete project ${projectName}`, options);
  }

  // ---- import / export ----------------------------------------------------------------------------

  /** Starts importing a labels file (replaces a project of the same name); returns the job URL. */
  async beginImportProject(project: ExportedProject, options: CallOptions = {}): Promise<string> {
    const body = parseBody(exportedProjectSchema, project, 'labels file');
    const name = body.metadata.projectName;
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectsPath}/${nameSegment('project', name)}/:import`,
      body,
      idempotent: false,
      operation: `import project ${name}`,
      signal: options.signal,
    });
  }

  async getImportJob(projectName: string, job: JobRef, options: CallOptions = {}): Promise<JobState> {
    const url = this.jobUrl(job, (id) => `${projectsPath}/${nameSegment('project', projectName)}/import/jobs/${id}`);
    return await this.getJob(url, jobStateSchema, `import project ${projectName}`, options);
  }

  async importProjectAndWait(project: ExportedProject, options: WaitOptions<JobState> = {}): Promise<JobState> {
    const url = await this.beginImportProject(project, options);
    return await this.wait(url, jobStateSchema, `import project ${project.metadata.projectName}`, options);
  }

  /** Starts an export; returns the job URL. */
  async beginExportProject(projectName: string, options: ExportOptions = {}): Promise<string> {
    if (options.trainedModelLabel !== undefined) this.requires2023('Exporting a trained model snapshot');
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectsPath}/${nameSegment('project', projectName)}/:export`,
      query: {
        stringIndexType: 'Utf16CodeUnit',
        trainedModelLabel:
          options.trainedModelLabel === undefined ? undefined : nameSegment('model', options.trainedModelLabel),
      },
      idempotent: false,
      operation: `export project ${projectName}`,
      signal: options.signal,
    });
  }

  async getExportJob(projectName: string, job: JobRef, options: CallOptions = {}): Promise<ExportJobState> {
    const url = this.jobUrl(job, (id) => `${projectsPath}/${nameSegment('project', projectName)}/export/jobs/${id}`);
    return await this.getJob(url, exportJobStateSchema, `export project ${projectName}`, options);
  }

  /** Downloads the labels file an export job produced. */
  async getExportResult(resultUrl: string, options: CallOptions = {}): Promise<ExportedProject> {
    return await this.pipeline.sendJson(
      { method: 'GET', url: resultUrl, idempotent: true, operation: 'download export result', signal: options.signal },
      exportedProjectSchema,
    );
  }

  /** Exports and downloads the labels file. */
  async exportProjectAndWait(
    projectName: string,
    options: ExportOptions & WaitOptions<ExportJobState> = {},
  ): Promise<ExportedProject> {
    const url = await this.beginExportProject(projectName, options);
    const job = await this.wait(url, exportJobStateSchema, `export project ${projectName}`, options);
    if (job.resultUrl === undefined) {
      throw new SchemaError(`export project ${projectName}`, [
        { path: 'resultUrl', message: 'missing from the finished job' },
      ]);
    }
    return await this.getExportResult(job.resultUrl, options);
  }

  // ---- training -----------------------------------------------------------------------------------

  /** Starts training; returns the training job URL. */
  async beginTrain(
    projectName: string,
    trainingOptions: TrainingJobOptions,
    options: CallOptions = {},
  ): Promise<string> {
    const body = parseBody(trainingJobOptionsSchema, trainingOptions, 'training options');
    nameSegment('model', body.modelLabel);
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectsPath}/${nameSegment('project', projectName)}/:train`,
      body,
      idempotent: false,
      operation: `train ${projectName}/${body.modelLabel}`,
      signal: options.signal,
    });
  }

  async getTrainingJob(projectName: string, job: JobRef, options: CallOptions = {}): Promise<TrainingJobState> {
    const url = this.jobUrl(job, (id) => `${projectsPath}/${nameSegment('project', projectName)}/train/jobs/${id}`);
    return await this.getJob(url, trainingJobStateSchema, `training ${projectName}`, options);
  }

  async listTrainingJobs(projectName: string, options: ListOptions = {}): Promise<TrainingJobState[]> {
    return await this.collect(
      `${projectsPath}/${nameSegment('project', projectName)}/train/jobs`,
      trainingJobStateSchema,
      `list training jobs of ${projectName}`,
      options,
    );
  }

  /** Asks the service to cancel a training job; returns the job URL to watch. */
  async cancelTrainingJob(projectName: string, jobId: string, options: CallOptions = {}): Promise<string> {
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectsPath}/${nameSegment('project', projectName)}/train/jobs/${encodeURIComponent(jobId)}/:cancel`,
      // Cancelling twice has the same outcome.
      idempotent: true,
      operation: `cancel training job ${jobId}`,
      signal: options.signal,
    });
  }

  /** Waits for a training job started earlier (by URL or jobId). */
  async waitForTraining(
    projectName: string,
    job: JobRef,
    options: WaitOptions<TrainingJobState> = {},
  ): Promise<TrainingJobState> {
    const url = this.jobUrl(job, (id) => `${projectsPath}/${nameSegment('project', projectName)}/train/jobs/${id}`);
    return await this.wait(url, trainingJobStateSchema, `training ${projectName}`, options, trainingPercentComplete);
  }

  async trainAndWait(
    projectName: string,
    trainingOptions: TrainingJobOptions,
    options: WaitOptions<TrainingJobState> = {},
  ): Promise<TrainingJobState> {
    const url = await this.beginTrain(projectName, trainingOptions, options);
    return await this.waitForTraining(projectName, url, options);
  }

  // ---- models -------------------------------------------------------------------------------------

  private modelPath(projectName: string, modelLabel: string): string {
    return `${projectsPath}/${nameSegment('project', projectName)}/models/${nameSegment('model', modelLabel)}`;
  }

  async listModels(projectName: string, options: ListOptions = {}): Promise<TrainedModel[]> {
    return await this.collect(
      `${projectsPath}/${nameSegment('project', projectName)}/models`,
      trainedModelSchema,
      `list models of ${projectName}`,
      options,
    );
  }

  async getModel(projectName: string, modelLabel: string, options: CallOptions = {}): Promise<TrainedModel> {
    return await this.pipeline.sendJson(
      {
        method: 'GET',
        url: this.modelPath(projectName, modelLabel),
        idempotent: true,
        operation: `get model ${projectName}/${modelLabel}`,
        signal: options.signal,
      },
      trainedModelSchema,
    );
  }

  /** Deletes a trained model (synchronous, 204). */
  async deleteModel(projectName: string, modelLabel: string, options: CallOptions = {}): Promise<void> {
    await this.pipeline.send({
      method: 'DELETE',
      url: this.modelPath(projectName, modelLabel),
      idempotent: true,
      operation: `delete model ${projectName}/${modelLabel}`,
      signal: options.signal,
    });
  }

  async getEvaluationSummary(
    projectName: string,
    modelLabel: string,
    options: CallOptions = {},
  ): Promise<EvaluationSummary> {
    return await this.pipeline.sendJson(
      {
        method: 'GET',
        url: `${this.modelPath(projectName, modelLabel)}/evaluation/summary-result`,
        idempotent: true,
        operation: `get evaluation summary of ${projectName}/${modelLabel}`,
        signal: options.signal,
      },
      evaluationSummarySchema,
    );
  }

  async *evaluationResultPages(
    projectName: string,
    modelLabel: string,
    options: ListOptions = {},
  ): AsyncGenerator<Page<DocumentEvaluationResult>> {
    yield* this.pages(
      `${this.modelPath(projectName, modelLabel)}/evaluation/result`,
      documentEvaluationResultSchema,
      `get evaluation results of ${projectName}/${modelLabel}`,
      { ...options, query: { stringIndexType: 'Utf16CodeUnit' } },
    );
  }

  /** Per-document evaluation results, all pages. */
  async listEvaluationResults(
    projectName: string,
    modelLabel: string,
    options: ListOptions = {},
  ): Promise<DocumentEvaluationResult[]> {
    const all: DocumentEvaluationResult[] = [];
    for await (const page of this.evaluationResultPages(projectName, modelLabel, options)) all.push(...page.value);
    return all;
  }

  /** Restores the project assets the model was trained with (2023-04-01+); returns the job URL. */
  async beginLoadSnapshot(projectName: string, modelLabel: string, options: CallOptions = {}): Promise<string> {
    this.requires2023('Loading a model snapshot');
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${this.modelPath(projectName, modelLabel)}/:load-snapshot`,
      idempotent: false,
      operation: `load snapshot of ${projectName}/${modelLabel}`,
      signal: options.signal,
    });
  }

  async getLoadSnapshotJob(
    projectName: string,
    modelLabel: string,
    job: JobRef,
    options: CallOptions = {},
  ): Promise<JobState> {
    const url = this.jobUrl(job, (id) => `${this.modelPath(projectName, modelLabel)}/load-snapshot/jobs/${id}`);
    return await this.getJob(url, jobStateSchema, `load snapshot of ${projectName}/${modelLabel}`, options);
  }

  async loadSnapshotAndWait(
    projectName: string,
    modelLabel: string,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    const url = await this.beginLoadSnapshot(projectName, modelLabel, options);
    return await this.wait(url, jobStateSchema, `load snapshot of ${projectName}/${modelLabel}`, options);
  }

  // ---- deployments --------------------------------------------------------------------------------

  private deploymentPath(projectName: string, deploymentName: string): string {
    return `${projectsPath}/${nameSegment('project', projectName)}/deployments/${nameSegment('deployment', deploymentName)}`;
  }

  async listDeployments(projectName: string, options: ListOptions = {}): Promise<Deployment[]> {
    return await this.collect(
      `${projectsPath}/${nameSegment('project', projectName)}/deployments`,
      deploymentSchema,
      `list deployments of ${projectName}`,
      options,
    );
  }

  async getDeployment(projectName: string, deploymentName: string, options: CallOptions = {}): Promise<Deployment> {
    return await this.pipeline.sendJson(
      {
        method: 'GET',
        url: this.deploymentPath(projectName, deploymentName),
        idempotent: true,
        operation: `get deployment ${projectName}/${deploymentName}`,
        signal: options.signal,
      },
      deploymentSchema,
    );
  }

  /** Creates or replaces a deployment; returns the job URL. */
  async beginDeploy(
    projectName: string,
    deploymentName: string,
    deployment: CreateDeploymentOptions,
    options: CallOptions = {},
  ): Promise<string> {
    const body = parseBody(createDeploymentOptionsSchema, deployment, 'deployment options');
    nameSegment('model', body.trainedModelLabel);
    return await this.pipeline.sendAccepted({
      method: 'PUT',
      url: this.deploymentPath(projectName, deploymentName),
      body,
      idempotent: true,
      operation: `deploy ${body.trainedModelLabel} to ${projectName}/${deploymentName}`,
      signal: options.signal,
    });
  }

  async getDeploymentJob(
    projectName: string,
    deploymentName: string,
    job: JobRef,
    options: CallOptions = {},
  ): Promise<JobState> {
    const url = this.jobUrl(job, (id) => `${this.deploymentPath(projectName, deploymentName)}/jobs/${id}`);
    return await this.getJob(url, jobStateSchema, `deployment ${projectName}/${deploymentName}`, options);
  }

  async deployAndWait(
    projectName: string,
    deploymentName: string,
    deployment: CreateDeploymentOptions,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    const url = await this.beginDeploy(projectName, deploymentName, deployment, options);
    return await this.wait(url, jobStateSchema, `deploy to ${projectName}/${deploymentName}`, options);
  }

  async beginDeleteDeployment(projectName: string, deploymentName: string, options: CallOptions = {}): Promise<string> {
    return await this.pipeline.sendAccepted({
      method: 'DELETE',
      url: this.deploymentPath(projectName, deploymentName),
      idempotent: true,
      operation: `delete deployment ${projectName}/${deploymentName}`,
      signal: options.signal,
    });
  }

  async deleteDeploymentAndWait(
    projectName: string,
    deploymentName: string,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    const url = await this.beginDeleteDeployment(projectName, deploymentName, options);
    return await this.wait(url, jobStateSchema, `delete deployment ${projectName}/${deploymentName}`, options);
  }

  async beginSwapDeployments(
    projectName: string,
    swap: SwapDeploymentsOptions,
    options: CallOptions = {},
  ): Promise<string> {
    const body = parseBody(swapDeploymentsOptionsSchema, swap, 'swap options');
    nameSegment('deployment', body.firstDeploymentName);
    nameSegment('deployment', body.secondDeploymentName);
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectsPath}/${nameSegment('project', projectName)}/deployments/:swap`,
      body,
      idempotent: false,
      operation: `swap ${body.firstDeploymentName} and ${body.secondDeploymentName} in ${projectName}`,
      signal: options.signal,
    });
  }

  async getSwapJob(projectName: string, job: JobRef, options: CallOptions = {}): Promise<JobState> {
    const url = this.jobUrl(
      job,
      (id) => `${projectsPath}/${nameSegment('project', projectName)}/deployments/swap/jobs/${id}`,
    );
    return await this.getJob(url, jobStateSchema, `swap deployments in ${projectName}`, options);
  }

  async swapDeploymentsAndWait(
    projectName: string,
    swap: SwapDeploymentsOptions,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    const url = await this.beginSwapDeployments(projectName, swap, options);
    return await this.wait(url, jobStateSchema, `swap deployments in ${projectName}`, options);
  }

  // ---- global -------------------------------------------------------------------------------------

  async listTrainingConfigVersions(
    options: ListOptions & { projectKind?: ProjectKind } = {},
  ): Promise<TrainingConfigVersion[]> {
    // Required before 2023-04-01, where it defaulted to single-label; always sending it works everywhere.
    return await this.collect(
      `${projectsPath}/global/training-config-versions`,
      trainingConfigVersionSchema,
      'list training config versions',
      {
        ...options,
        query: { projectKind: options.projectKind ?? 'CustomSingleLabelClassification' },
      },
    );
  }

  async listSupportedLanguages(
    options: ListOptions & { projectKind?: AnyProjectKind } = {},
  ): Promise<SupportedLanguage[]> {
    const projectKind = this.pipeline.apiVersion >= '2023-04-01' ? options.projectKind : undefined;
    return await this.collect(`${projectsPath}/global/languages`, supportedLanguageSchema, 'list supported languages', {
      ...options,
      query: { projectKind },
    });
  }

  // ---- jobs ---------------------------------------------------------------------------------------

  private async getJob<S extends z.ZodType>(
    url: string,
    schema: S,
    operation: string,
    options: CallOptions,
  ): Promise<z.infer<S>> {
    return await this.pipeline.sendJson(
      { method: 'GET', url, idempotent: true, operation: `${operation} status`, signal: options.signal },
      schema,
    );
  }
}

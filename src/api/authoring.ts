// Authoring operations: projects, import/export, training, models, evaluation, deployments.
import type { z } from 'zod';
import { SchemaError } from './errors';
import type { HttpPipeline, Query } from './http';
import type { JobLike, WaitOptions } from './jobs';
import { waitForJob } from './jobs';
import { nameSegment } from './names';
import type { LongRunning } from './operations';
import { operations, projectPath, projectsPath } from './operations';
import type { PollOptions } from './poll';
import type { Page } from '../contract/common';
import { pagedSchema } from '../contract/common';
import type { CreateDeploymentOptions, Deployment, SwapDeploymentsOptions } from '../contract/deployment';
import { deploymentSchema } from '../contract/deployment';
import type { DocumentEvaluationResult, EvaluationSummary } from '../contract/evaluation';
import { documentEvaluationResultSchema, evaluationSummarySchema } from '../contract/evaluation';
import type { ExportJobState, JobState, TrainingJobState } from '../contract/job';
import { trainingJobStateSchema } from '../contract/job';
import type { ExportedProject } from '../contract/labels';
import { exportedProjectSchema } from '../contract/labels';
import type { TrainedModel, TrainingJobOptions } from '../contract/model';
import { trainedModelSchema } from '../contract/model';
import type { ProjectMetadata } from '../contract/project';
import { projectMetadataSchema } from '../contract/project';

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

export interface ExportOptions extends CallOptions {
  /** Export the snapshot a trained model was trained with (2023-04-01+). */
  trainedModelLabel?: string;
}

export class AuthoringClient {
  constructor(
    protected readonly pipeline: HttpPipeline,
    protected readonly pollOptions: PollOptions = {},
  ) {}

  // ---- long-running operations: submit, then wait for the job --------------------------------------

  private async begin<T extends J, J, S extends z.ZodType<JobLike>>(
    op: LongRunning<T, J, S>,
    input: T,
    options: CallOptions,
  ): Promise<string> {
    return await this.pipeline.sendAccepted({ ...op.submit(input, this.pipeline.apiVersion), signal: options.signal });
  }

  /** Waits for a job of `op`, by the URL its submit returned or by its jobId. */
  private async wait<T extends J, J, S extends z.ZodType<JobLike>>(
    op: LongRunning<T, J, S>,
    at: J,
    job: JobRef,
    options: WaitOptions<z.infer<S>>,
  ): Promise<z.infer<S>> {
    const url = /^https?:\/\//.test(job) ? job : `${op.jobs(at)}/${encodeURIComponent(job)}`;
    const { schema, percentComplete } = op;
    return await waitForJob(
      { pipeline: this.pipeline, poll: this.pollOptions, url, schema, operation: op.waiting(at), percentComplete },
      options,
    );
  }

  private async run<T extends J, J, S extends z.ZodType<JobLike>>(
    op: LongRunning<T, J, S>,
    input: T,
    options: WaitOptions<z.infer<S>>,
  ): Promise<z.infer<S>> {
    return await this.wait(op, input, await this.begin(op, input, options), options);
  }

  // ---- paging -------------------------------------------------------------------------------------

  /** Yields each page of a list endpoint, following nextLink. */
  private async *pages<T extends z.ZodType>(
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

  private async get<S extends z.ZodType>(url: string, schema: S, operation: string, options: CallOptions) {
    return await this.pipeline.sendJson(
      { method: 'GET', url, idempotent: true, operation, signal: options.signal },
      schema,
    );
  }

  // ---- projects -----------------------------------------------------------------------------------

  /** One page of projects and the link to the next, for on-demand loading. */
  async listProjectsPage(options: Omit<ListOptions, 'maxPages'> = {}): Promise<Page<ProjectMetadata>> {
    for await (const page of this.pages(projectsPath, projectMetadataSchema, 'list projects', {
      ...options,
      maxPages: 1,
    }))
      return page;
    return { value: [], nextLink: null };
  }

  async listProjects(options: ListOptions = {}): Promise<ProjectMetadata[]> {
    return await this.collect(projectsPath, projectMetadataSchema, 'list projects', options);
  }

  async getProject(projectName: string, options: CallOptions = {}): Promise<ProjectMetadata> {
    return await this.get(projectPath(projectName), projectMetadataSchema, `get project ${projectName}`, options);
  }

  async deleteProjectAndWait(projectName: string, options: WaitOptions<JobState> = {}): Promise<JobState> {
    return await this.run(operations.deleteProject, { projectName }, options);
  }

  // ---- import / export ----------------------------------------------------------------------------

  /** Imports a labels file (replaces a project of the same name). */
  async importProjectAndWait(project: ExportedProject, options: WaitOptions<JobState> = {}): Promise<JobState> {
    return await this.run(operations.importProject, { project, projectName: project.metadata.projectName }, options);
  }

  /** Exports and downloads the labels file. */
  async exportProjectAndWait(
    projectName: string,
    options: ExportOptions & WaitOptions<ExportJobState> = {},
  ): Promise<ExportedProject> {
    const { trainedModelLabel } = options;
    const job = await this.run(operations.exportProject, { projectName, trainedModelLabel }, options);
    if (job.resultUrl === undefined) {
      throw new SchemaError(`export project ${projectName}`, [
        { path: 'resultUrl', message: 'missing from the finished job' },
      ]);
    }
    return await this.get(job.resultUrl, exportedProjectSchema, 'download export result', options);
  }

  // ---- training -----------------------------------------------------------------------------------

  /** Starts training; returns the training job URL. */
  async beginTrain(projectName: string, options: TrainingJobOptions, call: CallOptions = {}): Promise<string> {
    return await this.begin(operations.train, { projectName, options }, call);
  }

  /** Waits for a training job started earlier (by URL or jobId). */
  async waitForTraining(
    projectName: string,
    job: JobRef,
    options: WaitOptions<TrainingJobState> = {},
  ): Promise<TrainingJobState> {
    return await this.wait(operations.train, { projectName }, job, options);
  }

  async trainAndWait(
    projectName: string,
    trainingOptions: TrainingJobOptions,
    options: WaitOptions<TrainingJobState> = {},
  ): Promise<TrainingJobState> {
    return await this.run(operations.train, { projectName, options: trainingOptions }, options);
  }

  async listTrainingJobs(projectName: string, options: ListOptions = {}): Promise<TrainingJobState[]> {
    return await this.collect(
      `${projectPath(projectName)}/train/jobs`,
      trainingJobStateSchema,
      `list training jobs of ${projectName}`,
      options,
    );
  }

  /** Asks the service to cancel a training job; returns the job URL to watch. */
  async cancelTrainingJob(projectName: string, jobId: string, options: CallOptions = {}): Promise<string> {
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: `${projectPath(projectName)}/train/jobs/${encodeURIComponent(jobId)}/:cancel`,
      // Cancelling twice has the same outcome.
      idempotent: true,
      operation: `cancel training job ${jobId}`,
      signal: options.signal,
    });
  }

  // ---- models -------------------------------------------------------------------------------------

  private modelPath(projectName: string, modelLabel: string): string {
    return `${projectPath(projectName)}/models/${nameSegment('model', modelLabel)}`;
  }

  async listModels(projectName: string, options: ListOptions = {}): Promise<TrainedModel[]> {
    return await this.collect(
      `${projectPath(projectName)}/models`,
      trainedModelSchema,
      `list models of ${projectName}`,
      options,
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
    return await this.get(
      `${this.modelPath(projectName, modelLabel)}/evaluation/summary-result`,
      evaluationSummarySchema,
      `get evaluation summary of ${projectName}/${modelLabel}`,
      options,
    );
  }

  /** Per-document evaluation results, all pages. */
  async listEvaluationResults(
    projectName: string,
    modelLabel: string,
    options: ListOptions = {},
  ): Promise<DocumentEvaluationResult[]> {
    return await this.collect(
      `${this.modelPath(projectName, modelLabel)}/evaluation/result`,
      documentEvaluationResultSchema,
      `get evaluation results of ${projectName}/${modelLabel}`,
      { ...options, query: { stringIndexType: 'Utf16CodeUnit' } },
    );
  }

  // ---- deployments --------------------------------------------------------------------------------

  async listDeployments(projectName: string, options: ListOptions = {}): Promise<Deployment[]> {
    return await this.collect(
      `${projectPath(projectName)}/deployments`,
      deploymentSchema,
      `list deployments of ${projectName}`,
      options,
    );
  }

  /** Creates or replaces a deployment and waits for it. */
  async deployAndWait(
    projectName: string,
    deploymentName: string,
    deployment: CreateDeploymentOptions,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    return await this.run(operations.deploy, { projectName, deploymentName, deployment }, options);
  }

  async deleteDeploymentAndWait(
    projectName: string,
    deploymentName: string,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    return await this.run(operations.deleteDeployment, { projectName, deploymentName }, options);
  }

  async swapDeploymentsAndWait(
    projectName: string,
    swap: SwapDeploymentsOptions,
    options: WaitOptions<JobState> = {},
  ): Promise<JobState> {
    return await this.run(operations.swapDeployments, { projectName, swap }, options);
  }
}

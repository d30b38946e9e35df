// Runtime operations: submit analyze-text jobs with custom tasks, poll, read every result page, cancel.
import { setMaxListeners } from 'node:events';
import type { Batch, BatchLimits } from './batching';
import { planBatches, runtimeLimits } from './batching';
import { ValidationError } from './errors';
import type { HttpPipeline } from './http';
import type { WaitOptions } from './jobs';
import { waitForJob } from './jobs';
import { validateName } from './names';
import type { PollOptions } from './poll';
import { mergeResultPages, normalizeAnalyzeJob, normalizeJobState } from './results';
import type {
  AnalyzeDocument,
  AnalyzeTask,
  AnalyzeTextJobState,
  AnalyzeTextJobsInput,
  CustomTaskKind,
} from '../contract/analyze';
import { analyzeTextJobStateSchema, analyzeTextJobsInputSchema } from '../contract/analyze';
import type { JobStatus } from '../contract/common';
import type { AnalyzeResult, DocumentResult, TaskResult } from './schemas/normalized';

const jobsPath = '/language/analyze-text/jobs';

/** A deployed custom model to run. */
export interface CustomTaskTarget {
  kind: CustomTaskKind;
  projectName: string;
  deploymentName: string;
  taskName?: string;
  loggingOptOut?: boolean;
}

export interface BuildJobOptions {
  displayName?: string | undefined;
  /** Default language for documents that do not set one. */
  language?: string | undefined;
}

/** Builds the task list; entity tasks always ask for UTF-16 offsets so they are JS string indices. */
export function buildTasks(targets: readonly CustomTaskTarget[]): AnalyzeTask[] {
  return targets.map((t) => {
    validateName('project', t.projectName);
    validateName('deployment', t.deploymentName);
    const parameters = {
      projectName: t.projectName,
      deploymentName: t.deploymentName,
      ...(t.loggingOptOut !== undefined ? { loggingOptOut: t.loggingOptOut } : {}),
    };
    const taskName = t.taskName !== undefined ? { taskName: t.taskName } : {};
    if (t.kind === 'CustomEntityRecognition') {
      return { kind: t.kind, ...taskName, parameters: { ...parameters, stringIndexType: 'Utf16CodeUnit' as const } };
    }
    return { kind: t.kind, ...taskName, parameters };
  });
}

/** The POST body for one request (the caller keeps it within the limits). */
export function buildJobInput(
  documents: readonly AnalyzeDocument[],
  tasks: readonly AnalyzeTask[],
  options: BuildJobOptions = {},
): AnalyzeTextJobsInput {
  const language = options.language;
  return {
    ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
    analysisInput: {
      documents: documents.map((d) =>
        d.language !== undefined || language === undefined ? d : { id: d.id, text: d.text, language },
      ),
    },
    tasks: [...tasks],
  };
}

export interface AnalyzeProgress {
  completedDocuments: number;
  totalDocuments: number;
  percentComplete: number;
  completedJobs: number;
  totalJobs: number;
}

export interface AnalyzeOptions extends BuildJobOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: AnalyzeProgress) => void) | undefined;
  /** Jobs in flight at once. Default 4. */
  concurrency?: number | undefined;
  limits?: BatchLimits | undefined;
}

export function analyzeJobPercentComplete(job: AnalyzeTextJobState): number {
  const { completed, failed, total } = job.tasks;
  return total === 0 ? 0 : Math.round(((completed + failed) / total) * 100);
}

export class RuntimeClient {
  constructor(
    private readonly pipeline: HttpPipeline,
    private readonly pollOptions: PollOptions = {},
  ) {}

  private jobUrl(job: string): string {
    return /^https?:\/\//.test(job) ? job : `${jobsPath}/${encodeURIComponent(job)}`;
  }

  /** Submits one request (≤ 25 documents, ≤ 125,000 characters); returns the job URL. */
  async beginAnalyze(
    documents: readonly AnalyzeDocument[],
    targets: readonly CustomTaskTarget[],
    options: BuildJobOptions & { signal?: AbortSignal | undefined; limits?: BatchLimits | undefined } = {},
  ): Promise<string> {
    const batches = planBatches(documents, options.limits ?? runtimeLimits);
    if (batches.length !== 1) {
      throw new ValidationError(
        documents.length === 0
          ? 'There are no documents to analyze.'
          : `${documents.length} documents do not fit in one request; use analyze() to split them.`,
      );
    }
    return await this.submit(buildJobInput(documents, buildTasks(targets), options), options.signal);
  }

  private async submit(input: AnalyzeTextJobsInput, signal?: AbortSignal): Promise<string> {
    const parsed = analyzeTextJobsInputSchema.safeParse(input);
    if (!parsed.success) throw ValidationError.fromZod('analyze request', parsed.error);
    return await this.pipeline.sendAccepted({
      method: 'POST',
      url: jobsPath,
      body: parsed.data,
      idempotent: false,
      operation: 'submit analyze job',
      signal,
    });
  }

  /** Waits for a job; partially completed jobs return with their errors, failed ones throw JobFailedError. */
  async waitForAnalyzeJob(job: string, options: WaitOptions<AnalyzeTextJobState> = {}): Promise<AnalyzeResult> {
    const final = await waitForJob(
      {
        pipeline: this.pipeline,
        poll: this.pollOptions,
        url: this.jobUrl(job),
        schema: analyzeTextJobStateSchema,
        operation: 'analyze',
        percentComplete: analyzeJobPercentComplete,
        acceptable: ['succeeded', 'partiallyCompleted'],
      },
      options,
    );
    return await this.readRemainingPages(normalizeJobState(final), final.nextLink ?? undefined, options.signal);
  }

  private async readRemainingPages(
    first: AnalyzeResult,
    nextLink: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<AnalyzeResult> {
    let result = first;
    const seen = new Set<string>();
    for (let link = nextLink; link !== undefined && !seen.has(link);) {
      seen.add(link);
      const response = await this.pipeline.send({
        method: 'GET',
        url: link,
        idempotent: true,
        operation: 'analyze job results page',
        signal,
      });
      result = mergeResultPages(result, normalizeAnalyzeJob(response.body, 'analyze job results page'));
      link = nextLinkOf(response.body);
    }
    return result;
  }

  /**
   * Runs custom tasks over any number of documents: splits them into requests within the limits, runs a few jobs
   * at once, and returns one result whose documents follow the input order.
   */
  async analyze(
    documents: readonly AnalyzeDocument[],
    targets: readonly CustomTaskTarget[],
    options: AnalyzeOptions = {},
  ): Promise<AnalyzeResult> {
    if (documents.length === 0) throw new ValidationError('There are no documents to analyze.');
    if (targets.length === 0) throw new ValidationError('Choose at least one deployed model to run.');
    const tasks = buildTasks(targets);
    const batches = planBatches(documents, options.limits ?? runtimeLimits);
    const results: AnalyzeResult[] = new Array<AnalyzeResult>(batches.length);
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, batches.length));
    // Every request in flight listens on this signal.
    setMaxListeners(concurrency * 4 + 10, signal);
    let next = 0;
    let completedDocuments = 0;
    let completedJobs = 0;
    const runBatch = async (batch: Batch): Promise<AnalyzeResult> => {
      const url = await this.submit(buildJobInput(batch.documents, tasks, options), signal);
      return await this.waitForAnalyzeJob(url, { signal });
    };
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const index = next++;
        const batch = batches[index];
        if (!batch) return;
        results[index] = await runBatch(batch);
        completedDocuments += batch.documents.length;
        completedJobs++;
        options.onProgress?.({
          completedDocuments,
          totalDocuments: documents.length,
          percentComplete: Math.round((completedDocuments / documents.length) * 100),
          completedJobs,
          totalJobs: batches.length,
        });
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } catch (error) {
      stop.abort();
      throw error;
    }
    return combineResults(documents, tasks, results);
  }
}

function nextLinkOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const link = (body as { nextLink?: unknown }).nextLink;
  return typeof link === 'string' ? link : undefined;
}

function worstStatus(statuses: readonly JobStatus[]): JobStatus {
  if (statuses.every((s) => s === 'succeeded')) return 'succeeded';
  if (statuses.every((s) => s === 'failed')) return 'failed';
  return 'partiallyCompleted';
}

/** Joins per-request results into one, per task, in input order; documents with no result get an error. */
export function combineResults(
  documents: readonly AnalyzeDocument[],
  tasks: readonly AnalyzeTask[],
  results: readonly AnalyzeResult[],
): AnalyzeResult {
  const combinedTasks: TaskResult[] = tasks.map((task, taskIndex) => {
    const byId = new Map<string, DocumentResult>();
    const statuses: JobStatus[] = [];
    let projectName: string | undefined;
    let deploymentName: string | undefined;
    for (const result of results) {
      const part = result.tasks[taskIndex];
      if (!part) {
        statuses.push('failed');
        continue;
      }
      statuses.push(part.status);
      projectName ??= part.projectName;
      deploymentName ??= part.deploymentName;
      for (const doc of part.documents) byId.set(doc.id, doc);
    }
    const status = worstStatus(statuses);
    return {
      kind: task.kind,
      ...(task.taskName !== undefined ? { taskName: task.taskName } : {}),
      status,
      projectName: projectName ?? task.parameters.projectName,
      deploymentName: deploymentName ?? task.parameters.deploymentName,
      documents: documents.map(
        (d): DocumentResult =>
          byId.get(d.id) ?? {
            id: d.id,
            warnings: [],
            error: {
              code: 'NoResult',
              message: `The ${task.taskName ?? task.kind} task returned no result for this document.`,
            },
          },
      ),
    };
  });
  const jobIds = results.map((r) => r.jobId);
  return {
    jobId: jobIds[0] ?? '',
    ...(jobIds.length > 1 ? { jobIds } : {}),
    status: worstStatus(
      results.map((r) =>
        r.status === 'succeeded' && r.tasks.every((t) => t.status === 'succeeded')
          ? 'succeeded'
          : r.status === 'failed'
            ? 'failed'
            : 'partiallyCompleted',
      ),
    ),
    errors: results.flatMap((r) => r.errors),
    tasks: combinedTasks,
  };
}

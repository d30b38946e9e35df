// Runtime: POST /language/analyze-text/jobs with custom classification and entity recognition tasks, job status
// (paged by document, statistics on request) and cancellation.
import type { z } from 'zod';
import { analyzeTextJobsBodySchema, isCustomAnalyzeTask } from '../../contract/analyze';
import type { analyzeTaskSchema, customTaskItemSchema } from '../../contract/analyze';
import type { ServiceDeps } from '../context';
import { RUNTIME_BASE } from '../context';
import type { Prediction } from '../engine/types';
import { ServiceError, badRequest, notFound } from '../errors';
import type { ErrorDetail } from '../errors';
import { toJobError } from '../jobs';
import { countTextElements } from '../../contract/textElements';
import { createSpanConverter } from '../offsets';
import type { StringIndexType } from '../offsets';
import { boolParam, pageWindow } from '../paging';
import type { DeploymentRecord, JobRecord } from '../records';
import type { Handler, RequestContext, RouteOptions, Router } from '../router';
import { parseWith } from '../router';
import { PROJECT_KINDS } from '../schemas';
import type { ProjectKind } from '../schemas';
import { isoNow } from '../time';
import { MAX_CHARACTERS, MAX_DOCUMENTS, MAX_TASKS, TEXT_RECORD_CHARS } from '../../contract/limits';

const jobsPath = `${RUNTIME_BASE}/jobs`;

interface InputDocument {
  id: string;
  text: string;
}

interface ResolvedTask {
  kind: ProjectKind;
  taskName: string | undefined;
  projectName: string;
  deploymentName: string;
  stringIndexType: StringIndexType;
}

function invalidBatch(message: string, status = 400): ServiceError {
  return new ServiceError(status, 'InvalidRequest', 'Invalid document in request.', {
    code: 'InvalidDocumentBatch',
    message,
  });
}

export const payloadTooLarge = (): ServiceError =>
  invalidBatch('Request Payload sent is too large to be processed. Limit request size to: 1 MB.', 413);

function resolveTask(deps: ServiceDeps, task: z.infer<typeof analyzeTaskSchema>): ResolvedTask {
  const kind = PROJECT_KINDS.find((k) => k === task.kind);
  if (kind === undefined || !isCustomAnalyzeTask(task)) {
    throw badRequest(
      `Task kind "${task.kind}" is not supported by the local service; use one of ${PROJECT_KINDS.join(', ')}.`,
      'InvalidParameterValue',
    );
  }
  const { projectName, deploymentName } = task.parameters;
  const project = deps.store.projects.get(projectName);
  if (!project) throw notFound('ProjectNotFound', `The project "${projectName}" does not exist.`);
  if (project.metadata.projectKind !== kind) {
    throw badRequest(
      `Project "${projectName}" is a ${project.metadata.projectKind} project; a ${kind} task cannot use it.`,
    );
  }
  if (!deps.store.deploymentsOf(projectName).has(deploymentName)) {
    throw new ServiceError(
      404,
      'NotFound',
      `The deployment "${deploymentName}" does not exist in project "${projectName}".`,
      {
        code: 'DeploymentNotFound',
        message: `Deploy a trained model to "${deploymentName}" first.`,
      },
    );
  }
  return {
    kind,
    taskName: task.taskName,
    projectName,
    deploymentName,
    stringIndexType:
      (task.kind === 'CustomEntityRecognition' ? task.parameters.stringIndexType : undefined) ?? 'TextElements_v8',
  };
}

function documentStatistics(text: string): { charactersCount: number; transactionsCount: number } {
  const charactersCount = countTextElements(text);
  return { charactersCount, transactionsCount: Math.max(1, Math.ceil(charactersCount / TEXT_RECORD_CHARS)) };
}

function emptyDocumentError(id: string): { id: string; error: ErrorDetail } {
  return {
    id,
    error: {
      code: 'InvalidArgument',
      message: 'Invalid document in request.',
      innererror: { code: 'InvalidDocument', message: 'Document text is empty.' },
    },
  };
}

function classesFor(
  kind: ProjectKind,
  prediction: Prediction,
  threshold: number | undefined,
): { category: string; confidenceScore: number }[] {
  if (prediction.kind !== 'classes') return [];
  const sorted = [...prediction.classes].sort((a, b) => b.confidenceScore - a.confidenceScore);
  if (kind === 'CustomSingleLabelClassification') {
    const top = sorted[0];
    if (!top) return [];
    // Below the project's confidence threshold the service answers "None" rather than a weak guess.
    if (threshold !== undefined && top.confidenceScore < threshold)
      return [{ category: 'None', confidenceScore: top.confidenceScore }];
    return [top];
  }
  return threshold === undefined ? sorted : sorted.filter((c) => c.confidenceScore >= threshold);
}

async function runTask(
  deps: ServiceDeps,
  task: ResolvedTask,
  documents: InputDocument[],
  signal: AbortSignal,
): Promise<z.input<typeof customTaskItemSchema>> {
  const deployment: DeploymentRecord | undefined = deps.store.deploymentsOf(task.projectName).get(task.deploymentName);
  const project = deps.store.projects.get(task.projectName);
  if (!deployment || !project) {
    throw new ServiceError(
      404,
      'NotFound',
      `Deployment "${task.deploymentName}" of project "${task.projectName}" no longer exists.`,
    );
  }
  const model = await deps.store.loadModel(task.projectName, deployment.trainedModelLabel);
  const valid = documents.filter((d) => d.text.length > 0);
  const predictions =
    valid.length === 0
      ? []
      : await deps.engine.predict(
          model,
          valid.map((d) => d.text),
          { signal, cacheKey: deployment.modelId },
        );
  const threshold = project.metadata.settings?.confidenceThreshold;
  const byId = new Map(valid.map((d, i) => [d.id, predictions[i]]));
  const errors = documents.filter((d) => d.text.length === 0 || !byId.get(d.id)).map((d) => emptyDocumentError(d.id));
  const predicted = documents.flatMap((doc) => {
    const prediction = byId.get(doc.id);
    return doc.text.length === 0 || !prediction
      ? []
      : [{ doc, prediction, base: { id: doc.id, warnings: [], statistics: documentStatistics(doc.text) } }];
  });
  const item = {
    ...(task.taskName !== undefined ? { taskName: task.taskName } : {}),
    lastUpdateDateTime: isoNow(),
    status: 'succeeded' as const,
  };
  const results = { errors, projectName: task.projectName, deploymentName: task.deploymentName };
  // Typed against the contract's task result schemas: a field the SDKs would not find fails to compile.
  if (task.kind === 'CustomEntityRecognition') {
    const entityDocuments = predicted.map(({ doc, prediction, base }) => {
      const convert = createSpanConverter(doc.text, task.stringIndexType);
      const entities = (prediction.kind === 'entities' ? prediction.entities : []).map((e) => {
        const span = convert({ offset: e.offset, length: e.length });
        return { text: e.text, category: e.category, ...span, confidenceScore: e.confidenceScore };
      });
      return { ...base, entities };
    });
    return {
      kind: 'CustomEntityRecognitionLROResults',
      ...item,
      results: { ...results, documents: entityDocuments },
    } satisfies z.input<typeof customTaskItemSchema>;
  }
  const classDocuments = predicted.map(({ prediction, base }) => ({
    ...base,
    class: classesFor(task.kind, prediction, threshold),
  }));
  return {
    kind: `${task.kind}LROResults`,
    ...item,
    results: { ...results, documents: classDocuments },
  } satisfies z.input<typeof customTaskItemSchema>;
}

/** The job body for one page of documents; statistics only with showStats=true. */
function jobBody(context: RequestContext, job: JobRecord, documentIds: string[]): Record<string, unknown> {
  const showStats = boolParam(context.query, 'showStats') ?? false;
  // Here top is the page size (the SDK sends its page size as top), and nextLink carries on from skip + top.
  const { skip, take } = pageWindow(context.query, MAX_DOCUMENTS);
  const top = context.query.get('top') === null ? undefined : take;
  const pageSize = top ?? documentIds.length;
  const pageIds = new Set(documentIds.slice(skip, skip + pageSize));
  const items = (job.tasks ?? []).map((task) => pageTask(task, pageIds, showStats));
  const tasks = job.tasks ?? [];
  const total = tasks.length;
  const completed = tasks.filter((t) => t.status === 'succeeded').length;
  const failed = tasks.filter((t) => t.status === 'failed').length;
  const body: Record<string, unknown> = {
    jobId: job.jobId,
    createdDateTime: job.createdDateTime,
    lastUpdatedDateTime: job.lastUpdatedDateTime,
    lastUpdateDateTime: job.lastUpdatedDateTime,
    expirationDateTime: job.expirationDateTime,
    status: job.status,
    errors: job.errors,
    tasks: { completed, failed, inProgress: total - completed - failed, total, items },
  };
  if (job.displayName !== undefined) body.displayName = job.displayName;
  if (skip + pageSize < documentIds.length && job.status === 'succeeded') {
    const params = new URLSearchParams(context.query);
    params.set('skip', String(skip + pageSize));
    params.set('top', String(pageSize));
    body.nextLink = `${context.origin}${jobsPath}/${job.jobId}?${params.toString()}`;
  }
  return body;
}

function pageTask(task: Record<string, unknown>, ids: Set<string>, showStats: boolean): Record<string, unknown> {
  const results = task.results as { documents?: Record<string, unknown>[]; errors?: { id: string }[] } | undefined;
  if (!results) return task;
  const documents = (results.documents ?? [])
    .filter((d) => ids.has(String(d.id)))
    .map((d) => {
      if (showStats) return d;
      const copy = { ...d };
      delete copy.statistics;
      return copy;
    });
  const errors = (results.errors ?? []).filter((e) => ids.has(e.id));
  const paged: Record<string, unknown> = { ...results, documents, errors };
  if (showStats) {
    const transactions = documents.reduce(
      (sum, d) => sum + ((d.statistics as { transactionsCount?: number } | undefined)?.transactionsCount ?? 0),
      0,
    );
    paged.statistics = {
      documentsCount: documents.length + errors.length,
      validDocumentsCount: documents.length,
      erroneousDocumentsCount: errors.length,
      transactionsCount: transactions,
    };
  }
  return { ...task, results: paged };
}

export function registerRuntimeRoutes(router: Router, deps: ServiceDeps, options: RouteOptions): void {
  const route = (method: string, path: string, handler: Handler): void => {
    router.add(method, `${RUNTIME_BASE}${path}`, { ...options, tooLarge: payloadTooLarge }, handler);
  };
  route('POST', '/jobs', async (c) => {
    const body = parseWith(analyzeTextJobsBodySchema, await c.json(), 'analyze request');
    if (body.tasks.length === 0)
      throw badRequest('The request has no tasks; add at least one.', 'InvalidRequestBodyFormat');
    const documents = body.analysisInput.documents;
    if (documents.length === 0) {
      throw new ServiceError(400, 'InvalidRequest', 'Invalid document in request.', {
        code: 'MissingInputDocuments',
        message: 'Missing input documents.',
      });
    }
    if (documents.length > MAX_DOCUMENTS) {
      throw invalidBatch(`Batch request contains too many records. Max ${MAX_DOCUMENTS} records are permitted.`);
    }
    const ids = new Set<string>();
    for (const d of documents) {
      if (ids.has(d.id))
        throw badRequest(
          'Request contains duplicated Ids. Make sure each document has a unique Id.',
          'InvalidDocument',
        );
      ids.add(d.id);
    }
    const characters = documents.reduce((sum, d) => sum + countTextElements(d.text), 0);
    if (characters > MAX_CHARACTERS) {
      throw invalidBatch(
        `Request contains ${characters} characters; the limit is ${MAX_CHARACTERS} characters across all documents.`,
      );
    }
    if (body.tasks.length > MAX_TASKS) {
      throw badRequest(
        `The request has ${body.tasks.length} tasks; at most ${MAX_TASKS} are accepted per request.`,
        'InvalidRequestBodyFormat',
      );
    }
    const names = body.tasks.map((t) => t.taskName).filter((n): n is string => n !== undefined);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined)
      throw badRequest(`Duplicate task name "${duplicate}"; task names must be unique.`, 'InvalidRequestBodyFormat');
    const tasks = body.tasks.map((t) => resolveTask(deps, t));

    const now = isoNow();
    const job = await deps.jobs.create({
      kind: 'analyze',
      apiVersion: c.apiVersion,
      fields: {
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        documentIds: documents.map((d) => d.id),
        tasks: tasks.map((t) => ({
          kind: `${t.kind}LROResults`,
          ...(t.taskName !== undefined ? { taskName: t.taskName } : {}),
          lastUpdateDateTime: now,
          status: 'notStarted',
        })),
      },
    });
    const inputs = documents.map((d) => ({ id: d.id, text: d.text }));
    deps.jobs.start(job, async ({ signal, setOutcome }) => {
      let failures = 0;
      for (const [index, task] of tasks.entries()) {
        signal.throwIfAborted();
        try {
          const result = await runTask(deps, task, inputs, signal);
          if (job.tasks) job.tasks[index] = result;
        } catch (error) {
          if (signal.aborted) throw error;
          failures += 1;
          job.errors.push({ ...toJobError(error), target: `#/tasks/items/${index}` });
          if (job.tasks) job.tasks[index] = { ...job.tasks[index], lastUpdateDateTime: isoNow(), status: 'failed' };
        }
        // Progress shows in memory; the record is written once at the end (rewriting it per task was quadratic).
        job.lastUpdatedDateTime = isoNow();
      }
      if (failures > 0) setOutcome(failures === tasks.length ? 'failed' : 'partiallyCompleted');
    });
    return {
      status: 202,
      headers: {
        'operation-location': `${c.origin}${jobsPath}/${job.jobId}?api-version=${encodeURIComponent(c.apiVersion)}`,
      },
    };
  });

  const requireRuntimeJob = (jobId: string): JobRecord => {
    const job = deps.jobs.get(jobId);
    if (job?.kind !== 'analyze')
      throw notFound('NotFound', `The job "${jobId}" was not found (analyze jobs expire after 24 hours).`);
    return job;
  };

  route('POST', '/jobs/{jobId}:cancel', async (c) => {
    const job = requireRuntimeJob(c.params.jobId ?? '');
    await deps.jobs.cancel(job);
    return {
      status: 202,
      headers: {
        'operation-location': `${c.origin}${jobsPath}/${job.jobId}?api-version=${encodeURIComponent(c.apiVersion)}`,
      },
    };
  });

  route('GET', '/jobs/{jobId}', (c) => {
    const job = requireRuntimeJob(c.params.jobId ?? '');
    return Promise.resolve({ status: 200, body: jobBody(c, job, job.documentIds ?? []) });
  });
}

// Authoring: training jobs (start, list, status, cancel), trained models, their evaluation and snapshots.
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { trainingJobStateObjectSchema } from '../../contract/job';
import type { ServiceDeps } from '../context';
import { AUTHORING_BASE } from '../context';
import type { EvaluationOptions, TrainRequest } from '../engine/types';
import { checkName } from '../edge';
import { badRequest, conflict, ServiceError } from '../errors';
import { categoriesOf, readProjectDocuments, toLabeledDocuments } from '../labels';
import { nextLink, pageOf, pageWindow } from '../paging';
import type { JobRecord, ModelRecord, ProjectRecord, Snapshot } from '../records';
import type { Handler, RouteOptions, Router } from '../router';
import { parseWith } from '../router';
import type { EvaluationOptionsBody } from '../schemas';
import { trainingJobOptionsSchema } from '../schemas';
import { DAY_MS, isoDate, isoNow } from '../time';
import { TRAINING_CONFIG_VERSION } from './catalog';
import {
  MAX_MODELS,
  accepted,
  jobState,
  modelBody,
  projectPath,
  requireApiVersion,
  requireJob,
  requireModel,
  requireProject,
} from './common';

const MODEL_LIFETIME_MS = 365 * DAY_MS;

function evaluationFor(options: EvaluationOptionsBody | undefined): {
  engine: EvaluationOptions;
  echo: Record<string, unknown>;
} {
  if (options?.kind === 'manual') return { engine: { kind: 'manual' }, echo: { kind: 'manual' } };
  const training =
    options?.trainingSplitPercentage ??
    (options?.testingSplitPercentage !== undefined ? 100 - options.testingSplitPercentage : 80);
  const testing = options?.testingSplitPercentage ?? 100 - training;
  if (training + testing !== 100) {
    throw badRequest(
      `trainingSplitPercentage (${training}) and testingSplitPercentage (${testing}) must add up to 100.`,
    );
  }
  return {
    engine: { kind: 'percentage', trainingSplitPercentage: training, testingSplitPercentage: testing },
    echo: { kind: 'percentage', trainingSplitPercentage: training, testingSplitPercentage: testing },
  };
}

/** Same project and label, same seed: retraining unchanged data gives the same model. */
function seedFor(project: string, label: string): number {
  return createHash('sha256').update(`${project}\0${label}`).digest().readUInt32LE(0);
}

/** A queued training says where it stands in a warning (the job state has no field for it). */
function trainingJobBody(deps: ServiceDeps, job: JobRecord) {
  const body = { result: job.training ?? missingResult(job), ...jobState(job) };
  const position = deps.trainingSlots.position(job.jobId);
  if (position === undefined) return body satisfies z.input<typeof trainingJobStateObjectSchema>;
  const queued = {
    code: 'Queued',
    message: `Waiting for a free training slot (${deps.trainingSlots.size} run at once): position ${position} of ${deps.trainingSlots.waiting}.`,
  };
  return { ...body, warnings: [...job.warnings, queued] } satisfies z.input<typeof trainingJobStateObjectSchema>;
}

/** Every training job record has its result from creation; this only satisfies the type for a damaged record. */
function missingResult(job: JobRecord): NonNullable<JobRecord['training']> {
  const sub = { percentComplete: 0, status: job.status };
  return {
    modelLabel: job.scope ?? '',
    trainingConfigVersion: TRAINING_CONFIG_VERSION,
    trainingStatus: sub,
    evaluationStatus: sub,
  };
}

function modelId(label: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');
  return `${label}-${stamp}-${randomUUID().replace(/-/g, '')}`;
}

export function registerModelRoutes(router: Router, deps: ServiceDeps, options: RouteOptions): void {
  const route = (method: string, path: string, handler: Handler): void => {
    router.add(method, `${AUTHORING_BASE}${path}`, options, handler);
  };

  route('POST', '/projects/{projectName}/:train', async (c) => {
    const name = c.params.projectName ?? '';
    const project = requireProject(deps, name);
    const body = parseWith(trainingJobOptionsSchema, await c.json(), 'training request');
    // The label becomes a path segment and a file name: ".." or 300 characters must never get that far.
    checkName(body.modelLabel, 'modelLabel');
    if (body.dataGenerationSettings?.enableDataGeneration === true) {
      throw badRequest('Data generation needs an Azure OpenAI resource; the local service trains on your labels only.');
    }
    const evaluation = evaluationFor(body.evaluationOptions);
    const configVersion =
      body.trainingConfigVersion === 'latest' ? TRAINING_CONFIG_VERSION : body.trainingConfigVersion;
    if (configVersion !== TRAINING_CONFIG_VERSION) {
      throw badRequest(
        `Training config version "${body.trainingConfigVersion}" is not supported; use "latest" or "${TRAINING_CONFIG_VERSION}".`,
      );
    }
    const assets = project.assets;
    if (!assets || assets.documents.length === 0) {
      throw badRequest(`Project "${name}" has no labelled documents; import a labels file before training.`);
    }
    const models = deps.store.modelsOf(name);
    if (!models.has(body.modelLabel) && models.size >= MAX_MODELS) {
      throw badRequest(`Project "${name}" already has ${MAX_MODELS} trained models; delete one or reuse a label.`);
    }
    const running = deps.jobs.active((j) => j.kind === 'train' && j.projectName === name);
    if (running)
      throw conflict(
        `Project "${name}" already has a training job in progress (${running.jobId}); wait for it or cancel it.`,
      );

    const snapshot: Snapshot = structuredClone({
      projectFileVersion: project.projectFileVersion,
      metadata: project.metadata,
      assets,
    });
    const generation = deps.store.generation(name) ?? 0;
    const job = await deps.jobs.create({
      kind: 'train',
      apiVersion: c.apiVersion,
      projectName: name,
      scope: body.modelLabel,
      fields: {
        training: {
          modelLabel: body.modelLabel,
          trainingConfigVersion: configVersion,
          trainingStatus: { percentComplete: 0, status: 'notStarted' },
          evaluationStatus: { percentComplete: 0, status: 'notStarted' },
        },
      },
    });
    deps.jobs.start(
      job,
      async ({ signal, save }) => {
        const training = job.training;
        if (!training) return;
        const started = Date.now();
        training.trainingStatus = { percentComplete: 0, status: 'running', startDateTime: isoNow(started) };
        await save();
        const texts = await readProjectDocuments(
          deps.containers,
          snapshot.metadata.storageInputContainerName,
          assets,
          signal,
        );
        const request: TrainRequest = {
          kind: assets.projectKind,
          categories: categoriesOf(assets),
          documents: toLabeledDocuments(assets, texts, snapshot.metadata.language),
          evaluation: evaluation.engine,
          seed: seedFor(name, body.modelLabel),
        };
        // Progress is written at most once per quarter, so a job's record is written a bounded number of times.
        let savedQuarter = 0;
        const result = await deps.engine.train(request, {
          signal,
          onProgress: (p) => {
            const now = isoNow();
            training.trainingStatus.percentComplete = Math.round(p.trainingPercent);
            if (p.trainingPercent >= 100 && training.trainingStatus.status === 'running') {
              training.trainingStatus.status = 'succeeded';
              training.trainingStatus.endDateTime = now;
            }
            if (p.evaluationPercent > 0 && training.evaluationStatus.status === 'notStarted') {
              training.evaluationStatus = { percentComplete: 0, status: 'running', startDateTime: now };
            }
            training.evaluationStatus.percentComplete = Math.round(p.evaluationPercent);
            const quarter = Math.floor((p.trainingPercent + p.evaluationPercent) / 50);
            if (quarter > savedQuarter) {
              savedQuarter = quarter;
              // A progress write that fails is not worth failing the training for; the final one reports.
              save().catch(() => undefined);
            }
          },
        });
        signal.throwIfAborted();
        const finished = Date.now();
        const end = isoNow(finished);
        training.trainingStatus = {
          ...training.trainingStatus,
          percentComplete: 100,
          status: 'succeeded',
          endDateTime: training.trainingStatus.endDateTime ?? end,
        };
        training.evaluationStatus = {
          percentComplete: 100,
          status: 'succeeded',
          startDateTime: training.evaluationStatus.startDateTime ?? end,
          endDateTime: end,
        };
        const summary = { ...result.evaluationSummary, evaluationOptions: evaluation.echo };
        const record: ModelRecord = {
          projectName: name,
          label: body.modelLabel,
          modelId: modelId(body.modelLabel, finished),
          lastTrainedDateTime: end,
          lastTrainingDurationInSeconds: Math.max(0, Math.round((finished - started) / 1000)),
          modelExpirationDate: isoDate(finished + MODEL_LIFETIME_MS),
          modelTrainingConfigVersion: configVersion,
          evaluationSummary: summary,
          documentEvaluations: result.documentEvaluations,
          snapshot,
        };
        // The project may be deleted while training runs (or while the model is written): then nothing is saved.
        await deps.store.saveModel(record, result.model, generation);
        const current = deps.store.projects.get(name);
        if (!current) throw new ServiceError(404, 'ProjectNotFound', `Project "${name}" was deleted while training.`);
        const updated: ProjectRecord = { ...current, lastTrainedDateTime: end };
        await deps.store.saveProject(updated, generation);
      },
      { slots: deps.trainingSlots },
    );
    return accepted(c, `${projectPath(name)}/train/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/train/jobs', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const jobs = [...deps.store.jobs.values()]
      .filter((j) => j.kind === 'train' && j.projectName === name && deps.jobs.get(j.jobId) !== undefined)
      .sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime))
      .map((j) => trainingJobBody(deps, j));
    return Promise.resolve({ status: 200, body: pageOf(c, `${projectPath(name)}/train/jobs`, jobs) });
  });

  route('GET', '/projects/{projectName}/train/jobs/{jobId}', (c) =>
    Promise.resolve({
      status: 200,
      body: trainingJobBody(deps, requireJob(deps, c.params.jobId ?? '', 'train', c.params.projectName)),
    }),
  );

  route('POST', '/projects/{projectName}/train/jobs/{jobId}/:cancel', async (c) => {
    const name = c.params.projectName ?? '';
    const job = requireJob(deps, c.params.jobId ?? '', 'train', name);
    await deps.jobs.cancel(job);
    return accepted(c, `${projectPath(name)}/train/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/models', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const models = [...deps.store.modelsOf(name).values()]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((m) => modelBody(m, c.apiVersion));
    return Promise.resolve({ status: 200, body: pageOf(c, `${projectPath(name)}/models`, models) });
  });

  route('GET', '/projects/{projectName}/models/{trainedModelLabel}', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    return Promise.resolve({
      status: 200,
      body: modelBody(requireModel(deps, name, c.params.trainedModelLabel ?? ''), c.apiVersion),
    });
  });

  route('DELETE', '/projects/{projectName}/models/{trainedModelLabel}', async (c) => {
    const name = c.params.projectName ?? '';
    const label = c.params.trainedModelLabel ?? '';
    requireProject(deps, name);
    requireModel(deps, name, label);
    const deployedTo = [...deps.store.deploymentsOf(name).values()].filter((d) => d.trainedModelLabel === label);
    if (deployedTo.length > 0) {
      throw conflict(
        `Model "${label}" is deployed to ${deployedTo.map((d) => `"${d.deploymentName}"`).join(', ')}; delete or replace those deployments first.`,
      );
    }
    await deps.store.deleteModel(name, label);
    return { status: 204 };
  });

  route('GET', '/projects/{projectName}/models/{trainedModelLabel}/evaluation/summary-result', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    return Promise.resolve({
      status: 200,
      body: requireModel(deps, name, c.params.trainedModelLabel ?? '').evaluationSummary,
    });
  });

  route('GET', '/projects/{projectName}/models/{trainedModelLabel}/evaluation/result', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const model = requireModel(deps, name, c.params.trainedModelLabel ?? '');
    if (c.query.get('stringIndexType') !== 'Utf16CodeUnit') {
      throw badRequest('The stringIndexType query parameter is required and must be "Utf16CodeUnit".');
    }
    const window = pageWindow(c.query);
    const path = `${projectPath(name)}/models/${encodeURIComponent(model.label)}/evaluation/result`;
    const value = model.documentEvaluations.slice(window.skip, window.skip + window.take);
    const link = nextLink(c, path, window, model.documentEvaluations.length);
    const body: Record<string, unknown> = { value };
    if (link !== undefined) body.nextLink = link;
    else if (c.apiVersion === '2022-05-01') body.nextLink = null;
    return Promise.resolve({ status: 200, body });
  });

  route('POST', '/projects/{projectName}/models/{trainedModelLabel}/:load-snapshot', async (c) => {
    requireApiVersion(c, '2023-04-01');
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const model = requireModel(deps, name, c.params.trainedModelLabel ?? '');
    const generation = deps.store.generation(name);
    const job = await deps.jobs.create({
      kind: 'loadSnapshot',
      apiVersion: c.apiVersion,
      projectName: name,
      scope: model.label,
    });
    deps.jobs.start(job, async () => {
      const current = deps.store.projects.get(name);
      if (!current) throw new ServiceError(404, 'ProjectNotFound', `Project "${name}" no longer exists.`);
      const restored: ProjectRecord = {
        ...current,
        metadata: { ...model.snapshot.metadata, projectName: name },
        projectFileVersion: model.snapshot.projectFileVersion,
        lastModifiedDateTime: isoNow(),
      };
      if (model.snapshot.assets) restored.assets = structuredClone(model.snapshot.assets);
      else delete restored.assets;
      await deps.store.saveProject(restored, generation);
    });
    return accepted(
      c,
      `${projectPath(name)}/models/${encodeURIComponent(model.label)}/load-snapshot/jobs/${job.jobId}`,
    );
  });

  route('GET', '/projects/{projectName}/models/{trainedModelLabel}/load-snapshot/jobs/{jobId}', (c) => {
    requireApiVersion(c, '2023-04-01');
    const job = requireJob(
      deps,
      c.params.jobId ?? '',
      'loadSnapshot',
      c.params.projectName,
      c.params.trainedModelLabel,
    );
    return Promise.resolve({ status: 200, body: jobState(job) });
  });
}

// Authoring: projects (list, get, create/update, delete), import, export and the global lookups.
import type { z } from 'zod';
import type { exportJobStateObjectSchema } from '../../contract/job';
import type { ServiceDeps } from '../context';
import { AUTHORING_BASE } from '../context';
import { ServiceError, badRequest, conflict } from '../errors';
import { checkAssetsShape, exportedProject, metadataFrom, readProjectDocuments } from '../labels';
import { pageOf } from '../paging';
import type { ProjectRecord, Snapshot } from '../records';
import type { RequestContext, RouteOptions, Router } from '../router';
import { parseWith } from '../router';
import { checkName } from '../edge';
import { createProjectOptionsSchema, exportedProjectSchema, updateProjectSchema } from '../schemas';
import { isoNow } from '../time';
import { SUPPORTED_LANGUAGES, TRAINING_CONFIG_VERSIONS } from './catalog';
import {
  accepted,
  jobState,
  projectBody,
  projectPath,
  requireApiVersion,
  requireJob,
  requireModel,
  requireProject,
  requireRoomForProject,
} from './common';

const DEFAULT_PROJECT_FILE_VERSION = '2022-05-01';

export function registerProjectRoutes(router: Router, deps: ServiceDeps, options: RouteOptions): void {
  const route = (
    method: string,
    path: string,
    handler: (c: RequestContext) => Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>,
  ): void => {
    router.add(method, `${AUTHORING_BASE}${path}`, options, handler);
  };

  // Global paths first: "global" must not be taken for a project name.
  route('GET', '/projects/global/languages', (c) =>
    Promise.resolve({
      status: 200,
      body: pageOf(c, `${AUTHORING_BASE}/projects/global/languages`, SUPPORTED_LANGUAGES),
    }),
  );

  route('GET', '/projects/global/training-config-versions', (c) => {
    if (c.apiVersion === '2022-05-01' && !c.query.get('projectKind')) {
      throw badRequest('The projectKind query parameter is required with api-version 2022-05-01.');
    }
    return Promise.resolve({
      status: 200,
      body: pageOf(c, `${AUTHORING_BASE}/projects/global/training-config-versions`, TRAINING_CONFIG_VERSIONS),
    });
  });

  route('GET', '/projects/global/deletion-jobs/{jobId}', (c) =>
    Promise.resolve({
      status: 200,
      body: jobState(requireJob(deps, c.params.jobId ?? '', 'deleteProject', undefined)),
    }),
  );

  route('GET', '/projects', (c) => {
    const projects = [...deps.store.projects.values()]
      .sort((a, b) => a.metadata.projectName.localeCompare(b.metadata.projectName))
      .map(projectBody);
    return Promise.resolve({ status: 200, body: pageOf(c, `${AUTHORING_BASE}/projects`, projects) });
  });

  route('GET', '/projects/{projectName}', (c) =>
    Promise.resolve({ status: 200, body: projectBody(requireProject(deps, c.params.projectName ?? '')) }),
  );

  route('PATCH', '/projects/{projectName}', async (c) => {
    const name = c.params.projectName ?? '';
    checkName(name, 'project name');
    const body = await c.json();
    const existing = deps.store.projects.get(name);
    const now = isoNow();
    if (existing) {
      const generation = deps.store.generation(name); // a delete during the container check wins
      const patch = parseWith(updateProjectSchema, body, 'project');
      if (patch.projectKind !== undefined && patch.projectKind !== existing.metadata.projectKind) {
        throw badRequest(`The project kind of "${name}" cannot be changed (it is ${existing.metadata.projectKind}).`);
      }
      if (patch.storageInputContainerName !== undefined)
        await deps.containers.assertExists(patch.storageInputContainerName);
      const metadata = metadataFrom({ ...existing.metadata, ...withoutUndefined(patch), projectName: name });
      const updated: ProjectRecord = { ...existing, metadata, lastModifiedDateTime: now };
      await deps.store.saveProject(updated, generation);
      return { status: 200, body: projectBody(updated) };
    }
    const create = parseWith(createProjectOptionsSchema, body, 'project');
    requireRoomForProject(deps, name);
    await deps.containers.assertExists(create.storageInputContainerName);
    const record: ProjectRecord = {
      metadata: metadataFrom({ ...create, projectName: name }),
      createdDateTime: now,
      lastModifiedDateTime: now,
      projectFileVersion: DEFAULT_PROJECT_FILE_VERSION,
    };
    await deps.store.saveProject(record);
    return { status: 201, body: projectBody(record) };
  });

  route('DELETE', '/projects/{projectName}', async (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const job = await deps.jobs.create({ kind: 'deleteProject', apiVersion: c.apiVersion });
    deps.jobs.start(job, async () => {
      await deps.store.deleteProject(name);
    });
    return accepted(c, `${AUTHORING_BASE}/projects/global/deletion-jobs/${job.jobId}`);
  });

  route('POST', '/projects/{projectName}/:import', async (c) => {
    const name = c.params.projectName ?? '';
    checkName(name, 'project name');
    // 2025-05-15-preview: a "format" header (json, the default, or aml); only json is a labels file.
    const format = c.header('format');
    if (format !== undefined && format.trim().toLowerCase() !== 'json') {
      throw badRequest(`Import format "${format.slice(0, 20)}" is not supported by the local service; use json.`);
    }
    const labels = parseWith(exportedProjectSchema, await c.json(), 'labels file');
    if (labels.assets && labels.assets.projectKind !== labels.metadata.projectKind) {
      throw badRequest(
        `assets.projectKind (${labels.assets.projectKind}) does not match metadata.projectKind (${labels.metadata.projectKind}).`,
      );
    }
    const existing = deps.store.projects.get(name);
    if (existing && existing.metadata.projectKind !== labels.metadata.projectKind) {
      throw conflict(
        `Project "${name}" is a ${existing.metadata.projectKind} project; delete it before importing a ${labels.metadata.projectKind} one.`,
      );
    }
    if (labels.assets) checkAssetsShape(labels.assets);
    requireRoomForProject(deps, name);
    const job = await deps.jobs.create({ kind: 'import', apiVersion: c.apiVersion, projectName: name });
    deps.jobs.start(job, async ({ signal }) => {
      if (labels.assets)
        await readProjectDocuments(deps.containers, labels.metadata.storageInputContainerName, labels.assets, signal);
      else await deps.containers.assertExists(labels.metadata.storageInputContainerName);
      signal.throwIfAborted();
      const now = isoNow();
      const current = deps.store.projects.get(name);
      requireRoomForProject(deps, name); // again: other imports may have filled the room meanwhile
      const record: ProjectRecord = {
        ...(current ?? { createdDateTime: now }),
        metadata: metadataFrom({ ...labels.metadata, projectName: name }),
        lastModifiedDateTime: now,
        projectFileVersion: labels.projectFileVersion,
      };
      if (labels.assets) record.assets = labels.assets;
      else delete record.assets;
      await deps.store.saveProject(record);
    });
    return accepted(c, `${projectPath(name)}/import/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/import/jobs/{jobId}', (c) =>
    Promise.resolve({
      status: 200,
      body: jobState(requireJob(deps, c.params.jobId ?? '', 'import', c.params.projectName)),
    }),
  );

  route('POST', '/projects/{projectName}/:export', async (c) => {
    const name = c.params.projectName ?? '';
    const project = requireProject(deps, name);
    const indexType = c.query.get('stringIndexType');
    if (indexType !== 'Utf16CodeUnit') {
      throw badRequest('The stringIndexType query parameter is required and must be "Utf16CodeUnit".');
    }
    const label = c.query.get('trainedModelLabel');
    let snapshot: Snapshot = {
      projectFileVersion: project.projectFileVersion,
      metadata: project.metadata,
      assets: project.assets,
    };
    if (label !== null) {
      requireApiVersion(c, '2023-04-01');
      snapshot = requireModel(deps, name, label).snapshot;
    }
    const job = await deps.jobs.create({ kind: 'export', apiVersion: c.apiVersion, projectName: name });
    deps.jobs.start(job, () => {
      job.exported = exportedProject(structuredClone(snapshot));
      return Promise.resolve();
    });
    return accepted(c, `${projectPath(name)}/export/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/export/jobs/{jobId}', (c) => {
    const name = c.params.projectName ?? '';
    const job = requireJob(deps, c.params.jobId ?? '', 'export', name);
    const resultUrl = `${c.origin}${projectPath(name)}/export/jobs/${job.jobId}/result?api-version=${encodeURIComponent(c.apiVersion)}`;
    const body = {
      ...jobState(job),
      ...(job.status === 'succeeded' ? { resultUrl } : {}),
    } satisfies z.input<typeof exportJobStateObjectSchema>;
    return Promise.resolve({ status: 200, body });
  });

  route('GET', '/projects/{projectName}/export/jobs/{jobId}/result', (c) => {
    const job = requireJob(deps, c.params.jobId ?? '', 'export', c.params.projectName);
    if (job.status !== 'succeeded' || job.exported === undefined) {
      throw new ServiceError(404, 'NotFound', `The export job "${job.jobId}" has no result (it is ${job.status}).`);
    }
    return Promise.resolve({ status: 200, body: job.exported });
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

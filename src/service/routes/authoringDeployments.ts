// Authoring: deployments (list, get, deploy, delete) and swapping two deployments.
import type { ServiceDeps } from '../context';
import { AUTHORING_BASE } from '../context';
import { ServiceError, badRequest } from '../errors';
import { pageOf } from '../paging';
import type { DeploymentRecord } from '../records';
import type { Handler, RouteOptions, Router } from '../router';
import { parseWith } from '../router';
import { checkName } from '../edge';
import { createDeploymentOptionsSchema, swapDeploymentsOptionsSchema } from '../schemas';
import { isoNow } from '../time';
import {
  MAX_DEPLOYMENTS,
  accepted,
  deploymentBody,
  jobState,
  projectPath,
  requireDeployment,
  requireJob,
  requireModel,
  requireProject,
} from './common';

export function registerDeploymentRoutes(router: Router, deps: ServiceDeps, options: RouteOptions): void {
  const route = (method: string, path: string, handler: Handler): void => {
    router.add(method, `${AUTHORING_BASE}${path}`, options, handler);
  };
  const deploymentsPath = (project: string): string => `${projectPath(project)}/deployments`;

  // Literal "swap" paths before the {deploymentName} ones.
  route('POST', '/projects/{projectName}/deployments/:swap', async (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const body = parseWith(swapDeploymentsOptionsSchema, await c.json(), 'swap request');
    if (body.firstDeploymentName === body.secondDeploymentName)
      throw badRequest('Swap needs two different deployments.');
    requireDeployment(deps, name, body.firstDeploymentName);
    requireDeployment(deps, name, body.secondDeploymentName);
    const generation = deps.store.generation(name) ?? 0;
    const job = await deps.jobs.create({ kind: 'swap', apiVersion: c.apiVersion, projectName: name });
    deps.jobs.start(job, async () => {
      const first = requireDeployment(deps, name, body.firstDeploymentName);
      const second = requireDeployment(deps, name, body.secondDeploymentName);
      const now = isoNow();
      const model = (
        d: DeploymentRecord,
      ): Pick<
        DeploymentRecord,
        | 'trainedModelLabel'
        | 'modelId'
        | 'lastTrainedDateTime'
        | 'deploymentExpirationDate'
        | 'modelTrainingConfigVersion'
      > => ({
        trainedModelLabel: d.trainedModelLabel,
        modelId: d.modelId,
        lastTrainedDateTime: d.lastTrainedDateTime,
        deploymentExpirationDate: d.deploymentExpirationDate,
        modelTrainingConfigVersion: d.modelTrainingConfigVersion,
      });
      // Deletes win: a deployment deleted between the two writes is not brought back.
      await deps.store.saveDeployment({ ...first, ...model(second), lastDeployedDateTime: now }, generation, true);
      await deps.store.saveDeployment({ ...second, ...model(first), lastDeployedDateTime: now }, generation, true);
    });
    return accepted(c, `${deploymentsPath(name)}/swap/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/deployments/swap/jobs/{jobId}', (c) =>
    Promise.resolve({
      status: 200,
      body: jobState(requireJob(deps, c.params.jobId ?? '', 'swap', c.params.projectName)),
    }),
  );

  route('GET', '/projects/{projectName}/deployments', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    const list = [...deps.store.deploymentsOf(name).values()]
      .sort((a, b) => a.deploymentName.localeCompare(b.deploymentName))
      .map((d) => deploymentBody(d, c.apiVersion));
    return Promise.resolve({ status: 200, body: pageOf(c, deploymentsPath(name), list) });
  });

  route('GET', '/projects/{projectName}/deployments/{deploymentName}', (c) => {
    const name = c.params.projectName ?? '';
    requireProject(deps, name);
    return Promise.resolve({
      status: 200,
      body: deploymentBody(requireDeployment(deps, name, c.params.deploymentName ?? ''), c.apiVersion),
    });
  });

  route('PUT', '/projects/{projectName}/deployments/{deploymentName}', async (c) => {
    const name = c.params.projectName ?? '';
    const deploymentName = c.params.deploymentName ?? '';
    requireProject(deps, name);
    checkName(deploymentName, 'deployment name');
    const body = parseWith(createDeploymentOptionsSchema, await c.json(), 'deployment request');
    requireModel(deps, name, body.trainedModelLabel);
    const deployments = deps.store.deploymentsOf(name);
    if (!deployments.has(deploymentName) && deployments.size >= MAX_DEPLOYMENTS) {
      throw badRequest(
        `Project "${name}" already has ${MAX_DEPLOYMENTS} deployments; delete one or replace an existing one.`,
      );
    }
    const generation = deps.store.generation(name) ?? 0;
    const job = await deps.jobs.create({
      kind: 'deploy',
      apiVersion: c.apiVersion,
      projectName: name,
      scope: deploymentName,
    });
    deps.jobs.start(job, async () => {
      const model = requireModel(deps, name, body.trainedModelLabel);
      const project = deps.store.projects.get(name);
      if (!project) throw new ServiceError(404, 'ProjectNotFound', `Project "${name}" no longer exists.`);
      const now = isoNow();
      await deps.store.saveDeployment(
        {
          projectName: name,
          deploymentName,
          trainedModelLabel: model.label,
          modelId: model.modelId,
          lastTrainedDateTime: model.lastTrainedDateTime,
          lastDeployedDateTime: now,
          deploymentExpirationDate: model.modelExpirationDate,
          modelTrainingConfigVersion: model.modelTrainingConfigVersion,
        },
        generation,
      );
      const current = deps.store.projects.get(name);
      if (current) await deps.store.saveProject({ ...current, lastDeployedDateTime: now }, generation);
    });
    return accepted(c, `${deploymentsPath(name)}/${encodeURIComponent(deploymentName)}/jobs/${job.jobId}`);
  });

  route('DELETE', '/projects/{projectName}/deployments/{deploymentName}', async (c) => {
    const name = c.params.projectName ?? '';
    const deploymentName = c.params.deploymentName ?? '';
    requireProject(deps, name);
    requireDeployment(deps, name, deploymentName);
    const job = await deps.jobs.create({
      kind: 'deleteDeployment',
      apiVersion: c.apiVersion,
      projectName: name,
      scope: deploymentName,
    });
    deps.jobs.start(job, () => deps.store.deleteDeployment(name, deploymentName));
    return accepted(c, `${deploymentsPath(name)}/${encodeURIComponent(deploymentName)}/jobs/${job.jobId}`);
  });

  route('GET', '/projects/{projectName}/deployments/{deploymentName}/jobs/{jobId}', (c) => {
    const id = c.params.jobId ?? '';
    const job = deps.jobs.get(id);
    // Deploy and delete-deployment jobs share this URL.
    const kind = job?.kind === 'deleteDeployment' ? 'deleteDeployment' : 'deploy';
    return Promise.resolve({
      status: 200,
      body: jobState(requireJob(deps, id, kind, c.params.projectName, c.params.deploymentName)),
    });
  });
}

// The tree's children built from the data service, with a fake client: no VS Code, no service.
import * as assert from 'node:assert/strict';
import { deploymentSchema } from '../../../src/contract/deployment';
import type { Deployment } from '../../../src/contract/deployment';
import { trainedModelSchema } from '../../../src/contract/model';
import type { TrainedModel } from '../../../src/contract/model';
import { projectMetadataSchema } from '../../../src/contract/project';
import type { ProjectMetadata } from '../../../src/contract/project';
import type { Connection } from '../../../src/core/connection';
import { localConnectionId } from '../../../src/core/connection';
import { connectionNode, loadChildren, projectNode } from '../../../src/tree/children';
import type { DataClient } from '../../../src/tree/data';
import { RememberedFailure, TreeData } from '../../../src/tree/data';
import type { Node } from '../../../src/tree/nodes';

const azure: Connection = { id: 'a1', name: 'Azure', endpoint: 'https://a.cognitiveservices.azure.com' };
const local: Connection = { id: localConnectionId, name: 'Local', endpoint: 'http://127.0.0.1' };
const when = '2026-01-02T03:04:05Z';

const aProject = (projectName: string): ProjectMetadata =>
  projectMetadataSchema.parse({
    projectName,
    projectKind: 'CustomSingleLabelClassification',
    storageInputContainerName: 'docs',
    language: 'en',
    createdDateTime: when,
    lastModifiedDateTime: when,
  });
const aModel = (label: string, modelId: string): TrainedModel =>
  trainedModelSchema.parse({
    label,
    modelId,
    lastTrainedDateTime: when,
    lastTrainingDurationInSeconds: 3,
    modelExpirationDate: '2027-01-01',
    modelTrainingConfigVersion: 'latest',
  });
const aDeployment = (deploymentName: string, modelId: string): Deployment =>
  deploymentSchema.parse({
    deploymentName,
    modelId,
    lastTrainedDateTime: when,
    lastDeployedDateTime: when,
    deploymentExpirationDate: '2027-01-01',
    modelTrainingConfigVersion: 'latest',
  });

interface Fake {
  projects: ProjectMetadata[] | Error;
  models: TrainedModel[];
  deployments: Deployment[];
  calls: string[];
}

function fakeData(fake: Fake, now: () => number = () => 0): TreeData {
  const client: DataClient = {
    listProjects: () => {
      fake.calls.push('listProjects');
      return fake.projects instanceof Error ? Promise.reject(fake.projects) : Promise.resolve(fake.projects);
    },
    listModels: () => Promise.resolve(fake.models),
    listDeployments: () => Promise.resolve(fake.deployments),
    listTrainingJobs: () => Promise.resolve([]),
  };
  return new TreeData(
    {
      connections: () => [
        { connection: local, local: true },
        { connection: azure, local: false },
      ],
      client: () => Promise.resolve(client),
    },
    30_000,
    now,
  );
}

const signal = new AbortController().signal;
const group = (name: 'models' | 'deployments' | 'jobs'): Node => ({
  kind: 'group',
  id: `conn/a1/projects/p/${name}`,
  connection: azure,
  projectName: 'p',
  group: name,
});

describe('tree children from the data service', () => {
  it('lists a connection’s projects sorted, under stable ids', async () => {
    const fake: Fake = { projects: [aProject('Zeta'), aProject('Alpha')], models: [], deployments: [], calls: [] };
    const children = await loadChildren(connectionNode(azure, false), fakeData(fake), signal);
    assert.deepEqual(
      children.map((c) => c.id),
      ['conn/a1/projects/Alpha', 'conn/a1/projects/Zeta'],
    );
    assert.deepEqual(children[0], projectNode(azure, aProject('Alpha')), 'pickers build the very same node');
  });

  it('offers to load the samples when the local service has no project', async () => {
    const fake: Fake = { projects: [], models: [], deployments: [], calls: [] };
    const [only] = await loadChildren(connectionNode(local, true), fakeData(fake), signal);
    assert.equal(only?.kind === 'message' ? only.action?.id : undefined, 'customText.samples.load');
  });

  it('names on each model the deployments that serve it, and on each deployment its model', async () => {
    const fake: Fake = {
      projects: [],
      models: [aModel('m2', 'id-2'), aModel('m1', 'id-1')],
      deployments: [aDeployment('staging', 'id-1'), aDeployment('production', 'id-2'), aDeployment('old', 'id-2')],
      calls: [],
    };
    const data = fakeData(fake);
    const models = await loadChildren(group('models'), data, signal);
    assert.deepEqual(
      models.map((m) => (m.kind === 'model' ? [m.id, m.deployments] : [])),
      [
        ['conn/a1/projects/p/models/m1', ['staging']],
        ['conn/a1/projects/p/models/m2', ['production', 'old']],
      ],
    );
    const deployments = await loadChildren(group('deployments'), data, signal);
    assert.deepEqual(
      deployments.map((d) => (d.kind === 'deployment' ? [d.deployment.deploymentName, d.modelLabel] : [])),
      [
        ['old', 'm2'],
        ['production', 'm2'],
        ['staging', 'm1'],
      ],
    );
  });

  it('says when a group is empty', async () => {
    const fake: Fake = { projects: [], models: [], deployments: [], calls: [] };
    const [only] = await loadChildren(group('jobs'), fakeData(fake), signal);
    assert.equal(only?.kind === 'message' ? only.text : undefined, 'No training jobs');
  });

  it('gives an Azure connection’s failure again for 30 s without asking it, until forgotten', async () => {
    let now = 0;
    const fake: Fake = { projects: new Error('refused'), models: [], deployments: [], calls: [] };
    const data = fakeData(fake, () => now);
    await assert.rejects(data.projects(azure), /refused/);
    now = 29_000;
    await assert.rejects(data.projects(azure), (e: unknown) => e instanceof RememberedFailure);
    assert.equal(fake.calls.length, 1, 'asked once');
    data.forget(azure.id);
    await assert.rejects(data.projects(azure), /refused/);
    now = 60_000;
    await assert.rejects(data.projects(azure), (e: unknown) => !(e instanceof RememberedFailure));
    assert.equal(fake.calls.length, 3, 'asked again once forgotten, and once the failure is old');
  });

  it('always asks the local service again (it is on loopback and recovers by itself)', async () => {
    const fake: Fake = { projects: new Error('starting'), models: [], deployments: [], calls: [] };
    const data = fakeData(fake);
    await assert.rejects(data.projects(local));
    await assert.rejects(data.projects(local), (e: unknown) => !(e instanceof RememberedFailure));
    assert.equal(fake.calls.length, 2);
  });
});

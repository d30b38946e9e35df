import * as assert from 'node:assert/strict';
import { placeOf, present, projectContents, projectSummary } from '../../../src/tree/nodes';
import type { Node } from '../../../src/tree/nodes';

const project = (kind: string, extra: Record<string, unknown> = {}): Node => ({
  kind: 'project',
  id: 'conn/x/projects/p',
  connection: { id: 'x', name: 'x', endpoint: 'https://x' },
  project: {
    projectName: 'p',
    projectKind: kind as 'CustomEntityRecognition',
    language: 'en-us',
    storageInputContainerName: 'docs',
    createdDateTime: '2022-04-18T13:53:03Z',
    lastModifiedDateTime: '2022-04-18T13:53:03Z',
    ...extra,
  },
});

describe('tree presentation', () => {
  it('gives each project kind its own icon', () => {
    const icons = ['CustomSingleLabelClassification', 'CustomMultiLabelClassification', 'CustomEntityRecognition'].map(
      (k) => present(project(k)).icon,
    );
    assert.equal(new Set(icons).size, 3);
  });

  it('knows which nodes’ requests go to the local service and which to Azure (for the advice of an error)', () => {
    assert.equal(placeOf(project('CustomEntityRecognition')), 'azure');
    const local: Node = {
      kind: 'connection',
      id: 'conn/local',
      connection: { id: 'local', name: 'Local', endpoint: 'http://127.0.0.1:1' },
      local: true,
    };
    assert.equal(placeOf(local), 'local');
    assert.equal(placeOf({ kind: 'message', id: 'm', severity: 'error', text: 'x' }), undefined);
  });

  it('shows language and description, and says when a project was never trained', () => {
    const p = present(project('CustomEntityRecognition', { description: 'Loans' }));
    assert.equal(p.description, 'en-us · Loans');
    assert.match(p.tooltip ?? '', /Never trained/);
    assert.equal(p.contextValue, 'customText:project+CustomEntityRecognition');
  });

  it('details a project’s documents, its split and its classes or entity types, shortening long lists', () => {
    const doc = (dataset?: 'Train' | 'Test') => ({ location: 'a.txt', ...(dataset ? { dataset } : {}) });
    assert.deepEqual(
      projectContents({
        projectKind: 'CustomSingleLabelClassification',
        classes: [{ category: 'Billing' }, { category: 'Technical' }],
        documents: [doc('Train'), doc('Train'), doc('Test')],
      }),
      ['Documents: 3 (2 training, 1 testing)', 'Classes (2): Billing, Technical'],
    );
    const many = Array.from({ length: 14 }, (_, i) => ({ category: `E${i}` }));
    const [documents, entities] = projectContents({
      projectKind: 'CustomEntityRecognition',
      entities: many,
      documents: [doc()],
    });
    assert.equal(documents, 'Documents: 1');
    assert.match(entities ?? '', /^Entity types \(14\): E0, E1, .*E11, 2 more$/);
    assert.deepEqual(projectContents(undefined), ['Documents: none labelled yet']);
  });

  it('sums a project up beside its name: documents, and classes or entity types', () => {
    const doc = { location: 'a.txt' };
    assert.equal(
      projectSummary({
        projectKind: 'CustomMultiLabelClassification',
        classes: [{ category: 'A' }],
        documents: [doc, doc],
      }),
      '2 documents · 1 class',
    );
    assert.equal(
      projectSummary({
        projectKind: 'CustomEntityRecognition',
        entities: [{ category: 'A' }, { category: 'B' }],
        documents: [doc],
      }),
      '1 document · 2 entity types',
    );
    assert.equal(projectSummary(undefined), 'no documents');
  });

  it('shows a model as deployed, and a running training job with its progress', () => {
    const connection = { id: 'x', name: 'x', endpoint: 'https://x' };
    const model = present({
      kind: 'model',
      id: 'm',
      connection,
      projectName: 'p',
      deployments: ['production'],
      model: {
        label: 'model1',
        modelId: 'model1-20220418T034749',
        lastTrainedDateTime: '2022-04-18T15:47:49.4334381Z',
        lastTrainingDurationInSeconds: 186,
        modelExpirationDate: '2022-10-28',
        modelTrainingConfigVersion: '2022-05-01',
      },
    });
    assert.equal(model.description, 'in production · trained 2022-04-18 15:47');
    assert.equal(model.contextValue, 'customText:model+deployed');
    const job = present({
      kind: 'trainingJob',
      id: 'j',
      connection,
      projectName: 'p',
      job: {
        jobId: 'j1',
        createdDateTime: '2022-04-18T15:44:44Z',
        lastUpdatedDateTime: '2022-04-18T15:45:44Z',
        status: 'running',
        result: {
          modelLabel: 'model1',
          trainingConfigVersion: 'latest',
          trainingStatus: { percentComplete: 40, status: 'running' },
        },
      },
    });
    assert.equal(job.description, 'running · 40% · 2022-04-18 15:44');
    assert.equal(job.icon, 'sync~spin');
  });

  it('leads a failed job’s tooltip with the reason, without a stale training status', () => {
    const failed = present({
      kind: 'trainingJob',
      id: 'j',
      connection: { id: 'x', name: 'x', endpoint: 'https://x' },
      projectName: 'p',
      job: {
        jobId: 'j2',
        createdDateTime: '2022-04-18T15:44:44Z',
        lastUpdatedDateTime: '2022-04-18T15:45:44Z',
        status: 'failed',
        errors: [{ code: 'InvalidRequest', message: 'The testing set has 0 labeled documents.' }],
        result: {
          modelLabel: 'model1',
          trainingConfigVersion: 'latest',
          // What a service may leave behind when a job fails early.
          trainingStatus: { percentComplete: 0, status: 'running' },
        },
      },
    });
    assert.equal(
      failed.tooltip,
      'The testing set has 0 labeled documents. (InvalidRequest)\nTraining failed\nJob j2, started 2022-04-18 15:44',
    );
  });

  it('makes an error node open the log', () => {
    const p = present({ kind: 'message', id: 'e', severity: 'error', text: 'Access denied', detail: 'HTTP 401' });
    assert.equal(p.command?.id, 'customText.showLog');
    assert.equal(p.description, 'HTTP 401');
  });

  it('marks the local connection apart from Azure ones', () => {
    const connection = { id: 'local', name: 'Local', endpoint: 'http://127.0.0.1:5000' };
    assert.equal(
      present({ kind: 'connection', id: 'c', connection, local: true }).contextValue,
      'customText:connection+local',
    );
    assert.equal(present({ kind: 'connection', id: 'c', connection, local: false }).description, '127.0.0.1:5000');
  });
});

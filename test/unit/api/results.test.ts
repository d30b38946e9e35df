// Normalisation of every result shape: GA, health-style entities with relations, and the retired previews.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaError } from '../../../src/api/errors';
import { summariseLegacyJob } from '../../../src/api/legacyJobs';
import { entityIndexFromRef, normalizeAnalyzeJob } from '../../../src/api/results';
import { legacyPublishJobSchema, legacyTrainingJobSchema } from '../../../src/contract/legacy';

const openapi = join(__dirname, '../../../../test/fixtures/openapi');

describe('api results: normalisation', () => {
  it('health-style entities: components, name, links, and relations resolved to entity indexes', () => {
    const example = JSON.parse(
      readFileSync(
        join(openapi, '2023-04-15-preview/examples/SuccessfulCustomHealthcareTaskStatusRequest.json'),
        'utf8',
      ),
    ) as { responses: { '200': { body: unknown } } };
    const result = normalizeAnalyzeJob(example.responses['200'].body);
    const doc = result.tasks[0]?.documents[0];
    assert.equal(result.tasks[0]?.kind, 'CustomHealthcare');
    assert.ok(doc?.entities);
    assert.deepEqual(doc.entities[0]?.components, [
      { kind: 'PrebuiltComponent', value: 'Dosage.Prebuilt' },
      { kind: 'ListComponent', value: 'ListKey' },
    ]);
    assert.equal(doc.entities[1]?.name, 'ibuprofen');
    assert.equal(doc.entities[3]?.links?.[0]?.id, 'C0020740');
    assert.deepEqual(doc.relations?.[0], {
      relationType: 'DosageOfMedication',
      confidenceScore: 1,
      roles: [
        { role: 'Dosage', entityIndex: 0 },
        { role: 'Medication', entityIndex: 1 },
      ],
    });
    const frequency = doc.relations[1]?.roles[1];
    assert.equal(frequency && doc.entities[frequency.entityIndex]?.text, 'twice daily');
  });

  it('accepts both pointer spellings, camelCase component kinds, and flags unresolvable references', () => {
    assert.deepEqual(entityIndexFromRef('#/documents/0/entities/3'), { documentIndex: 0, entityIndex: 3 });
    assert.deepEqual(entityIndexFromRef('#/results/documents/2/entities/1'), { documentIndex: 2, entityIndex: 1 });
    assert.equal(entityIndexFromRef('#/documents/0'), undefined);
    const result = normalizeAnalyzeJob({
      jobId: 'j',
      createdDateTime: 't',
      lastUpdateDateTime: 't',
      status: 'succeeded',
      tasks: {
        completed: 1,
        failed: 0,
        inProgress: 0,
        total: 1,
        items: [
          {
            kind: 'CustomHealthcareLROResults',
            status: 'succeeded',
            results: {
              errors: [],
              documents: [
                {
                  id: '1',
                  warnings: [],
                  entities: [
                    {
                      text: 'a',
                      category: 'X',
                      offset: 0,
                      length: 1,
                      confidenceScore: 1,
                      entityComponentInformation: [{ entityComponentKind: 'learnedComponent' }],
                      assertion: { certainty: 'negative' },
                    },
                  ],
                  relations: [
                    {
                      relationType: 'R',
                      entities: [
                        { ref: '#/documents/0/entities/0', role: 'A' },
                        { ref: '#/documents/0/entities/9', role: 'B' },
                      ],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
    });
    const doc = result.tasks[0]?.documents[0];
    assert.equal(doc?.entities?.[0]?.components?.[0]?.kind, 'LearnedComponent');
    assert.deepEqual(doc.entities[0].assertion, { certainty: 'negative' });
    assert.deepEqual(doc.relations?.[0]?.roles, [{ role: 'A', entityIndex: 0 }]);
    assert.equal(doc.warnings[0]?.code, 'UnresolvedRelationReference');
  });

  it('legacy v3.1-preview.ct.1: tasks.customMultiClassificationTasks[].results.documents[].classes', () => {
    const result = normalizeAnalyzeJob({
      createdDateTime: '2021-05-19T14:32:25Z',
      displayName: 'MyJobName',
      expirationDateTime: '2021-05-20T14:32:25Z',
      jobId: 'a0d7f4f8-1',
      lastUpdateDateTime: '2021-05-19T14:32:26Z',
      status: 'succeeded',
      errors: [],
      tasks: {
        details: { name: 'MyJobName', lastUpdateDateTime: '2021-05-19T14:32:26Z', status: 'succeeded' },
        completed: 1,
        failed: 0,
        inProgress: 0,
        total: 1,
        customMultiClassificationTasks: [
          {
            lastUpdateDateTime: '2021-05-19T14:32:26.5Z',
            name: 'MyJobName',
            status: 'succeeded',
            results: {
              documents: [
                {
                  id: 'doc1',
                  classes: [
                    { category: 'Action', confidenceScore: 0.8 },
                    { category: 'Drama', confidenceScore: 0.6 },
                  ],
                  warnings: [],
                },
              ],
              errors: [{ id: 'doc2', error: { code: 'InvalidArgument', message: 'Document text is empty.' } }],
              statistics: {
                documentsCount: 2,
                validDocumentsCount: 1,
                erroneousDocumentsCount: 1,
                transactionsCount: 1,
              },
            },
          },
        ],
      },
    });
    assert.equal(result.displayName, 'MyJobName');
    const task = result.tasks[0];
    assert.equal(task?.kind, 'CustomMultiLabelClassification');
    assert.equal(task.taskName, 'MyJobName');
    assert.deepEqual(
      task.documents[0]?.classes?.map((c) => c.category),
      ['Action', 'Drama'],
    );
    assert.equal(task.documents[1]?.error?.message, 'Document text is empty.');
  });

  it('legacy v3.2-preview.2: state, classification and classifications', () => {
    const result = normalizeAnalyzeJob({
      jobId: 'j',
      lastUpdateDateTime: 't',
      status: 'succeeded',
      tasks: {
        customSingleClassificationTasks: [
          {
            lastUpdateDateTime: 't',
            state: 'succeeded',
            results: {
              projectName: 'p',
              deploymentName: 'd',
              errors: [],
              documents: [{ id: '1', classification: { category: 'Sports', confidenceScore: 0.7 }, warnings: [] }],
            },
          },
        ],
        customMultiClassificationTasks: [
          {
            lastUpdateDateTime: 't',
            state: 'succeeded',
            results: {
              errors: [],
              documents: [{ id: '1', classifications: [{ category: 'A', confidenceScore: 0.5 }], warnings: [] }],
            },
          },
        ],
        customEntityRecognitionTasks: [
          {
            lastUpdateDateTime: 't',
            state: 'succeeded',
            results: {
              errors: [],
              documents: [
                {
                  id: '1',
                  entities: [{ text: 'x', category: 'C', offset: 1, length: 1, confidenceScore: 0.9 }],
                  warnings: [],
                },
              ],
            },
          },
        ],
      },
    });
    assert.deepEqual(
      result.tasks.map((t) => t.kind),
      ['CustomSingleLabelClassification', 'CustomMultiLabelClassification', 'CustomEntityRecognition'],
    );
    assert.equal(result.tasks[0]?.projectName, 'p');
    assert.equal(result.tasks[0].documents[0]?.classes?.[0]?.category, 'Sports');
    assert.equal(result.tasks[1]?.documents[0]?.classes?.[0]?.category, 'A');
    assert.equal(result.tasks[2]?.documents[0]?.entities?.[0]?.offset, 1);
  });

  it('legacy v1.0-preview.2 training and publish jobs parse', () => {
    const training = legacyTrainingJobSchema.parse({
      jobId: 'j',
      createdDateTime: 't',
      lastUpdatedDateTime: 't',
      expirationDateTime: 't',
      status: 'running',
      errors: [],
      inProgress: 1,
      completed: 0,
      failed: 0,
      total: 1,
      tasks: [
        {
          trainingModelName: 'MyModel',
          status: 'running',
          lastUpdatedDateTime: 't',
          evaluationStatus: { status: 'notStarted', lastUpdatedDateTime: 't' },
        },
      ],
    });
    assert.equal(training.tasks[0]?.trainingModelName, 'MyModel');
    const publish = legacyPublishJobSchema.parse({
      jobId: 'p',
      createdDateTime: 't',
      lastUpdatedDateTime: 't',
      status: 'succeeded',
      errors: [],
      tasks: [
        { modelId: 'guid_MultiClassification_latest', status: 'succeeded', lastUpdatedDateTime: 't', error: null },
      ],
    });
    assert.equal(publish.tasks[0]?.modelId, 'guid_MultiClassification_latest');
  });

  it('legacy jobs summarise into status, progress, models and errors', () => {
    const training = summariseLegacyJob({
      jobId: 'j',
      createdDateTime: 't',
      lastUpdatedDateTime: 't',
      status: 'running',
      errors: [],
      inProgress: 1,
      completed: 1,
      failed: 0,
      total: 2,
      tasks: [
        { trainingModelName: 'A', status: 'succeeded', lastUpdatedDateTime: 't' },
        { trainingModelName: 'B', status: 'running', lastUpdatedDateTime: 't' },
      ],
    });
    assert.deepEqual(training, { jobId: 'j', status: 'running', percentComplete: 50, models: ['A', 'B'], errors: [] });
    const publish = summariseLegacyJob({
      jobId: 'p',
      createdDateTime: 't',
      lastUpdatedDateTime: 't',
      status: 'failed',
      errors: [],
      tasks: [
        {
          modelId: 'm_latest',
          status: 'failed',
          lastUpdatedDateTime: 't',
          error: { code: 'InternalServerError', message: 'publish failed' },
        },
      ],
    });
    assert.equal(publish.percentComplete, 100);
    assert.equal(publish.errors[0]?.message, 'publish failed');
    assert.throws(() => summariseLegacyJob({ jobId: 'x' }), SchemaError);
  });

  it('a body that matches no known shape is a SchemaError', () => {
    assert.throws(() => normalizeAnalyzeJob({ jobId: 'j', status: 'succeeded' }), SchemaError);
    assert.throws(
      () =>
        normalizeAnalyzeJob({
          jobId: 'j',
          createdDateTime: 't',
          lastUpdatedDateTime: 't',
          status: 'succeeded',
          tasks: {
            completed: 1,
            failed: 0,
            inProgress: 0,
            total: 1,
            items: [
              {
                kind: 'CustomEntityRecognitionLROResults',
                status: 'succeeded',
                results: { documents: [{ id: '1', entities: 'none' }] },
              },
            ],
          },
        }),
      SchemaError,
    );
  });
});

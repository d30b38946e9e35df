// Every example payload of the official specs, and every labels file of the sample data, parses with its schema.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { normalizeAnalyzeJob } from '../../../src/api/results';
import { analyzeTextJobStateSchema, analyzeTextJobsInputSchema } from '../../../src/contract/analyze';
import { pagedSchema } from '../../../src/contract/common';
import { createDeploymentOptionsSchema, deploymentSchema } from '../../../src/contract/deployment';
import { documentEvaluationResultSchema, evaluationSummarySchema } from '../../../src/contract/evaluation';
import { exportJobStateSchema, jobStateSchema, trainingJobStateSchema } from '../../../src/contract/job';
import { exportedProjectSchema } from '../../../src/contract/labels';
import { trainedModelSchema, trainingJobOptionsSchema } from '../../../src/contract/model';
import {
  createProjectOptionsSchema,
  projectMetadataSchema,
  supportedLanguageSchema,
  trainingConfigVersionSchema,
} from '../../../src/contract/project';

const openapi = join(__dirname, '../../../../test/fixtures/openapi');
const dataDir = join(__dirname, '../../../../samples');

interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, string>; body?: unknown }>;
}

function readExample(relative: string): Example {
  return JSON.parse(readFileSync(join(openapi, relative), 'utf8')) as Example;
}

/** What each example holds: the schema of its request body and of each response body. */
const expectations: Record<
  string,
  { request?: z.ZodType; responses: Record<string, z.ZodType | 'operation-location' | 'empty'> }
> = {
  'SuccessfulAnalyzeTextJobsCancelRequest.json': { responses: { '202': 'operation-location' } },
  'SuccessfulAnalyzeTextJobsMultipleTaskStatusRequest.json': { responses: { '200': analyzeTextJobStateSchema } },
  'SuccessfulAnalyzeTextJobsMultipleTaskSubmitRequest.json': {
    request: analyzeTextJobsInputSchema,
    responses: { '202': 'operation-location' },
  },
  'analyzetext-authoring/SuccessfulCancelTrainingJob.json': { responses: { '202': 'operation-location' } },
  'analyzetext-authoring/SuccessfulCreateProject.json': {
    request: createProjectOptionsSchema,
    responses: { '200': projectMetadataSchema, '201': projectMetadataSchema },
  },
  'analyzetext-authoring/SuccessfulDeleteDeployment.json': { responses: { '202': 'operation-location' } },
  'analyzetext-authoring/SuccessfulDeleteModel.json': { responses: { '204': 'empty' } },
  'analyzetext-authoring/SuccessfulDeleteProject.json': { responses: { '202': 'operation-location' } },
  'analyzetext-authoring/SuccessfulDeployProject.json': {
    request: createDeploymentOptionsSchema,
    responses: { '202': 'operation-location' },
  },
  'analyzetext-authoring/SuccessfulExportProject.json': { responses: { '202': 'operation-location' } },
  'analyzetext-authoring/SuccessfulGetExportStatus.json': { responses: { '200': exportJobStateSchema } },
  'analyzetext-authoring/SuccessfulGetImportStatus.json': { responses: { '200': jobStateSchema } },
  'analyzetext-authoring/SuccessfulGetLoadSnapshotStatus.json': { responses: { '200': jobStateSchema } },
  'analyzetext-authoring/SuccessfulGetModel.json': { responses: { '200': trainedModelSchema } },
  'analyzetext-authoring/SuccessfulGetModelEvaluation.json': {
    responses: { '200': pagedSchema(documentEvaluationResultSchema) },
  },
  'analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json': { responses: { '200': evaluationSummarySchema } },
  'analyzetext-authoring/SuccessfulGetProjectDeletionStatus.json': { responses: { '200': jobStateSchema } },
  'analyzetext-authoring/SuccessfulGetSupportedLanguages.json': {
    responses: { '200': pagedSchema(supportedLanguageSchema) },
  },
  'analyzetext-authoring/SuccessfulGetSupportedTrainingConfigVersions.json': {
    responses: { '200': pagedSchema(trainingConfigVersionSchema) },
  },
  'analyzetext-authoring/SuccessfulGetSwapDeploymentsStatus.json': { responses: { '200': jobStateSchema } },
  'analyzetext-authoring/SuccessfulImportProject.json': {
    request: exportedProjectSchema,
    responses: { '202': 'operation-location' },
  },
  'analyzetext-authoring/SuccessfulListDeployments.json': { responses: { '200': pagedSchema(deploymentSchema) } },
  'analyzetext-authoring/SuccessfulListModels.json': { responses: { '200': pagedSchema(trainedModelSchema) } },
  'analyzetext-authoring/SuccessfulListProjects.json': { responses: { '200': pagedSchema(projectMetadataSchema) } },
  'analyzetext-authoring/SuccessfulListTrainingJobs.json': {
    responses: { '200': pagedSchema(trainingJobStateSchema) },
  },
  'analyzetext-authoring/SuccessfulLoadSnapshot.json': { responses: { '202': 'operation-location' } },
  'analyzetext-authoring/SuccessfulTrainProject.json': {
    request: trainingJobOptionsSchema,
    responses: { '202': 'operation-location' },
  },
  'analyzetext-authoring/TextAnalysisAuthoring_SuccessfulGetProjectDeletionStatus.json': {
    responses: { '200': jobStateSchema },
  },
  'analyzetext-authoring/TextAnalysisAuthoring_SuccessfulListModels.json': {
    responses: { '200': pagedSchema(trainedModelSchema) },
  },
};

const previewExpectations: typeof expectations = {
  'SuccessfulCustomHealthcarePostRequest.json': {
    request: analyzeTextJobsInputSchema,
    responses: { '202': 'operation-location' },
  },
  'SuccessfulCustomHealthcareTaskStatusRequest.json': { responses: { '200': analyzeTextJobStateSchema } },
};

function checkExample(folder: string, name: string, expected: (typeof expectations)[string]): void {
  const example = readExample(`${folder}/examples/${name}`);
  if (expected.request) {
    const result = expected.request.safeParse(example.parameters.body);
    assert.ok(result.success, `${name} request: ${result.error?.message ?? ''}`);
  }
  assert.deepEqual(Object.keys(example.responses).sort(), Object.keys(expected.responses).sort(), name);
  for (const [status, schema] of Object.entries(expected.responses)) {
    const response = example.responses[status];
    assert.ok(response, `${name} ${status}`);
    if (schema === 'operation-location') {
      const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      assert.match(headers['operation-location'] ?? '', /jobs\/[^/?]+/, `${name}: operation-location`);
    } else if (schema === 'empty') {
      assert.equal(response.body, undefined);
    } else {
      const result = schema.safeParse(response.body);
      assert.ok(result.success, `${name} ${status}: ${result.error?.message ?? ''}`);
    }
  }
}

describe('api schemas: official example payloads', () => {
  const listed = [
    ...readdirSync(join(openapi, '2023-04-01/examples')).filter((f) => f.endsWith('.json')),
    ...readdirSync(join(openapi, '2023-04-01/examples/analyzetext-authoring')).map((f) => `analyzetext-authoring/${f}`),
  ].sort();

  it('has an expectation for every 2023-04-01 example file', () => {
    assert.deepEqual(listed, Object.keys(expectations).sort());
  });

  for (const [name, expected] of Object.entries(expectations)) {
    it(`parses ${name}`, () => {
      checkExample('2023-04-01', name, expected);
    });
  }
  for (const [name, expected] of Object.entries(previewExpectations)) {
    it(`parses preview ${name}`, () => {
      checkExample('2023-04-15-preview', name, expected);
    });
  }

  it('keeps the values that matter from the examples', () => {
    const summary = evaluationSummarySchema.parse(
      readExample('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluationSummary.json').responses['200']
        ?.body,
    );
    assert.equal(summary.projectKind, 'CustomEntityRecognition');
    assert.equal(summary.customEntityRecognitionEvaluation.microF1, 0.94845366);
    assert.equal(
      summary.customEntityRecognitionEvaluation.confusionMatrix.BorrowerAddress?.$none?.rawValue,
      0.55172414,
    );
    assert.equal(summary.evaluationOptions.kind, 'percentage');

    const training = pagedSchema(trainingJobStateSchema).parse(
      readExample('2023-04-01/examples/analyzetext-authoring/SuccessfulListTrainingJobs.json').responses['200']?.body,
    );
    assert.equal(training.value[0]?.result.trainingStatus.percentComplete, 100);
    assert.equal(training.value[0].lastUpdatedDateTime, '2022-04-18T15:47:50Z');

    const evaluation = pagedSchema(documentEvaluationResultSchema).parse(
      readExample('2023-04-01/examples/analyzetext-authoring/SuccessfulGetModelEvaluation.json').responses['200']?.body,
    );
    assert.match(evaluation.nextLink ?? '', /skip=100/);
  });

  it('normalises the runtime status example: custom task kept, prebuilt task ignored', () => {
    const body = readExample('2023-04-01/examples/SuccessfulAnalyzeTextJobsMultipleTaskStatusRequest.json').responses[
      '200'
    ]?.body;
    const result = normalizeAnalyzeJob(body);
    assert.equal(result.tasks.length, 1);
    const task = result.tasks[0];
    assert.equal(task?.kind, 'CustomEntityRecognition');
    assert.equal(task.projectName, 'MyProject');
    assert.deepEqual(task.documents[0]?.entities?.[0], {
      text: 'Pacific Northwest',
      category: 'USRegion',
      offset: 45,
      length: 17,
      confidenceScore: 0.85,
    });
  });
});

describe('api schemas: sample labels files', () => {
  const files = [
    ['loan-agreements/loanAgreementsLabels.json', 'CustomEntityRecognition', 20],
    ['movie-summaries/movieLabels.json', 'CustomMultiLabelClassification', 210],
    ['web-of-science/webOfScience_labelsFile.json', 'CustomSingleLabelClassification', 210],
  ] as const;
  for (const [file, kind, count] of files) {
    it(`parses ${file} as ${kind}`, () => {
      const project = exportedProjectSchema.parse(JSON.parse(readFileSync(join(dataDir, file), 'utf8')));
      assert.equal(project.metadata.projectKind, kind);
      // movieLabels.json spells it "customMultiLabelClassification": normalised.
      assert.equal(project.assets?.projectKind, kind);
      assert.ok(project.assets.documents.length >= count);
    });
  }

  it('keeps CRLF-counting label offsets of the loan agreements intact', () => {
    const project = exportedProjectSchema.parse(
      JSON.parse(readFileSync(join(dataDir, 'loan-agreements/loanAgreementsLabels.json'), 'utf8')),
    );
    assert.equal(project.assets?.projectKind, 'CustomEntityRecognition');
    const doc = project.assets.documents.find((d) => d.location === '01.txt');
    const text = readFileSync(join(dataDir, 'loan-agreements/01.txt'), 'utf8');
    for (const region of doc?.entities ?? []) {
      for (const label of region.labels) {
        assert.ok(label.offset + label.length <= text.length);
      }
    }
    const date = doc?.entities?.[0]?.labels.find((l) => l.category === 'Date');
    assert.ok(date);
    assert.equal(text.slice(date.offset, date.offset + date.length).trim().length > 0, true);
  });

  it('rejects a labels file whose documents use an undeclared class, naming the document', () => {
    const result = exportedProjectSchema.safeParse({
      projectFileVersion: '2022-05-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: 'CustomSingleLabelClassification',
        projectName: 'p',
        language: 'en',
        storageInputContainerName: 'c',
      },
      assets: {
        projectKind: 'CustomSingleLabelClassification',
        classes: [{ category: 'A' }],
        documents: [{ location: 'one.txt', class: { category: 'B' } }],
      },
    });
    assert.equal(result.success, false);
    assert.match(result.error.issues[0]?.message ?? '', /one\.txt uses undeclared category "B"/);
  });

  it('rejects an entity label outside its region and a wrong stringIndexType', () => {
    const base = {
      projectFileVersion: '2022-05-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: 'CustomEntityRecognition',
        projectName: 'p',
        language: 'en',
        storageInputContainerName: 'c',
      },
      assets: {
        projectKind: 'CustomEntityRecognition',
        entities: [{ category: 'Date' }],
        documents: [
          {
            location: 'a.txt',
            entities: [{ regionOffset: 0, regionLength: 10, labels: [{ category: 'Date', offset: 8, length: 5 }] }],
          },
        ],
      },
    };
    const outside = exportedProjectSchema.safeParse(base);
    assert.equal(outside.success, false);
    assert.match(outside.error.issues[0]?.message ?? '', /outside its region/);
    const wrongIndex = exportedProjectSchema.safeParse({
      ...base,
      stringIndexType: 'TextElements_v8',
      assets: undefined,
    });
    assert.equal(wrongIndex.success, false);
  });
});

// api-version 2025-05-15-preview, the default of today's authoring SDKs: served by the local service and usable by
// the client, from the same contract; responses carry every field the official examples show.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { LanguageClient } from '../../../src/api/client';
import { pagedSchema } from '../../../src/contract/common';
import { deploymentSchema } from '../../../src/contract/deployment';
import { trainingJobStateSchema } from '../../../src/contract/job';
import { exportedProjectSchema } from '../../../src/contract/labels';
import { trainedModelSchema } from '../../../src/contract/model';
import { createProjectOptionsSchema, projectMetadataSchema } from '../../../src/contract/project';
import { openapiDir } from '../../officialExamples';
import { runningService, singleLabelProject } from './fixtures';
import { call, operationLocation, rawCall, waitForJob } from './http';

const V = 'api-version=2025-05-15-preview';
const A = '/language/authoring/analyze-text';
const examples = join(openapiDir, '2025-05-15-preview', 'examples', 'analyzetext-authoring');

function example(name: string): { parameters: Record<string, unknown>; body: unknown } {
  const e = JSON.parse(readFileSync(join(examples, name), 'utf8')) as {
    parameters: Record<string, unknown>;
    responses: Record<string, { body?: unknown }>;
  };
  return { parameters: e.parameters, body: e.responses['200']?.body ?? e.responses['201']?.body };
}

/** The keys of an example body (of its first item for a list). */
function exampleKeys(body: unknown): string[] {
  const record = body as Record<string, unknown> & { value?: Record<string, unknown>[] };
  return Object.keys(record.value?.[0] ?? record).sort();
}

describe('api-version 2025-05-15-preview', function () {
  this.timeout(20_000);
  const local = runningService({ once: true });

  it('parses the official 2025-05-15-preview examples with the contract’s schemas', () => {
    const cases: [string, z.ZodType][] = [
      ['SuccessfulGetDeployment.json', deploymentSchema],
      ['SuccessfulListDeployments.json', pagedSchema(deploymentSchema)],
      ['SuccessfulGetModel.json', trainedModelSchema],
      ['SuccessfulListModels.json', pagedSchema(trainedModelSchema)],
      ['SuccessfulGetProject.json', projectMetadataSchema],
      ['SuccessfulListProjects.json', pagedSchema(projectMetadataSchema)],
      ['SuccessfulListTrainingJobs.json', pagedSchema(trainingJobStateSchema)],
    ];
    for (const [name, schema] of cases) {
      const result = schema.safeParse(example(name).body);
      assert.ok(result.success, `${name}: ${result.error?.message ?? ''}`);
    }
    assert.ok(createProjectOptionsSchema.safeParse(example('SuccessfulCreateProject.json').parameters.body).success);
    const raw = example('SuccessfulImportRawJson.json').parameters.body;
    assert.ok(exportedProjectSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw).success);
  });

  it('serves the whole flow, with every field the examples show', async () => {
    const key = local.service.key;
    const url = (p: string): string => `${local.service.endpoint}${A}${p}?${V}`;
    const done = async (res: Awaited<ReturnType<typeof call>>): Promise<void> => {
      assert.equal(res.status, 202, res.text);
      assert.equal((await waitForJob(operationLocation(res), key)).status, 'succeeded');
    };
    const labels = JSON.stringify({
      ...singleLabelProject('p', 'docs'),
      metadata: { ...(singleLabelProject('p', 'docs').metadata as object), description: 'd', multilingual: false },
    });
    const imported = await rawCall(local.service.endpoint, 'POST', `${A}/projects/p/:import?${V}`, {
      key,
      body: labels,
    });
    await done(imported); // no format header: json
    await done(
      await call('POST', url('/projects/p/:train'), {
        key,
        body: { modelLabel: 'm1', trainingConfigVersion: 'latest', evaluationOptions: { kind: 'manual' } },
      }),
    );
    await done(await call('PUT', url('/projects/p/deployments/prod'), { key, body: { trainedModelLabel: 'm1' } }));
    const checks: [string, string][] = [
      ['/projects/p/deployments/prod', 'SuccessfulGetDeployment.json'],
      ['/projects/p/deployments', 'SuccessfulListDeployments.json'],
      ['/projects/p/models/m1', 'SuccessfulGetModel.json'],
      ['/projects/p/models', 'SuccessfulListModels.json'],
      ['/projects/p', 'SuccessfulGetProject.json'],
      ['/projects', 'SuccessfulListProjects.json'],
      ['/projects/p/train/jobs', 'SuccessfulListTrainingJobs.json'],
    ];
    for (const [path, name] of checks) {
      const res = await call('GET', url(path), { key });
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      const ours = new Set(exampleKeys(res.json));
      // storageAccountResourceId is in the project examples but not in the spec's ProjectMetadata.
      const missing = exampleKeys(example(name).body).filter((k) => !ours.has(k) && k !== 'storageAccountResourceId');
      assert.deepEqual(missing, [], `${path} lacks what ${name} shows`);
    }
    const deployment = (await call('GET', url('/projects/p/deployments/prod'), { key })).json as Record<
      string,
      unknown
    >;
    assert.deepEqual(deployment.assignedResources, []);
    const dataGeneration = await call('POST', url('/projects/p/:train'), {
      key,
      body: {
        modelLabel: 'm2',
        trainingConfigVersion: 'latest',
        dataGenerationSettings: { enableDataGeneration: true },
      },
    });
    assert.equal(dataGeneration.status, 400, dataGeneration.text);
    const submit = await call('POST', `${local.service.endpoint}/language/analyze-text/jobs?${V}`, {
      key,
      body: {
        analysisInput: { documents: [{ id: '1', text: 'sports match' }] },
        tasks: [{ kind: 'CustomSingleLabelClassification', parameters: { projectName: 'p', deploymentName: 'prod' } }],
      },
    });
    assert.equal((await waitForJob(operationLocation(submit), key)).status, 'succeeded');
  });

  it('refuses an import format other than json', async () => {
    const res = await call('POST', `${local.service.endpoint}${A}/projects/r/:import?${V}`, {
      key: local.service.key,
      body: singleLabelProject('r', 'docs'),
      headers: { format: 'aml' },
    });
    assert.equal(res.status, 400, res.text);
  });

  it('is a version the client can be set to, against the local service', async () => {
    const client = new LanguageClient({
      endpoint: local.service.endpoint,
      credential: { key: local.service.key },
      apiVersion: '2025-05-15-preview',
      poll: { initialIntervalMs: 10, maxIntervalMs: 50, backoffFactor: 1.5 },
    });
    const projects = await client.listProjects();
    assert.ok(projects.some((p) => p.projectName === 'p'));
    const deployments = await client.listDeployments('p');
    assert.deepEqual(deployments[0]?.assignedResources, []);
  });

  it('answers every operation of the spec: served, or 501 saying the local service does not offer it', async () => {
    const spec = JSON.parse(
      readFileSync(join(openapiDir, '2025-05-15-preview', 'analyzetext-authoring.json'), 'utf8'),
    ) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const unserved: string[] = [];
    for (const [template, operations] of Object.entries(spec.paths)) {
      // Every parameter filled with a valid name that exists nowhere: a served route answers 404 or 400, never 501.
      const path = template.replace(/\?.*$/, '').replace(/\{[A-Za-z]+\}/g, 'absent1');
      for (const method of Object.keys(operations)) {
        const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const res = await call(verb, `${local.service.endpoint}/language${path}?${V}`, {
          key: local.service.key,
          body: {},
        });
        assert.notEqual(res.status, 405, `${verb} ${template}`);
        if (res.status !== 501) continue;
        assert.match(JSON.stringify(res.json), /The local service does not offer .+: use an Azure Language resource/);
        unserved.push(`${verb} ${template}`);
      }
    }
    // Copy, exported models, evaluation on demand, deployment resources and prebuilt entities.
    assert.equal(unserved.length, 20, unserved.join('\n'));
    assert.ok(
      unserved.includes('POST /authoring/analyze-text/projects/{projectName}/models/{trainedModelLabel}/:evaluate'),
    );
  });
});

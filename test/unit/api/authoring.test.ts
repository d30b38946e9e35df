// Every authoring operation hits the documented method and path, answered with the official example payloads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aJob, aTrainingJob, endpoint, harness, projectsPath } from './helpers';
import { exportedProjectSchema } from '../../../src/contract/labels';

const examples = join(__dirname, '../../../../test/fixtures/openapi/2023-04-01/examples/analyzetext-authoring');

function example(name: string): { parameters: { body?: unknown }; responses: Record<string, { body?: unknown }> } {
  return JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8')) as ReturnType<typeof example>;
}

function exampleBody(name: string, status = '200'): unknown {
  return example(name).responses[status]?.body;
}

const p = `${projectsPath}/LoanAgreements`;
const location = (path: string): Record<string, string> => ({
  'operation-location': `${endpoint}${path}?api-version=2023-04-01`,
});

describe('api authoring operations', () => {
  it('projects: get, delete and wait', async () => {
    const h = harness();
    h.on('GET', p, 200, (exampleBody('SuccessfulListProjects') as { value: unknown[] }).value[0]);
    assert.equal((await h.client.getProject('LoanAgreements')).projectKind, 'CustomEntityRecognition');

    h.on('DELETE', p, 202, undefined, location(`${projectsPath}/global/deletion-jobs/del1`));
    h.on('GET', `${projectsPath}/global/deletion-jobs/del1`, 200, exampleBody('SuccessfulGetProjectDeletionStatus'));
    assert.equal((await h.client.deleteProjectAndWait('LoanAgreements')).status, 'succeeded');
  });

  it('training: list jobs, get, cancel', async () => {
    const h = harness();
    h.on('GET', `${p}/train/jobs`, 200, exampleBody('SuccessfulListTrainingJobs'));
    const jobs = await h.client.listTrainingJobs('LoanAgreements');
    assert.equal(jobs[0]?.result.modelLabel, 'model1');
    h.on('POST', `${p}/train/jobs/j1/:cancel`, 202, undefined, location(`${p}/train/jobs/j1`));
    assert.match(await h.client.cancelTrainingJob('LoanAgreements', 'j1'), /train\/jobs\/j1/);
  });

  it('models: list, delete (204), evaluation summary and paged per-document results', async () => {
    const h = harness();
    h.on('GET', `${p}/models`, 200, exampleBody('SuccessfulListModels'));
    assert.deepEqual(
      (await h.client.listModels('LoanAgreements')).map((m) => m.label),
      ['model1', 'model2'],
    );
    h.on('DELETE', `${p}/models/model2`, 204);
    await h.client.deleteModel('LoanAgreements', 'model2');

    h.on(
      'GET',
      `${p}/models/model2/evaluation/summary-result`,
      200,
      exampleBody('SuccessfulGetModelEvaluationSummary'),
    );
    assert.equal(
      (await h.client.getEvaluationSummary('LoanAgreements', 'model2')).projectKind,
      'CustomEntityRecognition',
    );

    const firstPage = exampleBody('SuccessfulGetModelEvaluation') as { value: unknown[]; nextLink: string };
    // The example's nextLink points at api.example.com; serve it from our endpoint instead.
    const nextLink = firstPage.nextLink.replace('https://api.example.com', endpoint);
    h.on('GET', `${p}/models/model2/evaluation/result`, 200, { ...firstPage, nextLink });
    h.on('GET', `${p}/models/model2/evaluation/result/`, 200, { value: firstPage.value.slice(0, 1), nextLink: null });
    const results = await h.client.listEvaluationResults('LoanAgreements', 'model2', { pageSize: 10 });
    assert.equal(results.length, firstPage.value.length + 1);
    const evalRequest = h.seen.find((r) => r.path.includes('/evaluation/result?'));
    assert.match(evalRequest?.path ?? '', /stringIndexType=Utf16CodeUnit/);
    assert.match(evalRequest?.path ?? '', /maxpagesize=10/);
  });

  it('deployments: list, deploy, delete, swap and their jobs', async () => {
    const h = harness();
    h.on('GET', `${p}/deployments`, 200, exampleBody('SuccessfulListDeployments'));
    const deployments = await h.client.listDeployments('LoanAgreements');
    assert.deepEqual(
      deployments.map((d) => d.deploymentName),
      ['production', 'staging'],
    );
    assert.equal(deployments[0]?.deploymentExpirationDate, '2023-10-28');

    h.on('PUT', `${p}/deployments/production`, 202, undefined, location(`${p}/deployments/production/jobs/d1`));
    h.on('GET', `${p}/deployments/production/jobs/d1`, 200, aJob('succeeded'));
    await h.client.deployAndWait('LoanAgreements', 'production', { trainedModelLabel: 'model1' });
    assert.deepEqual(h.seen.at(-2)?.body, { trainedModelLabel: 'model1' });

    h.on('DELETE', `${p}/deployments/staging`, 202, undefined, location(`${p}/deployments/staging/jobs/d2`));
    h.on('GET', `${p}/deployments/staging/jobs/d2`, 200, aJob('succeeded'));
    await h.client.deleteDeploymentAndWait('LoanAgreements', 'staging');

    h.on('POST', `${p}/deployments/:swap`, 202, undefined, location(`${p}/deployments/swap/jobs/s1`));
    h.on('GET', `${p}/deployments/swap/jobs/s1`, 200, exampleBody('SuccessfulGetSwapDeploymentsStatus'));
    await h.client.swapDeploymentsAndWait('LoanAgreements', {
      firstDeploymentName: 'production',
      secondDeploymentName: 'staging',
    });
    assert.deepEqual(h.seen.at(-2)?.body, { firstDeploymentName: 'production', secondDeploymentName: 'staging' });
  });

  it('a training job started elsewhere is watched by its jobId, with combined progress', async () => {
    const h = harness();
    h.on('GET', `${p}/train/jobs/j%201`, 200, aTrainingJob('running', 50, 0));
    h.on('GET', `${p}/train/jobs/j%201`, 200, aTrainingJob('succeeded', 100, 100));
    const percents: (number | undefined)[] = [];
    const job = await h.client.waitForTraining('LoanAgreements', 'j 1', {
      onProgress: (progress) => percents.push(progress.percentComplete),
    });
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(percents, [45, 100]);
  });

  it('import and export: submit, wait for the job, download the labels file', async () => {
    const h = harness();
    const labels = exportedProjectSchema.parse(example('SuccessfulImportProject').parameters.body);
    h.on('POST', `${p}/:import`, 202, undefined, location(`${p}/import/jobs/i1`));
    h.on('GET', `${p}/import/jobs/i1`, 200, exampleBody('SuccessfulGetImportStatus'));
    assert.equal((await h.client.importProjectAndWait(labels)).status, 'succeeded');
    h.on('POST', `${p}/:export`, 202, undefined, location(`${p}/export/jobs/e1`));
    h.on('GET', `${p}/export/jobs/e1`, 200, {
      ...aJob('succeeded'),
      resultUrl: `${endpoint}${p}/export/jobs/e1/result`,
    });
    h.on('GET', `${p}/export/jobs/e1/result`, 200, labels);
    assert.equal((await h.client.exportProjectAndWait('LoanAgreements')).metadata.projectName, 'LoanAgreements');
    assert.match(h.seen.find((r) => r.path.includes('/:export'))?.path ?? '', /stringIndexType=Utf16CodeUnit/);
  });
});

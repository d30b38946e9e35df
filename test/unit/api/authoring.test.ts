// Every authoring operation hits the documented method and path, answered with the official example payloads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aJob, endpoint, harness, projectsPath } from './helpers';

const examples = join(__dirname, '../../../../test/fixtures/openapi/2023-04-01/examples/analyzetext-authoring');

function exampleBody(name: string, status = '200'): unknown {
  const example = JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8')) as {
    responses: Record<string, { body?: unknown }>;
  };
  return example.responses[status]?.body;
}

const p = `${projectsPath}/LoanAgreements`;
const location = (path: string): Record<string, string> => ({
  'operation-location': `${endpoint}${path}?api-version=2023-04-01`,
});

describe('api authoring operations', () => {
  it('projects: create (201) / update (200), get, delete and wait', async () => {
    const h = harness();
    h.on('PATCH', p, 201, exampleBody('SuccessfulCreateProject', '201'));
    h.on('PATCH', p, 200, exampleBody('SuccessfulCreateProject', '200'));
    const options = {
      projectName: 'LoanAgreements',
      projectKind: 'CustomEntityRecognition' as const,
      language: 'en',
      storageInputContainerName: 'loanagreements',
    };
    assert.equal((await h.client.createOrUpdateProject(options)).created, true);
    const updated = await h.client.createOrUpdateProject(options);
    assert.equal(updated.created, false);
    assert.equal(updated.project.lastTrainedDateTime, '2022-04-18T14:14:28Z');
    assert.equal(h.seen[0]?.headers['content-type'], 'application/merge-patch+json');

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

  it('models: list, get, delete (204), evaluation summary and paged per-document results, load snapshot', async () => {
    const h = harness();
    h.on('GET', `${p}/models`, 200, exampleBody('SuccessfulListModels'));
    assert.deepEqual(
      (await h.client.listModels('LoanAgreements')).map((m) => m.label),
      ['model1', 'model2'],
    );
    h.on('GET', `${p}/models/model1`, 200, exampleBody('SuccessfulGetModel'));
    assert.equal((await h.client.getModel('LoanAgreements', 'model1')).hasSnapshot, true);
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

    h.on(
      'POST',
      `${p}/models/model1/:load-snapshot`,
      202,
      undefined,
      location(`${p}/models/model1/load-snapshot/jobs/s1`),
    );
    h.on('GET', `${p}/models/model1/load-snapshot/jobs/s1`, 200, exampleBody('SuccessfulGetLoadSnapshotStatus'));
    h.on('GET', `${p}/models/model1/load-snapshot/jobs/s1`, 200, aJob('succeeded'));
    assert.equal((await h.client.loadSnapshotAndWait('LoanAgreements', 'model1')).status, 'succeeded');
  });

  it('deployments: list, get, deploy, delete, swap and their jobs', async () => {
    const h = harness();
    h.on('GET', `${p}/deployments`, 200, exampleBody('SuccessfulListDeployments'));
    const deployments = await h.client.listDeployments('LoanAgreements');
    assert.deepEqual(
      deployments.map((d) => d.deploymentName),
      ['production', 'staging'],
    );
    h.on('GET', `${p}/deployments/production`, 200, deployments[0]);
    assert.equal((await h.client.getDeployment('LoanAgreements', 'production')).deploymentExpirationDate, '2023-10-28');

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

  it('global: training config versions (with projectKind) and supported languages', async () => {
    const h = harness();
    h.on(
      'GET',
      `${projectsPath}/global/training-config-versions`,
      200,
      exampleBody('SuccessfulGetSupportedTrainingConfigVersions'),
    );
    const versions = await h.client.listTrainingConfigVersions({ projectKind: 'CustomEntityRecognition' });
    assert.equal(versions[0]?.trainingConfigVersion, '2022-05-01');
    assert.match(h.seen[0]?.path ?? '', /projectKind=CustomEntityRecognition/);
    h.on('GET', `${projectsPath}/global/languages`, 200, exampleBody('SuccessfulGetSupportedLanguages'));
    const languages = await h.client.listSupportedLanguages();
    assert.ok(languages.some((l) => l.languageCode === 'en-us'));
  });

  it('import and export jobs can be read by jobId', async () => {
    const h = harness();
    h.on('GET', `${p}/import/jobs/i1`, 200, exampleBody('SuccessfulGetImportStatus'));
    assert.equal((await h.client.getImportJob('LoanAgreements', 'i1')).status, 'succeeded');
    h.on('GET', `${p}/export/jobs/e1`, 200, exampleBody('SuccessfulGetExportStatus'));
    assert.match((await h.client.getExportJob('LoanAgreements', 'e1')).resultUrl ?? '', /\/result\?/);
  });
});

// Bad input is refused before anything is sent, with a message that says what to fix.
import assert from 'node:assert/strict';
import { ValidationError } from '../../../src/api/errors';
import { harness } from './helpers';

describe('api validation before sending', () => {
  it('training options: splits must add up to 100, the model label must be a valid name', async () => {
    const h = harness();
    await assert.rejects(
      h.client.beginTrain('p', {
        modelLabel: 'm',
        trainingConfigVersion: 'latest',
        evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 30 },
      }),
      (e: unknown) => e instanceof ValidationError && /add up to 100/.test(e.message),
    );
    await assert.rejects(
      h.client.beginTrain('p', { modelLabel: 'my model', trainingConfigVersion: 'latest' }),
      /model name "my model"/,
    );
    assert.equal(h.seen.length, 0);
  });

  it('a labels file that does not match the format is refused with the path of the problem', async () => {
    const h = harness();
    await assert.rejects(
      h.client.importProjectAndWait({
        projectFileVersion: '2022-05-01',
        stringIndexType: 'Utf16CodeUnit',
        metadata: {
          projectName: 'p',
          projectKind: 'CustomEntityRecognition',
          language: 'en',
          storageInputContainerName: '',
        },
      }),
      (e: unknown) => e instanceof ValidationError && /metadata\.storageInputContainerName/.test(e.message),
    );
    assert.equal(h.seen.length, 0);
  });

  it('2023-04-01 features are refused on 2022-05-01 with the reason', async () => {
    const h = harness({ apiVersion: '2022-05-01' });
    await assert.rejects(
      h.client.exportProjectAndWait('p', { trainedModelLabel: 'm' }),
      /needs api-version 2023-04-01/,
    );
    assert.equal(h.seen.length, 0);
  });

  it('a swap of a deployment with itself is refused', async () => {
    const h = harness();
    await assert.rejects(
      h.client.swapDeploymentsAndWait('p', { firstDeploymentName: 'a', secondDeploymentName: 'a' }),
      /with itself/,
    );
  });

  it('an endpoint that is not a URL is a clear error', () => {
    assert.throws(() => harness({ endpoint: 'contoso.cognitiveservices' }), /is not a URL/);
  });
});

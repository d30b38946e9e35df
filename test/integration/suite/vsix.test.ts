// Runs against the packaged .vsix installed into a fresh VS Code: proves the shipped package, not the source tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LanguageClient } from '../../../src/api/client';
import { CommandId } from '../../../src/commands/ids';
import { startFixtureServer } from './fixtureServer';
import type { ResultView } from '../../../src/core/views';
import { deployedForAnalysis } from './analysisSetup';
import {
  activateExtension,
  addConnectionAnswers,
  extensionId,
  findConnection,
  labels,
  runWith,
  waitFor,
} from './helpers';

suite('Packaged extension (.vsix)', () => {
  test('is installed from the .vsix, activates, and its tree lists projects', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, 'the extension is installed');
    assert.ok(
      !ext.extensionPath.endsWith('/main') && ext.extensionPath.includes('extensions'),
      `installed copy: ${ext.extensionPath}`,
    );
    const api = await activateExtension();
    const server = await startFixtureServer('ok');
    try {
      await runWith(api, addConnectionAnswers('Packaged', server.endpoint, server.key), CommandId.addConnection);
      const projects = await api.tree.getChildren(await findConnection(api, 'Packaged'));
      assert.deepEqual(labels(api, projects), ['LoanAgreements', 'MoviesSummary']);
    } finally {
      await server.close();
    }
  });

  test('ships the local service, its worker and the sample data: a sample project trains', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand(CommandId.loadSamples);
    const { endpoint, key } = await api.localService();
    const client = new LanguageClient({ endpoint, credential: { key }, poll: { initialIntervalMs: 100 } });
    const job = await client.trainAndWait('WebOfScience', { modelLabel: 'smoke', trainingConfigVersion: 'latest' });
    assert.equal(job.status, 'succeeded');
    const summary = await client.getEvaluationSummary('WebOfScience', 'smoke');
    assert.equal(summary.projectKind, 'CustomSingleLabelClassification');
  });

  test('ships the results panel: an analysis is drawn by the packaged webview', async () => {
    const api = await activateExtension();
    const deployment = await deployedForAnalysis(api, 'WebOfScience', 'smoke');
    const document = await vscode.workspace.openTextDocument({
      content: 'A convolutional neural network for image segmentation, trained on GPUs.',
      language: 'plaintext',
    });
    await vscode.window.showTextDocument(document);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, deployment);
    assert.equal(view?.classes.length, 1);
    const rendered = await waitFor('the packaged panel to draw the class', () => api.results.lastRendered);
    assert.deepEqual(rendered, { entities: 0, classes: 1, relations: 0, files: 0 });
  });
});

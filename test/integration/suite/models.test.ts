// Train, deploy, swap and delete through the extension's commands, on the embedded local service.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainingJobState } from '../../../src/contract/job';
import { LanguageClient } from '../../../src/api/client';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import type { EvaluationView } from '../../../src/core/views';
import { screenshot } from './driver';
import {
  activateExtension,
  confirm,
  deployAnswers,
  findConnection,
  labels,
  pick,
  runWith,
  trainAnswers,
  waitFor,
} from './helpers';

suite('Models and deployments (commands)', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await activateExtension();
    await vscode.commands.executeCommand(CommandId.loadSamples);
  });

  async function child(parent: Node | undefined, label: string): Promise<Node> {
    const children = await api.tree.getChildren(parent);
    const found = children.find((n, i) => labels(api, children)[i] === label);
    assert.ok(found, `“${label}” is in the tree (found ${labels(api, children).join(', ')})`);
    return found;
  }
  const project = async (name: string): Promise<Node> => child(await findConnection(api, 'Local'), name);
  const group = async (projectName: string, name: string): Promise<Node> => child(await project(projectName), name);
  const describe = (node: Node): string => String(api.tree.getTreeItem(node).description);
  async function revealPath(...path: Node[]): Promise<void> {
    for (const node of path.slice(0, -1)) await api.view.reveal(node, { expand: true });
    const last = path.at(-1);
    if (last !== undefined) await api.view.reveal(last, { select: true, focus: true });
  }

  test('trains a model, then shows it and its succeeded job in the tree', async () => {
    const job = await runWith<TrainingJobState>(
      api,
      trainAnswers('wos1'),
      CommandId.trainModel,
      await project('WebOfScience'),
    );
    assert.equal(job?.status, 'succeeded');
    assert.equal(job.result.modelLabel, 'wos1');
    assert.match(
      api.logText(),
      /POST http:\/\/127\.0\.0\.1:\d+\/language\/authoring\/analyze-text\/projects\/WebOfScience\/:train/,
    );
    const model = await child(await group('WebOfScience', 'Models'), 'wos1');
    assert.match(describe(model), /^trained \d{4}-\d\d-\d\d \d\d:\d\d$/);
    const jobNode = await child(await group('WebOfScience', 'Training jobs'), 'wos1');
    assert.match(describe(jobNode), /^succeeded · /);
  });

  test('shows a trained model’s evaluation: averages, per-class scores and the confusion matrix', async () => {
    const model = await child(await group('WebOfScience', 'Models'), 'wos1');
    const view = await vscode.commands.executeCommand<EvaluationView | undefined>(CommandId.showEvaluation, model);
    assert.ok(view);
    assert.equal(view.kind, 'CustomSingleLabelClassification');
    assert.equal(view.split, 'asked for 80% training, 20% testing');
    assert.equal(view.classes.length, 7, 'the seven Web of Science domains');
    assert.ok(view.micro.f1 > 0 && view.micro.f1 <= 1);
    assert.equal(view.confusion?.labels.length, 7);
    const tested = view.confusion.counts.flat().reduce((a, b) => a + b, 0);
    assert.equal(tested, 42, '20% of the 210 documents were tested, each counted once');
    const rendered = await waitFor('the panel to draw the evaluation', () => api.results.lastRendered);
    assert.equal(rendered.classes, 7);
    await screenshot('evaluation');
  });

  test('a training the service refuses says why, and its job shows as failed', async () => {
    // No sample document is marked Test, so a manual split has nothing to evaluate on.
    const job = await runWith<TrainingJobState>(
      api,
      trainAnswers('manualSplit', 'manual'),
      CommandId.trainModel,
      await project('WebOfScience'),
    );
    assert.equal(job, undefined);
    assert.match(api.logText(), /The testing set has 0 labeled documents; at least \d+ are needed/);
    const jobNode = await child(await group('WebOfScience', 'Training jobs'), 'manualSplit');
    assert.match(describe(jobNode), /^failed · /);
    const tooltip = api.tree.getTreeItem(jobNode).tooltip;
    // A data problem, with the code Azure gives it, not a server fault; no training status left "running".
    assert.match(
      typeof tooltip === 'string' ? tooltip : '',
      /^The testing set has 0 labeled documents;[^\n]*\(InvalidRequest\)\nTraining failed\n/,
    );
    await vscode.commands.executeCommand('workbench.view.extension.customText');
    await revealPath(await project('WebOfScience'), await group('WebOfScience', 'Training jobs'), jobNode);
    await vscode.commands.executeCommand('notifications.showList');
    await screenshot('training-failed');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('cancels a training job from its node', async () => {
    // The service holds the next training job (notStarted) long enough to cancel it.
    const service = await api.localService();
    service.faults.set([{ method: 'POST', path: '/:train$', jobDelayMs: 60_000, times: 1 }]);
    const training = runWith<TrainingJobState>(
      api,
      trainAnswers('toCancel'),
      CommandId.trainModel,
      await project('WebOfScience'),
    );
    const jobNode = await waitFor('the job to show', async () => {
      const jobs = await api.tree.getChildren(await group('WebOfScience', 'Training jobs'));
      return jobs.find((n, i) => labels(api, jobs)[i] === 'toCancel');
    });
    assert.equal(api.tree.getTreeItem(jobNode).contextValue, 'customText:trainingJob+notStarted');
    assert.equal(await vscode.commands.executeCommand(CommandId.cancelTrainingJob, jobNode), true);
    assert.equal(await training, undefined, 'the watching command ends when the job is cancelled');
    assert.match(api.logText(), /POST http:\/\/127\.0\.0\.1:\d+\/[^ ]*\/train\/jobs\/[^ ]+\/:cancel/);
    const cancelled = await child(await group('WebOfScience', 'Training jobs'), 'toCancel');
    assert.match(describe(cancelled), /^cancelled · /);
  });

  test('a training job started elsewhere updates in the tree on its own until it ends', async () => {
    const service = await api.localService();
    service.faults.set([{ method: 'POST', path: '/:train$', jobDelayMs: 1500, times: 1 }]);
    // Started by another client (a script, the portal): the extension only sees it in the tree.
    const client = new LanguageClient({ endpoint: service.endpoint, credential: { key: service.key } });
    await client.beginTrain('WebOfScience', { modelLabel: 'elsewhere', trainingConfigVersion: 'latest' });
    const jobs = await group('WebOfScience', 'Training jobs');
    const reloaded = new Promise<void>((resolve) => {
      const listener = api.tree.onDidChangeTreeData((node) => {
        if (node?.id === jobs.id) {
          listener.dispose();
          resolve();
        }
      });
    });
    assert.match(describe(await child(jobs, 'elsewhere')), /^(notStarted|running) · /);
    await reloaded;
    const done = await waitFor('the job to end', async () => {
      const node = await child(jobs, 'elsewhere');
      return describe(node).startsWith('succeeded') ? node : undefined;
    });
    assert.match(describe(done), /^succeeded · /);
    await client.deleteModel('WebOfScience', 'elsewhere'); // The next tests count the models.
  });

  test('deploys two models and swaps their deployments', async () => {
    const wos = await project('WebOfScience');
    await runWith(api, trainAnswers('wos2', 'split90'), CommandId.trainModel, wos);
    const models = await group('WebOfScience', 'Models');
    const staging = await runWith<string>(
      api,
      await deployAnswers(api, await group('WebOfScience', 'Deployments'), 'staging'),
      CommandId.deployModel,
      await child(models, 'wos1'),
    );
    assert.equal(staging, 'staging');
    await runWith(
      api,
      await deployAnswers(api, await group('WebOfScience', 'Deployments'), 'production'),
      CommandId.deployModel,
      await child(models, 'wos2'),
    );
    let deployments = await group('WebOfScience', 'Deployments');
    assert.deepEqual(labels(api, await api.tree.getChildren(deployments)), ['production', 'staging']);
    assert.match(describe(await child(deployments, 'staging')), /^wos1 · /);

    const swapped = await runWith<boolean>(
      api,
      [pick('Swap “staging” with', 'production')],
      CommandId.swapDeployments,
      await child(deployments, 'staging'),
    );
    assert.equal(swapped, true);
    deployments = await group('WebOfScience', 'Deployments');
    assert.match(describe(await child(deployments, 'staging')), /^wos2 · /);
    assert.match(describe(await child(deployments, 'production')), /^wos1 · /);
    assert.match(describe(await child(await group('WebOfScience', 'Models'), 'wos1')), /^in production · /);

    const wosNode = await project('WebOfScience');
    for (const node of await api.tree.getChildren(wosNode)) await api.view.reveal(node, { expand: true });
    await revealPath(wosNode, deployments, await child(deployments, 'production'));
    await screenshot('models-and-deployments');
  });

  test('deploying refreshes only its project: VS Code asks again for its groups, not for the others', async () => {
    // Both projects open in the view, their groups expanded: what a user looking at two projects has.
    await vscode.commands.executeCommand('workbench.view.extension.customText');
    for (const name of ['WebOfScience', 'Movies']) {
      await api.view.reveal(await project(name), { expand: true });
      for (const node of await api.tree.getChildren(await project(name))) await api.view.reveal(node, { expand: true });
    }
    const wos = await project('WebOfScience');
    const local = await findConnection(api, 'Local');
    const wosModels = await group('WebOfScience', 'Models');
    const moviesModels = await group('Movies', 'Models');
    await waitFor('the view to load the Movies models', () =>
      api.tree.childRequests(moviesModels.id) > 0 ? true : undefined,
    );
    const answers = await deployAnswers(api, await group('WebOfScience', 'Deployments'), 'refreshed');
    const wos1 = await child(wosModels, 'wos1');
    // From here on only the view asks for children: the test reads nothing until it has counted.
    const fired: (Node | undefined)[] = [];
    const listener = api.tree.onDidChangeTreeData((node) => fired.push(node));
    const before = {
      root: api.tree.childRequests(''),
      local: api.tree.childRequests(local.id),
      movies: api.tree.childRequests(moviesModels.id),
      wos: api.tree.childRequests(wosModels.id),
    };
    try {
      assert.equal(await runWith<string>(api, answers, CommandId.deployModel, wos1), 'refreshed');
      await waitFor('the view to ask for the models of WebOfScience again', () =>
        api.tree.childRequests(wosModels.id) > before.wos ? true : undefined,
      );
      listener.dispose();
      assert.deepEqual(
        fired.map((n) => n?.id),
        [wos.id],
        'one change, for the project deployed from (not the whole tree)',
      );
      assert.equal(fired[0], wos, 'the very node object the view holds');
      assert.equal(api.tree.childRequests(''), before.root, 'the connections were not asked for again');
      assert.equal(api.tree.childRequests(local.id), before.local, 'nor the projects of Local');
      assert.equal(api.tree.childRequests(moviesModels.id), before.movies, 'nor the models of the sibling project');
      assert.match(describe(await child(await group('WebOfScience', 'Models'), 'wos1')), /refreshed/);
    } finally {
      listener.dispose();
      // The next tests count the deployments.
      const deployments = await api.tree.getChildren(await group('WebOfScience', 'Deployments'));
      const added = deployments.find((n, i) => labels(api, deployments)[i] === 'refreshed');
      if (added !== undefined)
        await runWith(api, [confirm('Delete the deployment “refreshed”', 'Delete')], CommandId.deleteDeployment, added);
    }
  });

  test('no back door: delete with { confirm: false } still asks, and Cancel deletes nothing', async () => {
    const deployments = await group('WebOfScience', 'Deployments');
    const cancelled = await runWith<boolean>(
      api,
      [confirm('Delete the deployment “staging”', undefined)],
      CommandId.deleteDeployment,
      await child(deployments, 'staging'),
      { confirm: false },
    );
    assert.equal(cancelled, false);
    const kept = await runWith<boolean>(
      api,
      [confirm('Delete the project “Movies”', undefined)],
      CommandId.deleteProject,
      await project('Movies'),
      { confirm: false },
    );
    assert.equal(kept, false);
    assert.ok(labels(api, await api.tree.getChildren(await findConnection(api, 'Local'))).includes('Movies'));
    assert.deepEqual(labels(api, await api.tree.getChildren(await group('WebOfScience', 'Deployments'))), [
      'production',
      'staging',
    ]);
    // Train with the old arguments: the label is still asked for (Escape: nothing trains).
    const job = await runWith<TrainingJobState>(
      api,
      [{ kind: 'input', about: 'model label' }],
      CommandId.trainModel,
      await project('WebOfScience'),
      { modelLabel: 'scripted' },
    );
    assert.equal(job, undefined);
  });

  test('deletes a deployment, a model and a project', async () => {
    const deployments = await group('WebOfScience', 'Deployments');
    assert.equal(
      await runWith(
        api,
        [confirm('Delete the deployment “staging”', 'Delete')],
        CommandId.deleteDeployment,
        await child(deployments, 'staging'),
      ),
      true,
    );
    assert.deepEqual(labels(api, await api.tree.getChildren(await group('WebOfScience', 'Deployments'))), [
      'production',
    ]);

    const models = await group('WebOfScience', 'Models');
    assert.equal(
      await runWith(
        api,
        [confirm('Delete the model “wos2”', 'Delete')],
        CommandId.deleteModel,
        await child(models, 'wos2'),
      ),
      true,
    );
    assert.deepEqual(labels(api, await api.tree.getChildren(await group('WebOfScience', 'Models'))), ['wos1']);

    assert.equal(
      await runWith(
        api,
        [confirm('Delete the project “Movies”', 'Delete Project')],
        CommandId.deleteProject,
        await project('Movies'),
      ),
      true,
    );
    const remaining = labels(api, await api.tree.getChildren(await findConnection(api, 'Local')));
    assert.ok(!remaining.includes('Movies'), `Movies is gone (left: ${remaining.join(', ')})`);
    // Put the sample back for the suites that follow.
    assert.deepEqual(await vscode.commands.executeCommand(CommandId.loadSamples), ['Movies']);
  });
});

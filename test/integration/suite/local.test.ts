import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import { LanguageClient } from '../../../src/api/client';
import type { TestApi } from '../../../src/extension';
import { activateExtension, findConnection, labels, waitFor } from './helpers';
import { screenshot } from './driver';

suite('Local connection (embedded service)', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('is the first connection and offers the sample projects when empty', async () => {
    const roots = await api.tree.getChildren();
    assert.equal(labels(api, roots)[0], 'Local');
    assert.equal(
      api.tree.getTreeItem(roots[0]!).collapsibleState,
      vscode.TreeItemCollapsibleState.Expanded,
      'Local opens with its projects, or the way to load them, on first run',
    );
    const children = await api.tree.getChildren(await findConnection(api, 'Local'));
    const item = api.tree.getTreeItem(children[0]!);
    assert.match(labels(api, children)[0]!, /No projects yet: load the sample projects/);
    assert.equal(item.command?.command, CommandId.loadSamples);
  });

  test('loads the bundled sample projects, listed with their kinds, over real HTTP', async () => {
    const imported = await vscode.commands.executeCommand<string[]>(CommandId.loadSamples);
    assert.deepEqual([...imported].sort(), ['LoanAgreement', 'Movies', 'WebOfScience']);
    const local = await findConnection(api, 'Local');
    const projects = await api.tree.getChildren(local);
    assert.deepEqual(labels(api, projects), ['LoanAgreement', 'Movies', 'WebOfScience']);
    const icons = projects.map((p) => (api.tree.getTreeItem(p).iconPath as vscode.ThemeIcon).id);
    assert.deepEqual(icons, ['symbol-key', 'checklist', 'tag']);
    assert.match(
      api.logText(),
      /POST http:\/\/127\.0\.0\.1:\d+\/language\/authoring\/analyze-text\/projects\/Movies\/:import/,
    );

    // Each Local project gets its size beside its name soon after the list shows (read in the background).
    const loans = projects[0]!;
    const description = (node: typeof loans): string => String(api.tree.getTreeItem(node).description ?? '');
    await waitFor('the projects to show their size', () =>
      projects.every((p) => /^\d+ documents · \d+ (classes|entity types)\b/.test(description(p))) ? true : undefined,
    );
    assert.match(description(loans), /^20 documents · \d+ entity types · en\b/);
    assert.match(description(projects[1]!), /^\d+ documents · \d+ classes · /);

    // Its tooltip gains its documents and entity types once shown (read lazily, not on expansion).
    const text = (t: vscode.TreeItem['tooltip']): string => (typeof t === 'string' ? t : (t?.value ?? ''));
    const item = api.tree.getTreeItem(loans);
    assert.doesNotMatch(text(item.tooltip), /Documents/);
    const tooltip = text((await api.tree.resolveTreeItem(item, loans)).tooltip);
    assert.match(tooltip, /^LoanAgreement\nEntity recognition · en\n/);
    assert.match(tooltip, /\nDocuments: 20\n/);
    assert.match(tooltip, /\nEntity types \(\d+\): .*BorrowerName.*LenderName/);

    // Loading again imports nothing and keeps the projects.
    assert.deepEqual(await vscode.commands.executeCommand<string[]>(CommandId.loadSamples), []);
  });

  test('rides out throttling, and names a service outage on the node', async () => {
    const service = await api.localService();
    const local = await findConnection(api, 'Local');
    // One 429 with Retry-After: the client waits as told and the projects still show.
    service.faults.set([
      { method: 'GET', path: '/analyze-text/projects$', status: 429, retryAfterSeconds: 1, times: 1 },
    ]);
    const started = Date.now();
    assert.deepEqual(labels(api, await api.tree.getChildren(local)), ['LoanAgreement', 'Movies', 'WebOfScience']);
    assert.ok(Date.now() - started >= 900, 'the client honoured Retry-After');
    assert.match(api.logText(), /projects\?api-version=2023-04-01 → 429/);

    // A lasting outage: retries run out and the node says what happened.
    service.faults.set([{ method: 'GET', path: '/analyze-text/projects$', status: 503 }]);
    try {
      const children = await api.tree.getChildren(local);
      assert.match(labels(api, children)[0]!, /The service had a problem/);
      assert.match(String(api.tree.getTreeItem(children[0]!).description), /HTTP 503/);
    } finally {
      service.faults.set([]);
    }
  });

  test('shows a project’s trained models, deployments and training jobs', async () => {
    // Train and deploy for real on the embedded service, through the same API client the extension uses.
    const { endpoint, key } = await api.localService();
    const client = new LanguageClient({ endpoint, credential: { key }, poll: { initialIntervalMs: 100 } });
    const training = await client.trainAndWait('LoanAgreement', {
      modelLabel: 'model1',
      trainingConfigVersion: 'latest',
      evaluationOptions: { kind: 'percentage', trainingSplitPercentage: 80, testingSplitPercentage: 20 },
    });
    assert.equal(training.status, 'succeeded');
    await client.deployAndWait('LoanAgreement', 'production', { trainedModelLabel: 'model1' });

    await vscode.commands.executeCommand(CommandId.refresh);
    const projects = await api.tree.getChildren(await findConnection(api, 'Local'));
    const loan = projects[0]!;
    const groups = await api.tree.getChildren(loan);
    assert.deepEqual(labels(api, groups), ['Models', 'Deployments', 'Training jobs']);
    const [models, deployments, jobs] = await Promise.all(groups.map((g) => api.tree.getChildren(g)));
    assert.deepEqual(labels(api, models!), ['model1']);
    assert.match(String(api.tree.getTreeItem(models![0]!).description), /^in production · trained /);
    assert.deepEqual(labels(api, deployments!), ['production']);
    assert.match(String(api.tree.getTreeItem(deployments![0]!).description), /^model1 · /);
    assert.deepEqual(labels(api, jobs!), ['model1']);
    assert.match(String(api.tree.getTreeItem(jobs![0]!).description), /^succeeded · /);

    await vscode.commands.executeCommand('workbench.view.extension.customText');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    for (const node of [loan, ...groups]) await api.view.reveal(node, { expand: true });
    await api.view.reveal(models![0]!, { select: true, focus: true });
    await screenshot('local-sample-projects');
  });
});

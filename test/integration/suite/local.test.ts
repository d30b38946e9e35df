import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import { activateExtension, findConnection, labels } from './helpers';
import { screenshot } from './shots';

suite('Local connection (embedded service)', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('is the first connection and offers the sample projects when empty', async () => {
    const roots = await api.tree.getChildren();
    assert.equal(labels(api, roots)[0], 'Local');
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

    // Loading again imports nothing and keeps the projects.
    assert.deepEqual(await vscode.commands.executeCommand<string[]>(CommandId.loadSamples), []);

    await vscode.commands.executeCommand('workbench.view.extension.customText');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await api.view.reveal(projects[0]!, { select: true, focus: true, expand: true });
    await screenshot('local-sample-projects');
  });
});

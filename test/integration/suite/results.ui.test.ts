// Clicking an entity in the results panel selects it in the editor, as a user would.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { ResultView } from '../../../src/webview/protocol';
import { deployedForAnalysis } from './analysisSetup';
import { click, screenshot } from './driver';
import { activateExtension, extensionId, waitFor } from './helpers';

suite('Results panel, clicked by a user', () => {
  test('a click on an entity selects it in the analyzed document', async () => {
    const api = await activateExtension();
    const deployment = await deployedForAnalysis(api, 'LoanAgreement', 'clicks');
    const samples = join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');
    const content = readFileSync(join(samples, 'loan-agreements', 'Test 1.txt'), 'utf8');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, deployment);
    assert.ok(view && view.entities.length > 0, 'the model finds entities in the text');
    await waitFor('the panel to draw the results', () => api.results.lastRendered);

    const last = view.entities.at(-1)!;
    await click(`mark.entity[data-index="${last.index}"]`);
    const selected = await waitFor('the entity to be selected in the editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document === editor.document && !active.selection.isEmpty ? active.selection : undefined;
    });
    assert.equal(editor.document.getText(selected), last.text);
    await screenshot('results-click');
  });
});

// Reviewing a trained model's test set in the evaluation view, as a user clicks it: worst first, mismatches only,
// a confusion cell listing its documents, and a mismatch opened with its labels and predictions drawn side by side.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from '../../../src/api/client';
import { CommandId } from '../../../src/commands/ids';
import type { EvaluationView } from '../../../src/core/views';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import { resultsViewType } from '../../../src/webview/viewType';
import { deployedForAnalysis } from './analysisSetup';
import { click, countElements, pageText, press, screenshot } from './driver';
import { activateExtension, findConnection, pick, runWith, trainAnswers, waitFor } from './helpers';

/** The model node of a local sample project. */
async function modelNode(api: TestApi, projectName: string, label: string): Promise<Node> {
  const project = (await api.tree.getChildren(await findConnection(api, 'Local'))).find(
    (n) => n.kind === 'project' && n.project.projectName === projectName,
  );
  assert.ok(project, `${projectName} is on the local service`);
  const models = (await api.tree.getChildren(project)).find((n) => n.kind === 'group' && n.group === 'models');
  assert.ok(models);
  const model = (await api.tree.getChildren(models)).find((n) => n.kind === 'model' && n.model.label === label);
  assert.ok(model, `${projectName} has the model ${label}`);
  return model;
}

/**
 * A clean slate whatever earlier suites left: no editors or panel (the results panel is made anew, so no frame of an
 * older page answers a selector), no notifications over the panel's rows, focus in the editor area. The panel is
 * closed as the hostile-text suite closes it (dispose): a click must still be heard after that.
 */
async function freshWorkbench(api: TestApi): Promise<void> {
  api.results.dispose();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await waitFor('the editors to close', async () =>
    vscode.window.tabGroups.all.every((g) => g.tabs.length === 0) && (await countElements('tr.test-row')) === 0
      ? true
      : undefined,
  );
}

/** The editor group the results panel is in. */
function resultsTabGroup(): vscode.TabGroup | undefined {
  return vscode.window.tabGroups.all.find((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(resultsViewType)),
  );
}

suite('Model review: the test set in the evaluation view, clicked by a user', function () {
  // Training a real model first can take 30 s on a busy machine.
  this.timeout(120_000);

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a model’s test set: worst first, mismatches only, a confusion cell’s documents, and a mismatch opened with labels and predictions drawn', async () => {
    const api = await activateExtension();
    await deployedForAnalysis(api, 'LoanAgreement', 'review');
    const model = await modelNode(api, 'LoanAgreement', 'forAnalysis');
    await freshWorkbench(api);
    const readme = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'README.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme), vscode.ViewColumn.One);

    const view = await vscode.commands.executeCommand<EvaluationView | undefined>(CommandId.showEvaluation, model);
    const testSet = view?.testSet;
    assert.ok(testSet && testSet.rows.length > 0, 'the evaluation lists its test documents');
    assert.equal(testSet.rows.length, view.testDocuments);
    const errors = testSet.rows.map((r) => r.falsePositives + r.falseNegatives);
    assert.deepEqual(
      errors,
      [...errors].sort((a, b) => b - a),
      'worst first',
    );
    await waitFor('the panel to draw the evaluation', () => api.results.lastRendered);
    assert.equal(await countElements('tr.test-row'), testSet.rows.length);
    assert.match(
      await pageText('.test-set-caption'),
      new RegExp(`^${testSet.mismatches} of ${testSet.rows.length} test documents have errors`),
    );

    // A confusion cell lists the documents that count in it.
    const confusion = view.confusion;
    assert.ok(confusion?.documents, 'each cell knows its documents');
    const cells = confusion.documents.flatMap((row, i) => row.map((docs, j) => ({ i, j, docs })));
    const busiest = cells.filter((c) => c.docs.length > 0).sort((a, b) => b.docs.length - a.docs.length)[0];
    assert.ok(busiest, 'some cell has documents');
    await click(`td[data-cell="${busiest.i}:${busiest.j}"]`);
    await waitFor('the cell to filter the test set', async () =>
      (await countElements('tr.test-row')) === busiest.docs.length ? true : undefined,
    );
    assert.match(
      await pageText('.test-set-filter', /Showing/),
      new RegExp(`^Showing the ${busiest.docs.length} documents? of labeled ${confusion.labels[busiest.i]}`),
    );
    await click('button.clear-filter');

    await click('input.mismatches-only');
    await waitFor('the filter to keep only the mismatches', async () =>
      (await countElements('tr.test-row')) === testSet.mismatches ? true : undefined,
    );
    await screenshot('test-set-review-panel');

    // The worst document opens by a click with its spans drawn: match, missed and spurious, as its row counts them.
    assert.ok(testSet.mismatches > 0, 'the model gets some test document wrong');
    const worst = testSet.rows[0]!;
    await click('tr.test-row[data-test-row="0"]');
    const editor = await waitFor(
      'the clicked test document to open',
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.fsPath.endsWith(worst.location) ? active : undefined;
      },
      20_000,
    ).catch(async (e: unknown) => {
      // Where the click got lost: the page's handler marks the row it was asked for; the host logs what it heard.
      const marked = await countElements('tr.test-row[data-opened]');
      const log = api.logText().split('\n').slice(-12).join('\n');
      throw new Error(`${String(e)}; rows the page saw clicked: ${marked}; the log ends:\n${log}`);
    });
    assert.ok(editor.document.uri.fsPath.includes(join('samples', 'loan-agreements')), editor.document.uri.fsPath);
    assert.equal(editor.viewColumn, vscode.ViewColumn.One, 'it opens beside the panel');
    const drawn = await waitFor('the labels and predictions to be drawn', () => {
      const d = api.reviewDecorations.lastDrawn;
      return d.uri === editor.document.uri.toString() ? d : undefined;
    });
    assert.deepEqual(
      [drawn.match, drawn.missed, drawn.spurious],
      [worst.truePositives, worst.falseNegatives, worst.falsePositives],
    );
    assert.equal(drawn.hovers.filter((h) => h.startsWith('Match:')).length, worst.truePositives);
    assert.equal(drawn.hovers.filter((h) => h.startsWith('Missed:')).length, worst.falseNegatives);
    assert.equal(drawn.hovers.filter((h) => h.startsWith('Spurious:')).length, worst.falsePositives);
    // The notes after the text never wrap: one glyph per error (the hover says which), nothing that runs off a line.
    assert.equal(drawn.notes.length, worst.falseNegatives + worst.falsePositives, `notes: ${drawn.notes.join(' | ')}`);
    for (const note of drawn.notes) assert.ok(note.length <= 1, `a note of one glyph, not “${note}”`);
    // As the reviewer first sees it, beside the panel, its lines wrapped: no note runs off the editor's edge.
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    const start = new vscode.Position(editor.visibleRanges[0]?.start.line ?? 0, 0);
    editor.selection = new vscode.Selection(start, start); // Scrolled back to the lines' start.
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
    await new Promise((resolve) => setTimeout(resolve, 300)); // One layout of the wrapped lines.
    await screenshot('test-set-review-beside-panel-wrapped');
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    // For the picture: the editor wide enough to read (no side bars), its long lines wrapped (wrapping is this
    // editor's alone) and scrolled back to their start.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    const top = new vscode.Position(shown.visibleRanges[0]?.start.line ?? 0, 0);
    shown.selection = new vscode.Selection(top, top);
    shown.revealRange(new vscode.Range(top, top), vscode.TextEditorRevealType.AtTop);
    await new Promise((resolve) => setTimeout(resolve, 300)); // One layout of the wrapped lines.
    await screenshot('test-set-review');
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');

    // The keyboard opens a row too: Enter on the focused row.
    const second = testSet.rows[1];
    if (second !== undefined && second.falsePositives + second.falseNegatives > 0) {
      await press('Enter', 'tr.test-row[data-test-row="1"]');
      await waitFor('Enter to open the second document', () =>
        vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(second.location) ? true : undefined,
      );
      await waitFor('its labels and predictions to be drawn', () =>
        api.reviewDecorations.lastDrawn.uri === vscode.window.activeTextEditor?.document.uri.toString()
          ? true
          : undefined,
      );
    }
  });

  test('two models of a project compared: per-class F1 side by side with the difference, and where they disagree', async () => {
    const api = await activateExtension();
    await deployedForAnalysis(api, 'LoanAgreement', 'review');
    const project = (await api.tree.getChildren(await findConnection(api, 'Local'))).find(
      (n) => n.kind === 'project' && n.project.projectName === 'LoanAgreement',
    );
    assert.ok(project);
    // Another split, so the two models learn from different documents.
    await runWith(api, trainAnswers('reviewOther', 'split90'), CommandId.trainModel, project);
    const model = await modelNode(api, 'LoanAgreement', 'forAnalysis');
    await freshWorkbench(api);
    const view = await runWith<EvaluationView>(
      api,
      [pick('Compare', 'reviewOther')],
      CommandId.compareModels,
      model,
    ).finally(async () => {
      // The next suites count LoanAgreement's models: the second one goes once compared.
      const service = await api.localService();
      const client = new LanguageClient({ endpoint: service.endpoint, credential: { key: service.key } });
      await client.deleteModel('LoanAgreement', 'reviewOther');
    });
    const comparison = view?.comparison;
    assert.ok(comparison, 'the evaluation carries the comparison');
    assert.equal(comparison.otherModel, 'reviewOther');
    assert.ok(comparison.classes.length >= view.classes.length);
    for (const c of comparison.classes)
      if (c.f1 !== undefined && c.otherF1 !== undefined)
        assert.ok(Math.abs((c.difference ?? Number.NaN) - (c.otherF1 - c.f1)) < 1e-9, c.category);
    await waitFor('the panel to draw the comparison', () => api.results.lastRendered);
    assert.equal(await countElements('.comparison-classes tbody tr'), comparison.classes.length);
    assert.match(
      await pageText('.comparison h3', /shared test documents/),
      new RegExp(`^${comparison.disagreements.length} of ${comparison.commonDocuments} shared test documents`),
    );
    assert.equal(await countElements('tr.disagreement'), comparison.disagreements.length);
    await screenshot('model-comparison');
    // No editor was open, so the panel took the first column: a document it opens goes beside it, not over it.
    // The first document the models disagree on, else (they agree on all) the first test document.
    assert.equal(resultsTabGroup()?.viewColumn, vscode.ViewColumn.One, 'the panel is in the first column');
    const first = comparison.disagreements[0];
    const firstRow = view.testSet?.rows[0];
    assert.ok(firstRow);
    const [selector, location] =
      first === undefined
        ? ['tr.test-row[data-test-row="0"]', firstRow.location]
        : [`tr.disagreement[data-compare-row="${first.row}"]`, first.location];
    await click(selector);
    const editor = await waitFor('the document to open', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.fsPath.endsWith(location) ? active : undefined;
    });
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'it opens beside the panel');
    const panelGroup = resultsTabGroup();
    assert.equal(panelGroup?.viewColumn, vscode.ViewColumn.One, 'the panel stays in its column');
    assert.ok(panelGroup.activeTab?.input instanceof vscode.TabInputWebview, 'the panel is still shown');
    await screenshot('review-document-beside-panel');
  });
});

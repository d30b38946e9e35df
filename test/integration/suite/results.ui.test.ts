// Clicking an entity in the results panel selects it in the editor, as a user would.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ANOTHER_PROJECTS_DEPLOYMENT } from '../../../src/commands/analyzeTarget';
import { CommandId } from '../../../src/commands/ids';
import type { FolderView, ResultView } from '../../../src/core/views';
import { deployedForAnalysis } from './analysisSetup';
import { click, pageText, pickInQuickPick, press, screenshot } from './driver';
import { activateExtension, extensionId, pick, runWith, waitFor } from './helpers';

suite('Results panel, clicked by a user', function () {
  // Each test trains and deploys real models before it clicks: on a busy machine that alone can take 30 s.
  this.timeout(60_000);

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

  test('a document in a project’s folder is analyzed with that project’s deployment, and the page says so', async () => {
    const api = await activateExtension();
    const science = await deployedForAnalysis(api, 'WebOfScience', 'classify');
    const fromFolder = await deployedForAnalysis(api, 'LoanAgreement', 'fromFolder');
    // Chosen in the tree, each deployment is its own project's choice: the science one is used last.
    await vscode.commands.executeCommand(CommandId.chooseAnalysisTarget, fromFolder);
    await vscode.commands.executeCommand(CommandId.chooseAnalysisTarget, science);
    // The loan agreement sits in LoanAgreement's container: the science model, used last, is not asked.
    const samples = join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');
    const loan = vscode.Uri.file(join(samples, 'loan-agreements', 'Test 1.txt'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(loan), vscode.ViewColumn.One);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection);
    assert.equal(view?.source, 'LoanAgreement / fromFolder');
    assert.equal(view.kind, 'CustomEntityRecognition');
    assert.match(
      await pageText('header .source', /LoanAgreement/),
      /^Analyzed with LoanAgreement \/ fromFolder · CustomEntityRecognition \(your choice for LoanAgreement's documents\)/,
    );
    assert.match(api.analysisStatus.text ?? '', /LoanAgreement\/fromFolder$/, 'the status bar follows');
    await screenshot('results-document-project');

    // Choose Deployment… in the panel analyzes the shown document again with the chosen one, and keeps it for the
    // project's documents: analyzing again never overrides it.
    await click('button.choose');
    await pickInQuickPick('Analyze with a Deployment', 'WebOfScience');
    await pickInQuickPick('Analyze with a Deployment', 'classify');
    assert.match(
      await pageText('header .source', /WebOfScience/),
      /^Analyzed with WebOfScience \/ classify .*\(your choice for LoanAgreement's documents\)/,
    );
    assert.match(await pageText('header h1'), /^Test 1\.txt$/);
    await waitFor('the panel to draw one class', () => (api.results.lastRendered?.classes === 1 ? true : undefined));
    const again = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection);
    assert.equal(again?.source, 'WebOfScience / classify', 'the choice holds');
    assert.equal(again.why, "your choice for LoanAgreement's documents");

    // A movie summary belongs to Movies, which has no deployment: it asks, saying why, and offers the step that
    // gives Movies one; Escape analyzes nothing (never another project's model without asking).
    const movie = vscode.Uri.file(join(samples, 'movie-summaries', 'A_Reasonable_Man.txt'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(movie), vscode.ViewColumn.One);
    const other = vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection);
    const title = await pageText(
      '.quick-input-widget .quick-input-title',
      /A_Reasonable_Man\.txt belongs to Movies, which has no deployment yet/,
    );
    assert.ok(title);
    const items = await pageText('.quick-input-list', /another project/);
    assert.match(items, /(Deploy “\w+”…|Train Movies…)/);
    await screenshot('results-other-project');
    await press('Escape');
    assert.equal(await other, undefined);
    assert.match(await pageText('header h1'), /^Test 1\.txt$/, 'the panel still shows the loan agreement');
    // LoanAgreement's own deployment chosen back for its documents, for the tests after this one.
    await click('button.choose');
    await pickInQuickPick('Analyze with a Deployment', 'LoanAgreement');
    await pickInQuickPick('Analyze with a Deployment', 'fromFolder');
    await pageText('header .source', /LoanAgreement \/ fromFolder/);
  });

  test('every action in the panel works from the keyboard, with names a screen reader says', async () => {
    const api = await activateExtension();
    const loans = await deployedForAnalysis(api, 'LoanAgreement', 'keys');
    const samples = join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');
    const content = readFileSync(join(samples, 'loan-agreements', 'Test 3.txt'), 'utf8');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, loans);
    assert.ok(view && view.entities.length > 1);
    await waitFor('the panel to draw the results', () => api.results.lastRendered);

    // Tab from the toolbar's last button (after Choose Deployment…, Add as Labels, Redact…) reaches the first entity
    // row, named by its category, text and confidence.
    const first = view.entities[0]!;
    const named = await press('Tab', 'button.copyJson');
    assert.ok(named.startsWith(`${first.category}: ${first.text}, `), `the focused row is named: ${named}`);
    assert.match(named, /\d+\.\d%\. Select it in the editor$/);
    await press('Enter');
    const selected = await waitFor('Enter to select the entity in the editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document === document && !active.selection.isEmpty ? active.selection : undefined;
    });
    assert.equal(document.getText(selected), first.text);

    // The marks in the text have names too (Shift moves nothing: it only reports what has the focus).
    const last = view.entities.at(-1)!;
    const mark = await press('Shift', `mark.entity[data-index="${last.index}"]`);
    assert.ok(mark.startsWith(`${last.text}: ${last.category}, `), `the mark is named: ${mark}`);

    // A folder's rows open their file with Enter.
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'support-tickets');
    await runWith(
      api,
      [
        pick(/which has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'LoanAgreement'),
        pick('Analyze with a Deployment', 'keys'),
      ],
      CommandId.analyzeFolder,
      folder,
    );
    await waitFor('the panel to draw the folder', () => api.results.lastRendered);
    const row = await press('Shift', '.file-row[data-row="4"]');
    assert.match(row, /^technical 1\.txt: .*\. Open it$/);
    await press('Enter');
    await waitFor('Enter to open the file', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === vscode.Uri.joinPath(folder, 'technical 1.txt').fsPath
        ? true
        : undefined,
    );
  });

  test('an entity model’s folder shows a column per category with the texts found, sorted from the keyboard', async () => {
    const api = await activateExtension();
    const loans = await deployedForAnalysis(api, 'LoanAgreement', 'keys');
    const samples = join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');
    const loanFolder = vscode.Uri.file(join(samples, 'loan-agreements'));
    await vscode.commands.executeCommand(CommandId.chooseAnalysisTarget, loans);
    const summary = await runWith<FolderView>(
      api,
      [pick('Analyze Folder', 'The 20 documents of LoanAgreement')],
      CommandId.analyzeFolder,
      loanFolder,
    );
    assert.ok(summary && summary.rows.length > 3);
    await waitFor('the panel to draw the loan folder', () => api.results.lastRendered);
    // The readme beside the project's documents is listed, not analyzed.
    const readmeRow = summary.rows.findIndex((r) => r.file === 'readme.md');
    assert.equal(
      await pageText(`.folder-entities tbody tr[data-row="${readmeRow}"] td`, /Skipped/),
      'Skipped: not a document of LoanAgreement',
    );
    const head = await pageText('.folder-entities thead', /BorrowerName/);
    for (const column of ['File', 'BorrowerName', 'Date', 'LenderName']) assert.ok(head.includes(column), head);
    const dates = summary.rows.map((r) => ({ file: r.file, date: (r.entityTexts.Date ?? []).join('; ') }));
    const firstDate = dates
      .filter((d) => d.date !== '')
      .sort((a, b) => a.date.localeCompare(b.date, undefined, { numeric: true }))[0];
    assert.ok(firstDate, 'some file has a date');
    assert.ok((await pageText('.folder-entities tbody', /\d/)).includes(firstDate.date), 'the texts are in the cells');
    await press('Enter', 'button.sort[data-sort="Date"]');
    assert.equal(await pageText('th[aria-sort="ascending"]'), 'Date');
    assert.equal(
      await pageText(
        '.folder-entities tbody tr:first-child th',
        new RegExp(firstDate.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      ),
      firstDate.file,
    );
    await screenshot('results-folder-entities');
  });
});

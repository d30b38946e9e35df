// Analyze text in the editor with deployed models of the local service: the results panel and the decorations.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ANOTHER_PROJECTS_DEPLOYMENT } from '../../../src/commands/analyzeTarget';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import { normalizeAnalyzeJob } from '../../../src/api/results';
import { buildResultView } from '../../../src/core/resultView';
import type { FolderView, ResultView } from '../../../src/core/views';
import { screenshot } from './driver';
import { activateExtension, extensionId, pick, runWith, waitFor } from './helpers';
import { exampleResponseBody } from '../../officialExamples';
import { deployedForAnalysis } from './analysisSetup';

suite('Analyze text (results panel)', () => {
  let api: TestApi;
  let loans: Node;
  let science: Node;
  const sample = (file: string): string =>
    readFileSync(join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples', file), 'utf8');

  suiteSetup(async () => {
    api = await activateExtension();
    loans = await deployedForAnalysis(api, 'LoanAgreement', 'extract');
    science = await deployedForAnalysis(api, 'WebOfScience', 'classify');
  });

  async function openText(content: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    return await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  }

  test('extracts the entities of a whole document: offsets land on the entity text, CRLF included', async () => {
    const editor = await openText(sample('loan-agreements/Test 1.txt'));
    assert.ok(editor.document.getText().includes('\r\n'), 'the sample has CRLF line ends');
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, loans);
    assert.ok(view, 'the command returns what the panel shows');
    assert.equal(view.kind, 'CustomEntityRecognition');
    assert.ok(view.entities.length >= 5, `found ${view.entities.length} entities`);
    for (const e of view.entities) {
      const range: vscode.Range = new vscode.Range(
        editor.document.positionAt(view.offsetBase + e.offset),
        editor.document.positionAt(view.offsetBase + e.offset + e.length),
      );
      assert.equal(editor.document.getText(range), e.text);
    }
    const rendered = await waitFor('the panel to draw the results', () => api.results.lastRendered);
    assert.deepEqual(rendered, { entities: view.entities.length, classes: 0, relations: 0, files: 0 });
    assert.equal(api.decorations.countIn(editor), view.entities.length);
    await screenshot('results-entities');
  });

  test('analyzes only the selection, with offsets from where it starts', async () => {
    const editor = await openText(sample('loan-agreements/Test 2.txt'));
    const text = editor.document.getText();
    const start = text.indexOf('I. Parties');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(text.length));
    // From the palette: the deployment used last in this workspace is used again.
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection);
    assert.ok(view);
    assert.equal(view.offsetBase, start);
    assert.match(view.title, /\(selection\)$/);
    assert.ok(view.entities.length > 0, 'the selection has entities');
    for (const e of view.entities) assert.equal(text.slice(start + e.offset, start + e.offset + e.length), e.text);
  });

  test('after choosing another deployment, classifies a document and shows its class with its confidence', async () => {
    assert.match(
      api.analysisStatus.text ?? '',
      /LoanAgreement\/extract$/,
      'the status bar names the deployment in use',
    );
    const chosen = await vscode.commands.executeCommand<string | undefined>(CommandId.chooseAnalysisTarget, science);
    assert.equal(chosen, 'WebOfScience/classify');
    assert.match(api.analysisStatus.text ?? '', /WebOfScience\/classify$/);
    await openText(sample('web-of-science/001.txt'));
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection);
    assert.ok(view);
    assert.equal(view.kind, 'CustomSingleLabelClassification');
    assert.equal(view.classes.length, 1);
    assert.ok(view.classes[0]!.confidence > 0 && view.classes[0]!.confidence <= 1);
    const rendered = await waitFor('the panel to draw the class', () => api.results.lastRendered);
    assert.deepEqual(rendered, { entities: 0, classes: 1, relations: 0, files: 0 });
    await screenshot('results-class');
  });

  test('an edit clears the underlines: the offsets would no longer be right', async () => {
    const editor = await openText(sample('loan-agreements/Test 3.txt'));
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, loans);
    assert.ok(view && view.entities.length > 0);
    assert.equal(api.decorations.countIn(editor), view.entities.length);
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), 'Draft: ');
    });
    assert.equal(api.decorations.countIn(editor), 0);
  });

  test('a document over the service’s size limit is refused before sending, with what to do', async () => {
    await openText('The loan amount is $5,000. '.repeat(5000));
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, loans);
    assert.equal(view, undefined);
    assert.match(
      api.logText(),
      /has 135,000 characters; the service takes at most 125,000 per document\. Select a part/,
    );
  });

  test('analyzes a folder: a row per text file, the empty one with its reason; a row opens its file', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'support-tickets');
    // The folder's project (its labels file) has no deployment: asked, another project's is used this once.
    const view = await runWith<FolderView>(
      api,
      [
        pick('support-tickets belongs to SupportTickets, which has no deployment yet', ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'WebOfScience'),
        pick('Analyze with a Deployment', 'classify'),
      ],
      CommandId.analyzeFolder,
      folder,
    );
    assert.ok(view);
    assert.deepEqual(
      view.rows.map((r) => r.file),
      [
        'billing 1.txt',
        'billing 2.txt',
        'billing 3.txt',
        'notes/empty.txt',
        'technical 1.txt',
        'technical 2.txt',
        'technical 3.txt',
      ],
    );
    const billing = view.rows[0]!;
    assert.equal(billing.classes.length, 1);
    assert.ok(billing.classes[0]!.confidence > 0 && billing.classes[0]!.confidence <= 1);
    assert.match(view.rows[3]!.problem ?? '', /^Empty/);
    const rendered = await waitFor('the panel to draw the folder', () => api.results.lastRendered);
    assert.equal(rendered.files, 7);
    await screenshot('results-folder');

    const editor = await api.results.openFile(4);
    assert.equal(editor?.document.uri.fsPath, vscode.Uri.joinPath(folder, 'technical 1.txt').fsPath);
  });

  test('in a project’s own folder, analyzes only its documents when asked: the readme beside them is skipped', async () => {
    const samples = join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');
    const folder = vscode.Uri.file(join(samples, 'loan-agreements'));
    await vscode.commands.executeCommand(CommandId.chooseAnalysisTarget, loans);
    const view = await runWith<FolderView>(
      api,
      [pick('Analyze Folder', 'The 20 documents of LoanAgreement')],
      CommandId.analyzeFolder,
      folder,
    );
    assert.ok(view);
    const skipped = view.rows.filter((r) => r.problem === 'Skipped: not a document of LoanAgreement');
    assert.deepEqual(
      skipped.map((r) => r.file),
      ['readme.md', 'Test 1.txt', 'Test 2.txt', 'Test 3.txt'].sort((a, b) => a.localeCompare(b)),
    );
    const analyzed = view.rows.filter((r) => r.problem === undefined);
    assert.equal(analyzed.length, 20, 'the 20 documents of its labels file');
    assert.ok(
      analyzed.some((r) => Object.keys(r.entityTexts).length > 0),
      'the documents have results',
    );

    const all = await runWith<FolderView>(
      api,
      [pick('Analyze Folder', 'All 24 text files')],
      CommandId.analyzeFolder,
      folder,
    );
    assert.ok(all);
    assert.equal(all.rows.find((r) => r.file === 'readme.md')?.problem, undefined, 'all files: the readme is analyzed');
    assert.equal(all.rows.length, view.rows.length);
  });

  test('shows health-style entities with their assertions, links and relations', async () => {
    // The official CustomHealthcare example, parsed by the client as a real answer would be.
    const result = normalizeAnalyzeJob(
      exampleResponseBody('2023-04-15-preview/examples/SuccessfulCustomHealthcareTaskStatusRequest.json'),
    );
    const task = result.tasks[0]!;
    const document = task.documents[0]!;
    const entities = document.entities ?? [];
    // The example carries no text: lay the entity texts out at their offsets.
    let text = '';
    for (const e of entities)
      text = text.slice(0, e.offset).padEnd(e.offset) + e.text + text.slice(e.offset + e.length);
    const editor = await openText(text);
    const view = buildResultView({ task, document, text, title: 'Health note', offsetBase: 0 });
    assert.ok(
      view.relations.length > 0 && view.entities.some((e) => e.assertion !== undefined || e.links !== undefined),
    );
    api.results.show(view, { uri: editor.document.uri, version: editor.document.version });
    const rendered = await waitFor('the panel to draw the health results', () =>
      api.results.lastRendered?.relations === view.relations.length ? api.results.lastRendered : undefined,
    );
    assert.deepEqual(rendered, {
      entities: view.entities.length,
      classes: 0,
      relations: view.relations.length,
      files: 0,
    });
    await screenshot('results-health');
  });
});

// Reviewing a model's test set in the evaluation view, and results applied to the document, as a user clicks them.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { EvaluationView, ResultView, TestDocumentRow } from '../../../src/core/views';
import type { Node } from '../../../src/tree/nodes';
import { deployedForAnalysis } from './analysisSetup';
import { click, countElements, pageText, screenshot } from './driver';
import { activateExtension, extensionId, findConnection, openFile, pick, runWith, waitFor } from './helpers';

const extensionPath = (): string => vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
const workspace = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;

suite('Model review and results applied, clicked by a user', function () {
  // Training and deploying a real model first can take 30 s on a busy machine.
  this.timeout(90_000);

  test('a model’s test set: worst first, mismatches only, and a mismatch opened with labels and predictions drawn', async () => {
    const api = await activateExtension();
    await deployedForAnalysis(api, 'LoanAgreement', 'review');
    const project = (await api.tree.getChildren(await findConnection(api, 'Local'))).find(
      (n) => n.kind === 'project' && n.project.projectName === 'LoanAgreement',
    );
    assert.ok(project);
    const models = (await api.tree.getChildren(project)).find((n) => n.kind === 'group' && n.group === 'models');
    assert.ok(models);
    const model = (await api.tree.getChildren(models)).find(
      (n): n is Extract<Node, { kind: 'model' }> => n.kind === 'model' && n.model.label === 'forAnalysis',
    );
    // A document in the first column, so the panel opens beside it and the test document opens there.
    const readme = vscode.Uri.joinPath(workspace(), 'README.md');
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

    await click('input.mismatches-only');
    await waitFor('the filter to keep only the mismatches', async () =>
      (await countElements('tr.test-row')) === testSet.mismatches ? true : undefined,
    );
    await screenshot('test-set-review-panel');

    // The worst document opens with its spans drawn: found, missed and spurious, as its row counts them.
    const worst: TestDocumentRow = testSet.rows[0]!;
    await click(testSet.mismatches > 0 ? 'tr.test-row[data-test-row="0"]' : 'input.mismatches-only');
    if (testSet.mismatches === 0) await click('tr.test-row[data-test-row="0"]');
    const editor = await waitFor('the test document to open', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.fsPath.endsWith(worst.location) ? active : undefined;
    });
    assert.ok(editor.document.uri.fsPath.includes(join('samples', 'loan-agreements')), editor.document.uri.fsPath);
    const drawn = await waitFor('the labels and predictions to be drawn', () => {
      const d = api.reviewDecorations.lastDrawn;
      return d.match + d.missed + d.spurious > 0 ? d : undefined;
    });
    assert.deepEqual(drawn, {
      match: worst.truePositives,
      missed: worst.falseNegatives,
      spurious: worst.falsePositives,
    });
    await screenshot('test-set-review');
  });

  test('Redact… replaces each entity by its category as one edit that Undo takes back, and is refused once the text changed', async () => {
    const api = await activateExtension();
    const deployment = await deployedForAnalysis(api, 'LoanAgreement', 'redact');
    const content = readFileSync(join(extensionPath(), 'samples', 'loan-agreements', 'Test 2.txt'), 'utf8');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, deployment);
    assert.ok(view && view.entities.length > 1, 'the model finds entities');
    await waitFor('the panel to draw the results', () => api.results.lastRendered);

    const script = api.answers(pick('Redact', '[Category]'));
    await click('button.redact');
    await waitFor('the entities to be replaced', () => (document.getText() !== content ? true : undefined));
    script.done();
    const redacted = document.getText();
    for (const e of view.entities) assert.ok(redacted.includes(`[${e.category}]`), `${e.category} is in the text`);
    const first = view.entities[0]!;
    assert.equal(redacted.slice(0, first.offset), content.slice(0, first.offset), 'text before the first entity kept');
    await screenshot('results-redacted');

    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('one Undo to bring the text back', () => (document.getText() === content ? true : undefined));

    // Typing in the document moves the entities: Redact… says so and changes nothing.
    const again = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, deployment);
    assert.ok(again);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), 'Draft. ');
    await vscode.workspace.applyEdit(edit);
    const refusal = api.answers();
    await click('button.redact');
    const told = await waitFor('the refusal', () => refusal.messages[0]);
    refusal.done();
    assert.match(told, /changed since it was analyzed.*analyze it again, then redact it\.$/);
    assert.equal(document.getText(), `Draft. ${content}`);
  });

  test('Open Results File… shows each saved shape on the document it names or on the active editor', async () => {
    const api = await activateExtension();
    const saved = vscode.Uri.joinPath(workspace(), 'saved-results');
    const billing = (n: number): vscode.Uri => vscode.Uri.joinPath(workspace(), 'support-tickets', `billing ${n}.txt`);

    // GA: the document it names is a workspace file, opened with its entities underlined.
    const ga = await runWith<ResultView & { shape: string }>(
      api,
      [openFile('Open Results File', vscode.Uri.joinPath(saved, 'ga-2023-04-01.json').fsPath)],
      CommandId.openResultsFile,
    );
    assert.equal(ga?.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.deepEqual(
      ga.entities.map((e) => `${e.category}:${e.text}`),
      ['Month:March', 'Problem:duplicate payment'],
    );
    const opened = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === billing(1).fsPath);
    assert.ok(opened, 'the document the result names is open');
    assert.match(await pageText('header .source', /ga-2023-04-01/), /saved in ga-2023-04-01\.json \(GA/);
    assert.equal(api.decorations.countIn(opened), 2, 'its entities are underlined');

    // v3.1-preview.ct.1: classes of a named file.
    const ct1 = await runWith<ResultView & { shape: string }>(
      api,
      [openFile('Open Results File', vscode.Uri.joinPath(saved, 'legacy-v3.1-preview.ct.1.json').fsPath)],
      CommandId.openResultsFile,
    );
    assert.equal(ct1?.shape, 'legacy v3.1-preview.ct.1');
    assert.deepEqual(
      ct1.classes.map((c) => c.category),
      ['billing', 'technical'],
    );
    await waitFor('the panel to draw two classes', () => (api.results.lastRendered?.classes === 2 ? true : undefined));

    // v3.2-preview.2: document "1" names no file, so the active editor's text is used; a text it does not fit is refused.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(billing(2)), vscode.ViewColumn.One);
    const p2 = await runWith<ResultView & { shape: string }>(
      api,
      [openFile('Open Results File', vscode.Uri.joinPath(saved, 'legacy-v3.2-preview.2.json').fsPath)],
      CommandId.openResultsFile,
    );
    assert.equal(p2?.shape, 'legacy v3.2-preview.2');
    assert.deepEqual(
      p2.entities.map((e) => e.text),
      ['card', 'renewal payment'],
    );
    assert.match(await pageText('header h1', /billing 2/), /^billing 2\.txt$/);
    await screenshot('results-saved-legacy');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(billing(3)), vscode.ViewColumn.One);
    const refused = await runWith<ResultView>(
      api,
      [openFile('Open Results File', vscode.Uri.joinPath(saved, 'legacy-v3.2-preview.2.json').fsPath)],
      CommandId.openResultsFile,
    );
    assert.equal(refused, undefined);
    assert.match(api.logText(), /The saved result of "1" does not fit billing 3\.txt: its entity "card" \(Item\)/);
  });

  test('a 10,000-document test set and a 125,000-character result with 5,000 entities draw in time', async () => {
    const api = await activateExtension();
    const rows: TestDocumentRow[] = Array.from({ length: 10_000 }, (_, i) => ({
      location: `docs/${String(i).padStart(5, '0')}.txt`,
      truePositives: 3,
      falsePositives: i % 3,
      falseNegatives: i % 2,
      labeled: '4 entities',
      predicted: '4 entities',
    }));
    const scores = { f1: 0.8, precision: 0.8, recall: 0.8 };
    const evaluation: EvaluationView = {
      title: 'Big / model',
      source: 'evaluation on the test set',
      kind: 'CustomEntityRecognition',
      split: '80% training, 20% testing',
      micro: scores,
      macro: scores,
      classes: [{ ...scores, category: 'Date', truePositives: 1, falsePositives: 0, falseNegatives: 0 }],
      testDocuments: rows.length,
      testSet: { rows, mismatches: rows.filter((r) => r.falsePositives + r.falseNegatives > 0).length },
    };
    /** From the host's show to the page's answer, and the page's own drawing (build and layout). */
    const time = async (show: () => void): Promise<{ total: number; draw: number }> => {
      const start = performance.now();
      show();
      await waitFor('the panel to draw', () => api.results.lastRendered, 60_000);
      return { total: performance.now() - start, draw: api.results.lastDrawMs ?? Number.NaN };
    };
    const testSet = await time(() => {
      api.results.showEvaluation(evaluation);
    });
    assert.equal(await countElements('tr.test-row'), 200, 'the first page of rows');

    const word = 'Borrower';
    const text = `${word} ${'x'.repeat(16)}\n`.repeat(5000).padEnd(125_000, '.');
    const entities = Array.from({ length: 5000 }, (_, i) => ({
      index: i,
      category: `C${i % 12}`,
      text: word,
      offset: i * 26,
      length: word.length,
      confidence: 0.9,
      color: (i % 12) + 1,
    }));
    const segments = entities.flatMap((e, i) => [{ text: word, entityIndex: i }, { text: ` ${'x'.repeat(16)}\n` }]);
    const big: ResultView = {
      title: 'big.txt',
      source: 'Big / prod',
      kind: 'CustomEntityRecognition',
      offsetBase: 0,
      classes: [],
      entities,
      relations: [],
      segments: [...segments, { text: text.slice(5000 * 26) }],
      notes: [],
    };
    const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
    const result = await time(() => {
      api.results.show(big, { uri: document.uri, version: document.version });
    });
    assert.equal(api.results.lastRendered?.entities, 5000);
    const artifacts = join(extensionPath(), '.test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(
      join(artifacts, 'review-timings.txt'),
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n` +
        `test set of 10,000 documents: page draws in ${testSet.draw.toFixed(0)} ms (goal 500), show to drawn ${testSet.total.toFixed(0)} ms\n` +
        `result of 125,000 characters and 5,000 entities: page draws in ${result.draw.toFixed(0)} ms (goal 200), show to drawn ${result.total.toFixed(0)} ms\n`,
    );
    // The goals (500 and 200 ms) are recorded above and in BENCHMARKS.md; on a machine shared with other suites a
    // run varies several-fold, so this guards against a return to the seconds the unpaged view took (8–9.5 s).
    assert.ok(testSet.draw < 2000, `the test set drew in ${testSet.draw.toFixed(0)} ms`);
    assert.ok(result.draw < 2000, `the result drew in ${result.draw.toFixed(0)} ms`);
  });
});

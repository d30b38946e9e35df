// Results applied to the document, as a user does it from the results panel's toolbar: Redact… (one edit that
// Undo takes back, refused once the text changed), Copy as JSON, Add as Labels, and Open Results File… for each
// saved shape. Earlier files leave the panel closed or on another view, editors open and the focus elsewhere: the
// suite starts from such a workbench on purpose, so the clicks must reach the panel whatever came before.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import { workspaceLabelsFileSchema } from '../../../src/contract/labels';
import type { EntityAssets } from '../../../src/core/labeling/model';
import { spansOf } from '../../../src/core/labeling/model';
import { applyReplacements, redactions } from '../../../src/core/redaction';
import type { ResultView } from '../../../src/core/views';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import { LOAN_CATEGORIES as CATEGORIES, deployedForAnalysis } from './analysisSetup';
import { click, pageText, press, screenshot } from './driver';
import { activateExtension, extensionId, openFile, pick, runWith, waitFor } from './helpers';

const DOCUMENT = '05.txt';

const extensionPath = (): string => vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
const workspace = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const sample = (name: string): string =>
  readFileSync(join(extensionPath(), 'samples', 'loan-agreements', name), 'utf8');

/** What earlier files may leave: the panel closed, or open on another view; an editor beside; the focus elsewhere. */
async function disturbedWorkbench(api: TestApi): Promise<void> {
  api.results.dispose();
  api.results.showFolder(
    { title: 'an earlier folder', source: 'elsewhere', kind: 'CustomEntityRecognition', rows: [] },
    [],
  );
  await waitFor('the panel to draw the earlier view', () => api.results.lastRendered);
  const readme = vscode.Uri.joinPath(workspace(), 'README.md');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme), vscode.ViewColumn.Two);
  await vscode.commands.executeCommand('workbench.view.explorer');
}

/** Analyzes the active editor's text with the deployment; waits until the page shows this result. */
async function analyzed(api: TestApi, deployment: Node, document: vscode.TextDocument): Promise<ResultView> {
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, deployment);
  assert.ok(view && view.entities.length > 1, 'the model finds entities');
  await waitFor('the panel to draw the result', () =>
    api.results.lastRendered?.entities === view.entities.length ? true : undefined,
  );
  return view;
}

suite('Results applied to the document, clicked by a user', function () {
  // Training and deploying a real model first can take 30 s on a busy machine.
  this.timeout(90_000);
  let api: TestApi;
  let deployment: Node;

  suiteSetup(async () => {
    api = await activateExtension();
    deployment = await deployedForAnalysis(api, 'LoanAgreement', 'applied');
  });

  setup(async () => {
    await disturbedWorkbench(api);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.results.dispose();
  });

  test('Redact… replaces each entity by its category as one edit that Undo takes back, and is refused once the text changed', async () => {
    const content = sample('Test 2.txt');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    const view = await analyzed(api, deployment, document);

    const script = api.answers(pick('Redact', '[Category]'));
    await click('button.redact');
    await waitFor('the entities to be replaced', () => (document.getText() !== content ? true : undefined));
    script.done();
    const expected = applyReplacements(
      content,
      redactions(
        view.entities.map((e) => ({ category: e.category, offset: view.offsetBase + e.offset, length: e.length })),
        { kind: 'category' },
      ),
    );
    assert.equal(document.getText(), expected);
    await screenshot('results-redacted');

    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('one Undo to bring the text back', () => (document.getText() === content ? true : undefined));
    assert.equal(document.getText(), content, 'byte for byte');

    // Typing in the document moves the entities: Redact… says so and changes nothing.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), 'Draft. ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const refusal = api.answers();
    await click('button.redact');
    const told = await waitFor('the refusal', () => refusal.messages[0]);
    refusal.done();
    assert.match(told, /changed since it was analyzed.*analyze it again, then redact it\.$/);
    assert.equal(document.getText(), `Draft. ${content}`);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Copy as JSON, pressed from the keyboard, puts the shown result on the clipboard', async () => {
    const content = sample('Test 3.txt');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    const view = await analyzed(api, deployment, document);
    await vscode.env.clipboard.writeText('nothing yet');
    await press('Enter', 'button.copyJson');
    const copied = await waitFor('the clipboard to hold the result', async () => {
      const text = await vscode.env.clipboard.readText();
      return text === 'nothing yet' ? undefined : text;
    });
    const json = JSON.parse(copied) as {
      kind: string;
      entities: { category: string; text: string; offset: number; length: number; confidenceScore: number }[];
    };
    assert.equal(json.kind, 'CustomEntityRecognition');
    assert.deepEqual(
      json.entities.map((e) => `${e.category}@${e.offset}+${e.length}`),
      view.entities.map((e) => `${e.category}@${view.offsetBase + e.offset}+${e.length}`),
    );
    for (const e of json.entities) assert.equal(content.slice(e.offset, e.offset + e.length), e.text);
    assert.ok(copied.includes('\n  "'), 'pretty-printed');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Add as Labels puts the entities into the document’s labels file, never over a label the user gave', async () => {
    const folder = join(workspace().fsPath, 'applied-loans');
    const labelsFile = join(folder, 'appliedLoans.labels.json');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(extensionPath(), 'samples', 'loan-agreements', DOCUMENT), join(folder, DOCUMENT));
    const project = (documents: unknown[]): string =>
      `${JSON.stringify(
        {
          projectFileVersion: '2023-04-01',
          stringIndexType: 'Utf16CodeUnit',
          metadata: {
            projectKind: 'CustomEntityRecognition',
            storageInputContainerName: 'applied-loans',
            projectName: 'AppliedLoans',
            multilingual: false,
            language: 'en-us',
            settings: {},
          },
          assets: {
            projectKind: 'CustomEntityRecognition',
            entities: CATEGORIES.map((category) => ({ category })),
            documents,
          },
        },
        null,
        2,
      )}\n`;
    writeFileSync(labelsFile, project([]));
    const labeling = await api.labeling();
    await labeling.track(labelsFile);
    await waitFor('the labels file to be found', () =>
      labeling.get(labelsFile)?.onDisk.includes(DOCUMENT) ? true : undefined,
    );

    const text = readFileSync(join(folder, DOCUMENT), 'utf8');
    const document = await vscode.workspace.openTextDocument(join(folder, DOCUMENT));
    const view = await analyzed(api, deployment, document);
    // The user labels the first entity's text with another category before adding the result.
    const first = view.entities[0]!;
    const mine = {
      category: first.category === 'Date' ? 'Interest' : 'Date',
      offset: first.offset,
      length: first.length,
    };
    writeFileSync(
      labelsFile,
      project([
        {
          location: DOCUMENT,
          language: 'en-us',
          dataset: 'Train',
          entities: [{ regionOffset: 0, regionLength: text.length, labels: [mine] }],
        },
      ]),
    );
    await waitFor('the user’s label to be read', () => {
      const file = labeling.get(labelsFile)?.project?.file;
      const doc = file && (file.assets as EntityAssets).documents.find((d) => d.location === DOCUMENT);
      return doc && spansOf(doc).length === 1 ? true : undefined;
    });

    const script = api.answers();
    await click('button.addAsLabels');
    const told = await waitFor('the summary', () => script.messages[0]);
    script.done();
    assert.match(told, new RegExp(`^Added ${view.entities.length - 1} labels to ${DOCUMENT}; 1 left out`));
    const written = workspaceLabelsFileSchema.parse(JSON.parse(readFileSync(labelsFile, 'utf8')));
    const doc = (written.assets as EntityAssets).documents.find((d) => d.location === DOCUMENT);
    assert.ok(doc, 'the document is in the labels file');
    const spans = spansOf(doc).map((s) => `${s.category}@${s.offset}+${s.length}`);
    assert.deepEqual(
      [...spans].sort(),
      [
        `${mine.category}@${mine.offset}+${mine.length}`,
        ...view.entities.slice(1).map((e) => `${e.category}@${e.offset}+${e.length}`),
      ].sort(),
      'the user’s label kept as it was, every other entity added',
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  test('Open Results File… shows each saved shape on the document it names or on the active editor', async () => {
    const saved = vscode.Uri.joinPath(workspace(), 'saved-results');
    const billing = (n: number): vscode.Uri => vscode.Uri.joinPath(workspace(), 'support-tickets', `billing ${n}.txt`);
    const open = (name: string): Promise<(ResultView & { shape: string }) | undefined> =>
      runWith(api, [openFile('Open Results File', vscode.Uri.joinPath(saved, name).fsPath)], CommandId.openResultsFile);

    // 2023-04-01: the document it names is a workspace file, opened with its entities underlined.
    const ga = await open('ga-2023-04-01.json');
    assert.equal(ga?.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.deepEqual(
      ga.entities.map((e) => `${e.category}:${e.text}`),
      ['Month:March', 'Problem:duplicate payment'],
    );
    const opened = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === billing(1).fsPath);
    assert.ok(opened, 'the document the result names is open');
    assert.match(await pageText('header .source', /ga-2023-04-01/), /saved in ga-2023-04-01\.json \(GA/);
    assert.equal(api.decorations.countIn(opened), 2, 'its entities are underlined');

    // 2022-05-01 (lastUpdateDateTime, a single-label class) of another named file.
    const ga2022 = await open('ga-2022-05-01.json');
    assert.equal(ga2022?.shape, 'GA (2022-05-01 or 2023-04-01)');
    assert.deepEqual(
      ga2022.classes.map((c) => c.category),
      ['billing'],
    );
    assert.match(await pageText('header h1', /billing 3/), /^billing 3\.txt$/);

    // v3.1-preview.ct.1: classes of a named file.
    const ct1 = await open('legacy-v3.1-preview.ct.1.json');
    assert.equal(ct1?.shape, 'legacy v3.1-preview.ct.1');
    assert.deepEqual(
      ct1.classes.map((c) => c.category),
      ['billing', 'technical'],
    );
    await waitFor('the panel to draw two classes', () => (api.results.lastRendered?.classes === 2 ? true : undefined));

    // v3.2-preview.2: document "1" names no file, so the active editor's text is used; a text it does not fit is refused.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(billing(2)), vscode.ViewColumn.One);
    const p2 = await open('legacy-v3.2-preview.2.json');
    assert.equal(p2?.shape, 'legacy v3.2-preview.2');
    assert.deepEqual(
      p2.entities.map((e) => e.text),
      ['card', 'renewal payment'],
    );
    assert.match(await pageText('header h1', /billing 2/), /^billing 2\.txt$/);
    await screenshot('results-saved-legacy');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(billing(3)), vscode.ViewColumn.One);
    assert.equal(await open('legacy-v3.2-preview.2.json'), undefined);
    assert.match(api.logText(), /The saved result of "1" does not fit billing 3\.txt: its entity "card" \(Item\)/);

    // A file cut short: said so, and the panel keeps what it showed.
    assert.equal(await open('truncated.json'), undefined);
    assert.match(api.logText(), /truncated\.json is not JSON: /);
    assert.match(await pageText('header h1'), /^billing 2\.txt$/);

    // A results file too large to parse without holding up the editor: refused by its size, before it is read.
    const huge = join(mkdtempSync(join(tmpdir(), 'cts-huge-')), 'million-entities.json');
    writeFileSync(huge, '');
    truncateSync(huge, 76 * 1024 * 1024);
    const started = Date.now();
    assert.equal(await runWith(api, [openFile('Open Results File', huge)], CommandId.openResultsFile), undefined);
    assert.ok(Date.now() - started < 2000, `refused in ${Date.now() - started} ms`);
    assert.match(
      api.logText(),
      /million-entities\.json is 76 MB; Open Results File… reads results files of at most 16 MB/,
    );
  });
});

// Hostile text stays text: a document and category names made of HTML, script ends, javascript: links and
// markdown commands, shown in every view of the results panel and in the editor's hovers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildResultView, folderRow } from '../../../src/core/resultView';
import type { TestApi } from '../../../src/extension';
import { countElements, pageText, press, screenshot } from './driver';
import { activateExtension, waitFor } from './helpers';

const IMG = '<img src=x onerror="document.title=1">';
const SCRIPT = '</script><script>document.title=2</script>';
const LINK = '<a href="javascript:alert(1)">here</a>';
const COMMAND = '[quit](command:workbench.action.closeWindow)';
const TEXT = `Pay ${IMG} to ${SCRIPT} at ${LINK} or ${COMMAND}.`;

/** Anything that would mean markup or a link was made of the text, in the webview or in a hover. */
const MADE = ['img', 'script', 'a', 'svg', 'iframe', 'b', '[onerror]', '[onload]', '[href]'];
const inPanel = MADE.map((s) => `#root ${s}`).join(', ');
const inHover = MADE.map((s) => `.monaco-hover ${s}`).join(', ');

suite('Hostile text stays text', () => {
  let api: TestApi;
  suiteSetup(async () => {
    api = await activateExtension();
  });

  test('in the entity view, the folder view, the evaluation and the editor hover: no element, link or command', async () => {
    const document = await vscode.workspace.openTextDocument({ content: TEXT, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const spans = [IMG, SCRIPT, LINK, COMMAND].map((t) => ({ offset: TEXT.indexOf(t), length: t.length }));
    const categories = [IMG, SCRIPT, `javascript:alert(1)`, COMMAND];
    const entities = spans.map((s, i) => ({
      ...s,
      text: TEXT.slice(s.offset, s.offset + s.length),
      category: categories[i] ?? '',
      confidenceScore: 0.9,
    }));
    const result = { id: '1', entities, warnings: [{ code: SCRIPT, message: IMG }] };
    const task = {
      kind: 'CustomEntityRecognition' as const,
      status: 'succeeded' as const,
      projectName: IMG,
      deploymentName: LINK,
      documents: [result],
    };
    const view = buildResultView({ task, document: result, text: TEXT, title: SCRIPT, offsetBase: 0 });
    api.results.show(view, { uri: document.uri, version: document.version });
    api.decorations.apply(document, view);
    await waitFor('the panel to draw the hostile result', () => api.results.lastRendered);
    const shown = await pageText('.text', /onerror/);
    for (const part of [IMG, SCRIPT, LINK, COMMAND]) assert.ok(shown.includes(part), `the text shows ${part} as text`);
    assert.ok((await pageText('.entity-row')).includes(IMG), 'a category name shows as text');
    assert.ok((await pageText('.note')).includes(IMG), 'a service warning shows as text');
    assert.equal(await countElements(inPanel), 0, 'no element came of the text in the entity view');
    await screenshot('hostile-entities');

    api.results.showFolder(
      {
        title: IMG,
        source: LINK,
        kind: 'CustomEntityRecognition',
        rows: [folderRow(`${SCRIPT}.txt`, result), folderRow(`${IMG}.md`, undefined, LINK)],
      },
      [],
    );
    await waitFor('the panel to draw the hostile folder', () => api.results.lastRendered);
    assert.ok((await pageText('tbody', /script/)).includes(`${SCRIPT}.txt`));
    assert.equal(await countElements(inPanel), 0, 'no element came of the names in the folder view');

    const scores = { f1: 1, precision: 1, recall: 1 };
    const identity = categories.map((_, i) => categories.map((__, j) => (i === j ? 1 : 0)));
    api.results.showEvaluation({
      title: IMG,
      source: LINK,
      kind: 'CustomEntityRecognition',
      split: SCRIPT,
      micro: scores,
      macro: scores,
      classes: categories.map((category) => ({
        ...scores,
        category,
        truePositives: 1,
        falsePositives: 0,
        falseNegatives: 0,
      })),
      confusion: {
        labels: categories,
        counts: identity,
        counting: { name: 'Overlap-weighted counts', legend: SCRIPT, shown: identity.map((row) => row.map(String)) },
      },
    });
    await waitFor('the panel to draw the hostile evaluation', () => api.results.lastRendered);
    assert.ok((await pageText('.confusion', /onerror/)).includes(IMG));
    assert.equal(await countElements(inPanel), 0, 'no element came of the names in the evaluation');

    // The editor's hover over the entity whose category is a markdown command link: the category, as text.
    const at = document.positionAt(spans[3]!.offset + 2);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    // Markdown text keeps its spaces as no-break spaces.
    const hover = (await pageText('.monaco-hover', /quit/)).replace(/\u00a0/g, ' ');
    assert.ok(hover.includes(COMMAND), `the hover shows the category as text: ${hover}`);
    assert.ok(hover.includes(IMG), `the hover shows the project name as text: ${hover}`);
    assert.equal(await countElements(inHover), 0, 'no element or link came of the category in the hover');
    await screenshot('hostile-hover');
    // Leave the workbench as found: later suites take screenshots of it.
    await press('Escape');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    api.results.dispose(); // The panel comes back with the next result.
  });
});

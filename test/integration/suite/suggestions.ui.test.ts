// Suggest Labels on an unlabeled loan agreement with a deployed entity model, as a user does it: suggestions drawn
// apart from labels, some accepted by key, the rest rejected by key; the labels file holds exactly the accepted.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { ANOTHER_PROJECTS_DEPLOYMENT } from '../../../src/commands/analyzeTarget';
import { CommandId } from '../../../src/commands/ids';
import type { SuggestOutcome } from '../../../src/commands/suggestions';
import { workspaceLabelsFileSchema } from '../../../src/contract/labels';
import { writeLabelsFile } from '../../../src/core/labeling/canonicalWriter';
import { suggestionsFor } from '../../../src/core/suggestions/suggestions';
import type { TestApi } from '../../../src/extension';
import { LOAN_CATEGORIES as CATEGORIES, deployedForAnalysis } from './analysisSetup';
import { pageText, press, screenshot } from './driver';
import { activateExtension, extensionId, pick, runWith, waitFor } from './helpers';

const DOCUMENT = 'Test 1.txt';
const OTHERS = ['Test 2.txt', 'Test 3.txt'];
/** The service's limit per document, and as many predictions as a document that size may plausibly carry. */
const BIG_CHARACTERS = 125_000;
const BIG_ENTITIES = 5_000;

suite('Suggestions from a deployment', () => {
  let api: TestApi;
  let folder: string;
  const labelsFile = (): string => join(folder, 'suggestLoans.labels.json');
  const metadata = {
    projectKind: 'CustomEntityRecognition',
    storageInputContainerName: 'suggest-loans',
    projectName: 'SuggestLoans',
    multilingual: false,
    language: 'en-us',
    settings: {},
  };

  suiteSetup(async () => {
    api = await activateExtension();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run in a workspace');
    folder = join(root, 'suggest-loans');
    mkdirSync(folder, { recursive: true });
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
    for (const name of [DOCUMENT, ...OTHERS])
      copyFileSync(join(extensionPath, 'samples', 'loan-agreements', name), join(folder, name));
    writeFileSync(
      labelsFile(),
      `${JSON.stringify(
        {
          projectFileVersion: '2023-04-01',
          stringIndexType: 'Utf16CodeUnit',
          metadata,
          assets: {
            projectKind: 'CustomEntityRecognition',
            entities: CATEGORIES.map((category) => ({ category })),
            documents: [],
          },
        },
        null,
        2,
      )}\n`,
    );
    const labeling = await api.labeling();
    await labeling.track(labelsFile());
    await waitFor('the labels file to be found', () =>
      labeling.get(labelsFile())?.onDisk.includes(DOCUMENT) ? true : undefined,
    );
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('suggests on an unlabeled loan agreement; accepted by key become labels, rejected ones never reach the file', async () => {
    await deployedForAnalysis(api, 'LoanAgreement', 'suggest');
    const document = await vscode.workspace.openTextDocument(join(folder, DOCUMENT));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const before = readFileSync(labelsFile(), 'utf8');

    const outcome = await runWith<SuggestOutcome>(
      api,
      [
        pick('Suggest Labels', `This document: ${DOCUMENT}`),
        pick(/SuggestLoans has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'LoanAgreement'),
        pick('Analyze with a Deployment', 'suggest'),
      ],
      CommandId.suggestLabels,
    );
    assert.ok(outcome && outcome.suggestions >= 3, `the model suggests several entities (${outcome?.suggestions})`);
    const drawn = await waitFor('the suggestions to be drawn', () => api.suggestions.decorations.drawnIn(document.uri));
    assert.equal(drawn.entities.length, outcome.suggestions, 'every suggestion is drawn');
    assert.ok(drawn.ms <= 200, `drawn in ${drawn.ms.toFixed(1)} ms (goal ≤ 200 ms)`);
    console.log(`    ${drawn.entities.length} suggestions drawn in ${drawn.ms.toFixed(1)} ms`);
    assert.equal(readFileSync(labelsFile(), 'utf8'), before, 'suggesting writes nothing to the labels file');
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt((drawn.entities[0]?.offset ?? 0) + 1),
    );
    const hoverText = hover
      .flatMap((h) => h.contents)
      .map((c) => (c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : ''))
      .join('\n');
    assert.match(hoverText, new RegExp(`Suggested \\*\\*${drawn.entities[0]?.category}`), 'the hover names it');
    assert.match(hoverText, /Accept \(Alt\+Y\)/);
    await screenshot('suggestions');

    // Accept the first two by key, with the cursor in each.
    const accepted = drawn.entities.slice(0, 2);
    for (const s of accepted) {
      const position = document.positionAt(s.offset + 1);
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(position, position);
      await waitFor('the cursor to be in a suggestion', async () =>
        (await api.suggestions.decorations.cursorInSuggestion()) ? true : undefined,
      );
      const count = api.suggestions.store.get(document.uri.fsPath)?.suggestions.entities.length ?? 0;
      await press('Alt+Y');
      await waitFor('the suggestion to be accepted', () =>
        (api.suggestions.store.get(document.uri.fsPath)?.suggestions.entities.length ?? 0) < count ? true : undefined,
      );
    }
    // The rest go with Alt+Shift+X, the cursor in one of them.
    const rest = drawn.entities.slice(2);
    const last = rest[0];
    assert.ok(last, 'suggestions are left to reject');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(document.positionAt(last.offset + 1), document.positionAt(last.offset + 1));
    await waitFor('the cursor to be in a suggestion', async () =>
      (await api.suggestions.decorations.cursorInSuggestion()) ? true : undefined,
    );
    await press('Alt+Shift+X');
    await waitFor('every suggestion to be gone', () =>
      api.suggestions.store.get(document.uri.fsPath) === undefined ? true : undefined,
    );
    assert.equal(api.suggestions.decorations.drawnIn(document.uri), undefined, 'nothing drawn any more');

    // The labels file: the document added, with exactly the two accepted spans, in the canonical form.
    const labeling = await api.labeling();
    await labeling.flush();
    const expected = workspaceLabelsFileSchema.parse({
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata,
      assets: {
        projectKind: 'CustomEntityRecognition',
        entities: CATEGORIES.map((category) => ({ category })),
        documents: [
          {
            location: DOCUMENT,
            language: 'en-us',
            entities: [
              {
                regionOffset: 0,
                regionLength: document.getText().length,
                labels: [...accepted]
                  .sort((a, b) => a.offset - b.offset)
                  .map(({ category, offset, length }) => ({ category, offset, length })),
              },
            ],
          },
        ],
      },
    });
    assert.equal(readFileSync(labelsFile(), 'utf8'), writeLabelsFile(expected, '\n'));
    await screenshot('suggestions-accepted');
  });

  test('Label Next opens the unlabeled document most worth labeling, its suggestions drawn', async () => {
    const next = await runWith<string>(
      api,
      [
        pick(/SuggestLoans has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'LoanAgreement'),
        pick('Analyze with a Deployment', 'suggest'),
      ],
      CommandId.labelNext,
    );
    const ranking = api.suggestions.store.ranking(labelsFile()) ?? [];
    assert.deepEqual(
      ranking.map((r) => r.location).sort(),
      OTHERS,
      'the unlabeled documents are ranked (the labeled one is not)',
    );
    for (let i = 1; i < ranking.length; i++)
      assert.ok((ranking[i - 1]?.worth ?? 0) >= (ranking[i]?.worth ?? 0), 'the most worth labeling first');
    assert.equal(next, ranking[0]?.location);
    const active = await waitFor('the document to open', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === join(folder, next ?? '')
        ? vscode.window.activeTextEditor
        : undefined,
    );
    await waitFor('its suggestions to be drawn', () => api.suggestions.decorations.drawnIn(active.document.uri));
  });

  test('counts what is shown apart from what is below the threshold; Alt+Y where none is shown says why', async () => {
    // Every document, Test 1.txt among them: labeled by the first test, its row shows its labels only.
    const every = await runWith<SuggestOutcome>(
      api,
      [
        pick('Suggest Labels', 'Every document (3)'),
        pick(/SuggestLoans has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'LoanAgreement'),
        pick('Analyze with a Deployment', 'suggest'),
      ],
      CommandId.suggestLabels,
      { kind: 'labelingProject', labelsFile: labelsFile() },
    );
    assert.ok(every?.shownIn.includes(DOCUMENT), 'the labeled document has suggestions too');
    const labeledRow = await documentRow(labelsFile(), DOCUMENT);
    assert.match(String(labeledRow.description), /^2 entities/);
    assert.doesNotMatch(String(labeledRow.description), /suggested/, 'a labeled row shows its labels only');

    // Above every confidence: each suggestion is kept, none shown.
    const settings = vscode.workspace.getConfiguration('customText');
    await settings.update('suggestions.threshold', 1, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
      const hidden = await runWith<SuggestOutcome>(
        api,
        [
          pick('Suggest Labels', 'Unlabeled documents (2)'),
          pick(/SuggestLoans has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
          pick('Analyze with a Deployment', 'LoanAgreement'),
          pick('Analyze with a Deployment', 'suggest'),
        ],
        CommandId.suggestLabels,
        { kind: 'labelingProject', labelsFile: labelsFile() },
      );
      assert.ok(hidden, 'it ran');
      // The local model may be sure of a few (confidence 1): those alone stay shown.
      const stored = OTHERS.map((d) => ({ d, all: api.suggestions.store.withHidden(join(folder, d))?.suggestions }));
      const sure = stored.map(({ d, all }) => ({
        d,
        n: (all?.entities ?? []).filter((e) => e.confidence >= 1).length,
      }));
      const shown = sure.reduce((n, s) => n + s.n, 0);
      const below = stored.reduce((n, s) => n + (s.all?.entities ?? []).filter((e) => e.confidence < 1).length, 0);
      assert.ok(below > 0, 'the model suggests entities below the threshold 1');
      assert.deepEqual([hidden.suggestions, hidden.hidden], [shown, below], 'what is shown, and apart what is not');
      await vscode.commands.executeCommand('notifications.showList'); // Toasts may hide; the list is always there.
      const told = await pageText('.notification-list-item-message', /below the threshold/);
      const withShown = sure.filter((s) => s.n > 0).map((s) => s.d);
      assert.match(
        told,
        new RegExp(
          shown === 0
            ? `^No suggestion shown in 2 documents: ${below} (is|are) below the threshold 1 \\(lower`
            : `^${shown} suggestions? shown in ${withShown.length} of 2 documents; ${below} more (is|are) below the threshold 1 \\(lower`,
        ),
      );
      const opened = vscode.window.activeTextEditor?.document.uri.fsPath;
      if (withShown.length === 0) assert.equal(opened, undefined, 'no document with nothing shown is opened');
      else
        assert.ok(
          withShown.some((d) => opened === join(folder, d)),
          `${opened} has a suggestion shown`,
        );

      // In a document whose suggestions are all below the threshold, Alt+Y says so.
      const other = OTHERS[0] ?? '';
      const document = await vscode.workspace.openTextDocument(join(folder, other));
      const kept = api.suggestions.store.withHidden(document.uri.fsPath);
      assert.ok(kept, `${other} has suggestions`);
      const unsure = kept.suggestions.entities.filter((e) => e.confidence < 1);
      api.suggestions.store.set(document.uri.fsPath, {
        ...kept,
        suggestions: { ...kept.suggestions, entities: unsure },
      });
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await press('Alt+Y');
      await vscode.commands.executeCommand('notifications.showList');
      const why = await pageText('.notification-list-item-message', /No suggestion shown in/);
      assert.match(
        why,
        new RegExp(`^No suggestion shown in ${other}: ${unsure.length} (is|are) below the threshold 1`),
      );
      await screenshot('suggestions-below-threshold');
    } finally {
      await settings.update('suggestions.threshold', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  /** The Labeling view's row of a document, as VS Code would draw it. */
  async function documentRow(labelsFile: string, location: string): Promise<vscode.TreeItem> {
    const project = ((await api.labelingTree.getChildren()) ?? []).find((n) => n.labelsFile === labelsFile);
    assert.ok(project, `${labelsFile} is in the Labeling view`);
    const node = ((await api.labelingTree.getChildren(project)) ?? []).find(
      (n) => n.kind === 'labelingDocument' && n.row.location === location,
    );
    assert.ok(node, `${location} is listed`);
    return await api.labelingTree.getTreeItem(node);
  }

  test('a class suggestion shows in the status bar and the Labeling view, and Alt+Y makes it the document’s class', async () => {
    await deployedForAnalysis(api, 'WebOfScience', 'suggestClass');
    const science = join(folder, '..', 'suggest-science');
    mkdirSync(science, { recursive: true });
    const classes = [
      'Computer_science',
      'Electrical_engineering',
      'Psychology',
      'Mechanical_engineering',
      'Civil_engineering',
      'Medical',
      'Biochemistry',
    ];
    const scienceLabels = join(science, 'science.labels.json');
    writeFileSync(
      scienceLabels,
      `${JSON.stringify(
        {
          projectFileVersion: '2023-04-01',
          stringIndexType: 'Utf16CodeUnit',
          metadata: {
            ...metadata,
            projectKind: 'CustomSingleLabelClassification',
            projectName: 'SuggestScience',
            storageInputContainerName: 'suggest-science',
          },
          assets: {
            projectKind: 'CustomSingleLabelClassification',
            classes: classes.map((category) => ({ category })),
            documents: [{ location: '001.txt', language: 'en-us' }],
          },
        },
        null,
        2,
      )}\n`,
    );
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
    copyFileSync(join(extensionPath, 'samples', 'web-of-science', '001.txt'), join(science, '001.txt'));
    const labeling = await api.labeling();
    await labeling.track(scienceLabels);
    await waitFor('the project to be found', () =>
      labeling.get(scienceLabels)?.onDisk.includes('001.txt') ? true : undefined,
    );
    const document = await vscode.workspace.openTextDocument(join(science, '001.txt'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const outcome = await runWith<SuggestOutcome>(
      api,
      [
        pick('Suggest Labels', 'This document: 001.txt'),
        pick(/has no deployment yet/, ANOTHER_PROJECTS_DEPLOYMENT),
        pick('Analyze with a Deployment', 'WebOfScience'),
        pick('Analyze with a Deployment', 'suggestClass'),
      ],
      CommandId.suggestLabels,
    );
    assert.equal(outcome?.suggestions, 1, 'one class is suggested');
    const suggested = api.suggestions.store.get(document.uri.fsPath)?.suggestions.classes[0];
    assert.ok(suggested && classes.includes(suggested.category));
    const shown = await pageText('.part.statusbar', /Suggested:/);
    assert.match(shown, new RegExp(`Suggested: ${suggested.category} \\d+%`));
    // In the Labeling view the document stays unlabeled, the suggestion beside it as a ghost entry.
    const suggestedRow = await documentRow(scienceLabels, '001.txt');
    assert.match(String(suggestedRow.description), new RegExp(`^unlabeled · suggested ${suggested.category} \\d+%`));
    assert.equal((suggestedRow.iconPath as vscode.ThemeIcon | undefined)?.id, 'sparkle');
    // The view as a user sees it: down to this project by keyboard (others' may come first), opened.
    await vscode.commands.executeCommand('customText.labeling.focus');
    // Collapsed first, so each row is a project: earlier suites may have left one open.
    await vscode.commands.executeCommand('workbench.actions.treeView.customText.labeling.collapseAll');
    // Down until the focused row is this project, as a user looks for it (the rows may still be settling).
    const roots = (await api.labelingTree.getChildren()) ?? [];
    const focusedRow = '.monaco-list[aria-label="Labeling"] .monaco-list-row.focused';
    await press('Home', '.monaco-list[aria-label="Labeling"]');
    let focused = await pageText(focusedRow);
    for (let i = 0; i <= roots.length && !focused.includes('SuggestScience'); i++) {
      await press('ArrowDown');
      focused = await pageText(focusedRow);
    }
    assert.match(
      focused,
      /SuggestScience/,
      `the project is reached by keyboard (${roots.length} rows; last: ${focused})`,
    );
    await press('ArrowRight');
    // Down to the document's row (after the counts and the split): the list scrolls to it, as it does for a user.
    for (let i = 0; i < 4 && !focused.includes('001.txt'); i++) {
      await press('ArrowDown');
      focused = await pageText(focusedRow);
    }
    await pageText(focusedRow, /suggested/);
    await screenshot('suggestions-labeling-view');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await waitFor('the keybindings to know of the suggestion', async () =>
      (await api.suggestions.decorations.cursorInSuggestion()) ? true : undefined,
    );
    await press('Alt+Y');
    await waitFor('the class to be accepted', () =>
      api.suggestions.store.get(document.uri.fsPath) === undefined ? true : undefined,
    );
    await labeling.flush();
    const written = workspaceLabelsFileSchema.parse(JSON.parse(readFileSync(scienceLabels, 'utf8')));
    assert.deepEqual(written.assets?.documents, [
      { location: '001.txt', language: 'en-us', class: { category: suggested.category } },
    ]);
    await waitFor('the Labeling view to show the class as a label', async () => {
      const row = await documentRow(scienceLabels, '001.txt');
      return row.description === suggested.category ? true : undefined;
    });
  });

  test('draws 5,000 suggestions of a 125,000-character document at once, timing it', async () => {
    const big = join(folder, '..', 'suggest-big');
    mkdirSync(big, { recursive: true });
    let text = '';
    const entities: { text: string; category: string; offset: number; length: number; confidenceScore: number }[] = [];
    for (let i = 0; i < BIG_ENTITIES; i++) {
      text += i % 3 === 0 ? 'the loan of\n' : 'the loan of ';
      const word = `Name${i}`;
      entities.push({
        text: word,
        category: CATEGORIES[i % CATEGORIES.length] ?? 'Date',
        offset: text.length,
        length: word.length,
        confidenceScore: 0.6 + (i % 40) / 100,
      });
      text += word;
      text += ' '.repeat(Math.max(1, Math.round((BIG_CHARACTERS / BIG_ENTITIES) * (i + 1)) - text.length));
    }
    const file = join(big, 'big.txt');
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const project = (await api.labeling()).get(labelsFile())?.project?.file;
    assert.ok(project);
    // From the result's arrival: the suggestions kept, stored, and drawn (synchronously, on the store's event).
    // Three runs (the first with cold code); the machine is shared, so the best counts and every run is logged.
    const runs: { totalMs: number; drawMs: number }[] = [];
    for (let run = 0; run < 3; run++) {
      api.suggestions.store.clear(file);
      const started = performance.now();
      const suggestions = suggestionsFor(project, 'big.txt', text, { entities }, 0.5);
      api.suggestions.store.set(file, { labelsFile: labelsFile(), text, suggestions });
      const totalMs = performance.now() - started;
      const drawn = api.suggestions.decorations.drawnIn(document.uri);
      assert.equal(drawn?.entities.length, BIG_ENTITIES, 'every suggestion is drawn');
      runs.push({ totalMs, drawMs: drawn.ms });
    }
    const best = (pick: (r: { totalMs: number; drawMs: number }) => number): number => Math.min(...runs.map(pick));
    const extensionPath = vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.';
    mkdirSync(join(extensionPath, '.test-artifacts'), { recursive: true });
    writeFileSync(
      join(extensionPath, '.test-artifacts', 'suggestions-timings.txt'),
      `${BIG_ENTITIES} suggestions of a ${text.length}-character document, result to decorations set (of which setting them), three runs: ${runs
        .map((r) => `${r.totalMs.toFixed(1)} (${r.drawMs.toFixed(1)}) ms`)
        .join(', ')}; load average ${loadavg()[0]?.toFixed(1)}\n`,
    );
    // The goals (≤ 200 ms, of which ≤ 50 ms setting the decorations) are checked by `npm run bench -- suggestions`
    // and the figures here go to BENCHMARKS.md with the load they were taken under; on this shared machine the
    // test guards against the order-of-magnitude regressions (an overlap check per pair of suggestions, render
    // options per decoration), as the entity labels test does.
    assert.ok(best((r) => r.totalMs) <= 1000, `result to decorations in ${best((r) => r.totalMs).toFixed(1)} ms`);
    assert.ok(best((r) => r.drawMs) <= 500, `5,000 decorations set in ${best((r) => r.drawMs).toFixed(1)} ms`);
    await screenshot('suggestions-5000');
    api.suggestions.store.clear(file);
  });
});

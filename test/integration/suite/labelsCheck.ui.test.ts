// A labels file is checked before anything is sent: schema completion and hovers, every problem as a diagnostic
// on the labels file (and on the document for a span), quick fixes, Import refusing a broken file, and the fixed
// project imported, trained and giving a model. Files are made at test time in the workspace copy.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TrainingJobState } from '../../../src/contract/job';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import { screenshot } from './driver';
import { activateExtension, confirm, findConnection, input, openFile, runWith, trainAnswers, waitFor } from './helpers';

const PEOPLE = ['Ada', 'Bob', 'Cem', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kim', 'Lea'];
const CITIES = ['Paris', 'Lyon', 'Rome', 'Oslo', 'Bern', 'Kyiv', 'Riga', 'Nice', 'Lima', 'Baku', 'Doha', 'Suva'];
const textOf = (i: number): string => `${PEOPLE[i] ?? 'Ada'} lives in ${CITIES[i] ?? 'Paris'}.   Then more.`;

interface Label {
  category: string;
  offset: number;
  length: number;
}
interface Doc {
  location: string;
  dataset?: string;
  entities?: { regionOffset: number; regionLength: number; labels: Label[] }[];
}

function goodDocuments(): Doc[] {
  return PEOPLE.map((person, i) => {
    const text = textOf(i);
    const city = CITIES[i] ?? 'Paris';
    return {
      location: `doc${String(i).padStart(2, '0')}.txt`,
      dataset: i % 4 === 0 ? 'Test' : 'Train',
      entities: [
        {
          regionOffset: 0,
          regionLength: text.length,
          labels: [
            { category: 'Person', offset: 0, length: person.length },
            { category: 'City', offset: text.indexOf(city), length: city.length },
          ],
        },
      ],
    };
  });
}

function labelsText(documents: Doc[], changes: { kind?: string; name?: string; entities?: string[] } = {}): string {
  return `${JSON.stringify(
    {
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: changes.kind ?? 'CustomEntityRecognition',
        storageInputContainerName: 'labels-check',
        projectName: changes.name ?? 'LabelsCheck',
        language: 'en-us',
      },
      assets: {
        projectKind: 'CustomEntityRecognition',
        entities: (changes.entities ?? ['Person', 'City']).map((category) => ({ category })),
        documents,
      },
    },
    null,
    2,
  )}\n`;
}

/** The broken project: every problem a labels file of entities can have, each once. */
function brokenDocuments(): Doc[] {
  const docs = goodDocuments();
  const first = docs[0]?.entities?.[0];
  assert.ok(first);
  const t = textOf(0); // "Ada lives in Paris.   Then more."
  first.labels.push(
    { category: 'Airport', offset: t.indexOf('more'), length: 4 }, // unknown entity type
    { category: 'City', offset: t.indexOf('   '), length: 3 }, // whitespace only
    { category: 'Person', offset: 0, length: 9 }, // overlaps Ada
  );
  const second = docs[1]?.entities?.[0];
  assert.ok(second);
  second.labels.push({ category: 'City', offset: textOf(1).length - 2, length: 9 }); // past the end of the text
  const third = docs[2]?.entities?.[0];
  assert.ok(third);
  third.regionLength = 200; // past the end of the text
  docs.push(
    { location: 'missing.txt' },
    { location: '../outside.txt' },
    { location: 'sub\\nested.txt' },
    { location: 'empty.txt' },
    { location: 'doc03.txt' }, // listed twice
  );
  return docs;
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function sev(d: vscode.Diagnostic): string {
  return ['error', 'warning', 'info', 'hint'][d.severity] ?? '?';
}

suite('Labels file check (diagnostics, quick fixes, import)', () => {
  let api: TestApi;
  let folder: string;
  let labelsFile: string;
  let uri: vscode.Uri;

  const diagnostics = (target: vscode.Uri = uri): vscode.Diagnostic[] =>
    vscode.languages.getDiagnostics(target).filter((d) => d.source === 'Custom Text');
  const ofCode = (code: string, target?: vscode.Uri): vscode.Diagnostic[] =>
    diagnostics(target).filter((d) => d.code === code);
  const textAt = (doc: vscode.TextDocument, d: vscode.Diagnostic): string => doc.getText(d.range);

  /** Replaces the open labels file's text as typing would, and waits until its next check makes `until` hold. */
  async function typeText(doc: vscode.TextDocument, text: string, until: (ds: vscode.Diagnostic[]) => boolean) {
    const key = doc.uri.toString();
    let listener: vscode.Disposable | undefined;
    // Only diagnostics set after the edit count: the ones shown before are for the old text.
    const checked = new Promise<void>((resolve) => {
      listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === key) && until(diagnostics(doc.uri))) resolve();
      });
    });
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await Promise.race([
        checked,
        new Promise((_, reject) =>
          setTimeout(() => {
            reject(new Error('The labels file was not checked in 15 s'));
          }, 15_000),
        ),
      ]);
    } finally {
      listener?.dispose();
    }
  }

  suiteSetup(async () => {
    api = await activateExtension();
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test workspace is open');
    folder = join(root.uri.fsPath, 'labels-check');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    PEOPLE.forEach((_, i) => {
      writeFileSync(join(folder, `doc${String(i).padStart(2, '0')}.txt`), textOf(i));
    });
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'sub', 'nested.txt'), 'Ada in Rome.');
    labelsFile = join(folder, 'project.labels.json');
    writeFileSync(labelsFile, labelsText(goodDocuments()));
    uri = vscode.Uri.file(labelsFile);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  test('the labels file JSON schema gives hovers and completion in the editor', async function () {
    this.timeout(120_000); // The JSON language server starts on first use.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // In the metadata object: the schema's keys are offered (once the JSON language server has started).
    const inMetadata = doc.positionAt(doc.getText().indexOf('"projectKind"'));
    let offered: string[] = [];
    await waitFor(
      'completion from the schema',
      async () => {
        const completion = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          inMetadata,
        );
        offered = completion.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return offered.some((l) => l.includes('multilingual')) ? true : undefined;
      },
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; offered: ${offered.join(', ')}`);
    });
    const at = doc.positionAt(doc.getText().indexOf('"stringIndexType"') + 3);
    let shown = '';
    await waitFor(
      'a hover from the schema',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
        shown = hovers
          .flatMap((h) => h.contents)
          .map((c) => (c instanceof vscode.MarkdownString ? c.value : JSON.stringify(c)))
          .join('\n');
        return /How offsets count: UTF\\?-16 code units/.test(shown) ? true : undefined; // Markdown escapes the dash.
      },
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; hover: ${shown}`);
    });
  });

  test('a good project has no errors; each problem of a broken one is a diagnostic at its place', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(
      'no errors on the good file',
      () => (diagnostics().some((d) => d.severity === vscode.DiagnosticSeverity.Error) ? undefined : true),
      10_000,
    );

    const broken = labelsText(brokenDocuments(), { kind: 'customEntityRecognition', name: 'bad name!' });
    await typeText(doc, broken, (ds) => ds.some((d) => d.code === 'duplicateLocation'));
    const expected: [string, string, RegExp, string | RegExp][] = [
      [
        'kindCase',
        'info',
        /accepted, and "CustomEntityRecognition" is its usual spelling/,
        '"customEntityRecognition"',
      ],
      ['badProjectName', 'error', /The project name "bad name!" is not allowed/, '"bad name!"'],
      [
        'unknownCategory',
        'error',
        /doc00\.txt uses the entity type "Airport", which the project does not declare/,
        '"Airport"',
      ],
      ['whitespaceSpan', 'error', /is only whitespace/, /"category": "City",\s+"offset": 19,\s+"length": 3/],
      ['overlappingSpans', 'error', /overlaps .*spans cannot overlap/, /"offset": 0,\s+"length": 9/],
      [
        'spanOutsideText',
        'error',
        /runs past the end of its text/,
        new RegExp(`"offset": ${textOf(1).length - 2},\\s+"length": 9`),
      ],
      ['regionOutsideText', 'error', /Region 0\+200 of doc02\.txt runs past the end/, '200'],
      ['documentMissing', 'error', /missing\.txt is not in the project's folder/, '"missing.txt"'],
      ['documentOutsideFolder', 'error', /the document must be inside the folder/, '"../outside.txt"'],
      ['documentOutsideFolder', 'error', /use "\/" between folders/, '"sub\\\\nested.txt"'],
      ['emptyDocument', 'error', /empty\.txt is empty/, /"location": "empty\.txt"/],
      ['duplicateLocation', 'error', /doc03\.txt is listed twice/, '"doc03.txt"'],
    ];
    const shown = diagnostics();
    for (const [code, severity, message, range] of expected) {
      const found = shown.find((d) => d.code === code && message.test(d.message));
      assert.ok(found, `${code} ${String(message)} among ${shown.map((d) => `${codeOf(d)}: ${d.message}`).join('\n')}`);
      assert.equal(sev(found), severity, code);
      const text = textAt(doc, found);
      if (typeof range === 'string') assert.equal(text, range, code);
      else assert.match(text, range, code);
    }

    // A span problem is on the document too, at the span.
    const docUri = vscode.Uri.file(join(folder, 'doc00.txt'));
    const onDoc = await waitFor('diagnostics on doc00.txt', () =>
      diagnostics(docUri).length >= 3 ? diagnostics(docUri) : undefined,
    );
    const txt = await vscode.workspace.openTextDocument(docUri);
    const spans = onDoc.map((d) => `${codeOf(d)}:${textAt(txt, d)}`).sort();
    assert.deepEqual(spans, ['overlappingSpans:Ada lives', 'unknownCategory:more', 'whitespaceSpan:   ']);

    // A single-label document with several classes, too many entity types, and a file that is not JSON.
    const many = Array.from({ length: 201 }, (_, i) => `Type${i}`);
    await typeText(doc, labelsText(goodDocuments(), { entities: ['Person', 'City', ...many] }), (ds) =>
      ds.some((d) => d.code === 'tooManyCategories'),
    );
    assert.match(
      ofCode('tooManyCategories')[0]?.message ?? '',
      /declares 203 entity types; the service allows at most 200/,
    );
    const single = labelsText([{ location: 'doc00.txt' }])
      .replace(/CustomEntityRecognition/g, 'CustomSingleLabelClassification')
      .replace('"entities": [', '"classes": [')
      .replace(
        '{\n        "location": "doc00.txt"\n      }',
        '{ "location": "doc00.txt", "class": { "category": "Person" }, "classes": [] }',
      );
    await typeText(doc, single, (ds) => ds.some((d) => d.code === 'severalClasses'));
    assert.match(ofCode('severalClasses')[0]?.message ?? '', /a single-label document has one class/);
    await typeText(doc, '{\n  "projectFileVersion": "2023-04-01",\n  "metadata": {,\n}\n', (ds) =>
      ds.some((d) => d.code === 'invalidJson'),
    );
    const invalid = ofCode('invalidJson')[0];
    assert.ok(invalid);
    assert.equal(invalid.range.start.line, 2);
    assert.match(invalid.message, /not valid JSON .*fix the syntax near character/);
    await screenshotProblems(doc, broken);
  });

  async function screenshotProblems(doc: vscode.TextDocument, broken: string): Promise<void> {
    await typeText(doc, broken, (ds) => ds.some((d) => d.code === 'duplicateLocation'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('labels-diagnostics');
  }

  test('quick fixes fix each clear problem in the text, undoably', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const broken = labelsText(brokenDocuments(), { kind: 'customEntityRecognition' });
    await typeText(
      doc,
      broken,
      (ds) => ds.some((d) => d.code === 'duplicateLocation') && ofCode('kindCase').length === 1,
    );

    async function applyFix(code: string, title: RegExp, which: (d: vscode.Diagnostic) => boolean = () => true) {
      const before = ofCode(code).filter(which);
      const target = before[0];
      assert.ok(target, `a ${code} diagnostic`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        target.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const action = actions.find((a) => title.test(a.title));
      const about = `${codeOf(target)} at ${target.range.start.line}:${target.range.start.character}-${target.range.end.line}:${target.range.end.character} "${doc.getText(target.range)}"`;
      assert.ok(
        action?.edit,
        `a fix like ${String(title)} for ${about} among ${actions.map((a) => a.title).join(', ')}`,
      );
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      await waitFor(`${code} fixed by "${action.title}"`, () =>
        ofCode(code).filter(which).length < before.length ? true : undefined,
      );
    }

    await applyFix('kindCase', /Write the project kind as "CustomEntityRecognition"/);
    assert.match(doc.getText(), /"projectKind": "CustomEntityRecognition",\s+"storageInputContainerName"/);
    // Ctrl+Z undoes a fix like any edit.
    await vscode.commands.executeCommand('undo');
    await waitFor('the kind casing back after undo', () => (ofCode('kindCase').length === 1 ? true : undefined));
    assert.match(doc.getText(), /"customEntityRecognition"/);
    assert.equal(editor.document, doc);
    await applyFix('kindCase', /Write the project kind/);

    await applyFix('duplicateLocation', /Remove this second entry of doc03\.txt/);
    assert.equal(doc.getText().split('"doc03.txt"').length, 2);
    await applyFix('documentOutsideFolder', /Use "\/" between folders/, (d) => /between folders/.test(d.message));
    assert.match(doc.getText(), /"location": "sub\/nested\.txt"/);
    await applyFix('documentMissing', /Remove missing\.txt from the project/);
    await applyFix('unknownCategory', /Add the entity type "Airport" to the project/);
    assert.match(doc.getText(), /"category": "City"\n {6}\},\n {6}\{\n {8}"category": "Airport"\n {6}\}/);
    await applyFix('whitespaceSpan', /Remove this span/);
    await applyFix('spanOutsideText', /Remove this span/);
    await applyFix('regionOutsideText', /Shorten the region to the end of the text/);
    assert.match(doc.getText(), new RegExp(`"regionLength": ${textOf(2).length},`));
    // What remains has no clear fix: the overlap, the empty document, the one outside the folder.
    const left = diagnostics()
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
      .map((d) => codeOf(d))
      .sort();
    assert.deepEqual(left, ['documentOutsideFolder', 'emptyDocument', 'overlappingSpans']);
  });

  test('Import refuses a labels file with errors and lists them; the fixed project imports, trains and gives a model', async () => {
    // Import reads the file on disk: the editor's unsaved text is dropped and the files written as a user saves them.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    writeFileSync(labelsFile, labelsText(brokenDocuments()));
    const local = await findConnection(api, 'Local');
    const script = api.answers(openFile('labels file', labelsFile));
    let refused: unknown;
    try {
      refused = await vscode.commands.executeCommand(CommandId.importProject, local);
    } finally {
      script.done();
    }
    assert.equal(refused, undefined);
    const message = script.messages.find((m) => m.startsWith('Import refused'));
    assert.ok(message, `a refusal among ${script.messages.join(' | ')}`);
    assert.match(
      message,
      /^Import refused: project\.labels\.json has 11 errors\. .+; .+; .+; and 8 more\. Fix them, then try again\.$/,
    );
    assert.match(message, /doc00\.txt uses the entity type "Airport"/);

    // An entity type without examples: a warning, not an error.
    const good = labelsText(goodDocuments(), { entities: ['Person', 'City', 'Date'] });
    writeFileSync(labelsFile, good);
    const warned = api.answers(openFile('labels file', labelsFile), input('project name', 'LabelsCheck'));
    let name: unknown;
    try {
      name = await vscode.commands.executeCommand(CommandId.importProject, local);
    } catch (error) {
      assert.fail(`${String(error)}: ${warned.messages.join(' | ')}`);
    } finally {
      const said = warned.messages.join(' | ');
      assert.ok(name !== undefined, `imported; it said: ${said}; log: ${api.logText().slice(-800)}`);
      warned.done();
    }
    assert.equal(name, 'LabelsCheck');
    assert.ok(!warned.messages.some((m) => m.startsWith('Import refused')));
    assert.ok(
      warned.messages.some((m) =>
        /^project\.labels\.json has 3 warnings \(not blocking\): .+; .+; The entity type "Date" has 0 training examples/.test(
          m,
        ),
      ),
      `the warning among ${warned.messages.join(' | ')}`,
    );
    const projects = await api.tree.getChildren(local);
    const project = projects.find((p) => p.kind === 'project' && p.project.projectName === 'LabelsCheck');
    assert.ok(project, 'the imported project is in the tree');
    const job = await runWith<TrainingJobState>(api, trainAnswers('checked1', 'manual'), CommandId.trainModel, project);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job.result.modelLabel, 'checked1');
    // Local as the suites after this one expect it: without this project.
    const deleted = await runWith<boolean>(
      api,
      [confirm('Delete the project “LabelsCheck”', 'Delete Project')],
      CommandId.deleteProject,
      project,
    );
    assert.equal(deleted, true);
  });
});

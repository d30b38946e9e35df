// Entity labeling in the editor, as a user does it in the browser: a selection labelled by the picker's key, the
// brush, all occurrences; the labels file checked for exact offsets; edits of a labelled document followed, and a
// touched span flagged; a CRLF document with tabs and emoji keeps exact offsets.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { LabelOutcome } from '../../../src/commands/entityLabels';
import type { OccurrencesOutcome } from '../../../src/commands/entityLabelsOccurrences';
import { workspaceLabelsFileSchema } from '../../../src/contract/labels';
import type { EntityDocument } from '../../../src/core/labeling/model';
import { spansOf } from '../../../src/core/labeling/model';
import type { TestApi } from '../../../src/extension';
import type { LabelingProjects } from '../../../src/labeling/projects';
import { pageText, press, screenshot } from './driver';
import { activateExtension, answering, extensionId, pick, waitFor as waitForProbe } from './helpers';

const TYPES = ['Person', 'City', 'Org'];
const artifacts = (): string =>
  join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '.', '.test-artifacts');
const A_TEXT = 'Ann Lee met Bob in Oslo.\nAnn Lee paid Contoso for the flat in Oslo.\n';
const B_TEXT = 'Contoso wrote to Bob.\n';
const CRLF_TEXT = 'Line one\r\n\t😀 Zoë Li lives in Kraków 🎉.\r\n\tZoë Li again.\r\n';

/** A code action's command arguments, as the commands receive them (they check them themselves). */
const argumentsOf = (command: vscode.Command | undefined): unknown[] => (command?.arguments ?? []) as unknown[];

let logOf = (): string => '';
/** Waits as helpers' waitFor does; a time-out shows the end of the extension's log. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  try {
    return await waitForProbe(what, probe, 5000);
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${logOf().split('\n').slice(-25).join('\n')}`, {
      cause: e,
    });
  }
}

interface Span {
  category: string;
  offset: number;
  length: number;
}

suite('Entity labeling in the editor', () => {
  let api: TestApi;
  let labeling: LabelingProjects;
  let folder: string;
  const labelsFile = (): string => join(folder, 'labels.json');
  const docPath = (name: string): string => join(folder, name);

  /** The spans of a document in the labels file on disk (after the pending writes). */
  async function spansOnDisk(location: string): Promise<Span[]> {
    await labeling.flush();
    const file = workspaceLabelsFileSchema.parse(JSON.parse(readFileSync(labelsFile(), 'utf8')));
    const doc = file.assets?.documents.find((d) => d.location === location);
    assert.ok(doc && 'entities' in doc, `${location} is in the labels file`);
    return spansOf(doc as EntityDocument).map(({ category, offset, length }) => ({ category, offset, length }));
  }

  const at = (text: string, word: string, category: string, nth = 0): Span => {
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = text.indexOf(word, offset + 1);
    assert.ok(offset >= 0);
    return { category, offset, length: word.length };
  };

  const drawn = (uri: vscode.Uri): Span[] => api.entityLabels.decorations.drawnIn(uri)?.labels ?? [];

  async function open(name: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(docPath(name));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await waitFor(`${name} to be followed`, () => api.entityLabels.live.labelsOf(document));
    return editor;
  }

  /** Saves as Ctrl+S does; on a busy machine VS Code now and then answers false while it still takes the edit in. */
  async function save(document: vscode.TextDocument): Promise<void> {
    await waitFor(`${document.fileName} to be saved`, async () => {
      await document.save();
      return document.isDirty ? undefined : true;
    });
  }

  function select(editor: vscode.TextEditor, ...spans: Span[]): void {
    const d = editor.document;
    editor.selections = spans.map(
      (s) => new vscode.Selection(d.positionAt(s.offset), d.positionAt(s.offset + s.length)),
    );
  }

  suiteSetup(async () => {
    api = await activateExtension();
    logOf = () => api.logText();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the tests run in a workspace');
    folder = join(root, 'entity-labeling');
    mkdirSync(folder, { recursive: true });
    writeFileSync(docPath('a.txt'), A_TEXT);
    writeFileSync(docPath('b.txt'), B_TEXT);
    writeFileSync(docPath('crlf.txt'), CRLF_TEXT);
    const documents = ['a.txt', 'b.txt', 'crlf.txt'].map((location) => ({ location, language: 'en-us', entities: [] }));
    writeFileSync(
      labelsFile(),
      `${JSON.stringify(
        {
          projectFileVersion: '2023-04-01',
          stringIndexType: 'Utf16CodeUnit',
          metadata: {
            projectKind: 'CustomEntityRecognition',
            storageInputContainerName: 'entity-labeling',
            projectName: 'EntityLabeling',
            multilingual: false,
            language: 'en-us',
            settings: {},
          },
          assets: {
            projectKind: 'CustomEntityRecognition',
            entities: TYPES.map((category) => ({ category })),
            documents,
          },
        },
        null,
        2,
      )}\n`,
    );
    labeling = await api.labeling();
    // VS Code's file watcher can miss a file written into a folder made a moment before: read it directly.
    await labeling.track(labelsFile());
    await waitFor('the labels file to be found', () => labeling.get(labelsFile())?.project);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  test('labels a selection by pressing the type’s key in the picker, draws it, and writes exact offsets', async () => {
    const editor = await open('a.txt');
    const ann = at(A_TEXT, 'Ann Lee', 'Person');
    select(editor, ann);
    const labelled = vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection);
    await pageText('.quick-input-widget .quick-input-title', /Label the selection as/);
    await press('1');
    const outcome = await labelled;
    assert.deepEqual(outcome.added, [ann]);
    assert.deepEqual(drawn(editor.document.uri), [ann], 'drawn in the editor');
    assert.deepEqual(await spansOnDisk('a.txt'), [ann]);
    const file = readFileSync(labelsFile(), 'utf8');
    assert.ok(file.endsWith('}\n') && !file.endsWith('\n\n'), 'one trailing newline');
    assert.match(file, /"category": "Person",\n\s+"offset": 0,\n\s+"length": 7\n/);

    // Multi-cursor: both selections labelled in one action; one refused, saying why.
    const oslo = at(A_TEXT, 'Oslo', 'City');
    const overlapping = { category: 'City', offset: 4, length: 3 }; // "Lee", inside "Ann Lee"
    select(editor, oslo, overlapping);
    const both = await answering(api, [pick('Label the selection as', '2')], () =>
      vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
    );
    assert.deepEqual(both.added, [oslo]);
    assert.equal(both.refused.length, 1);
    assert.match(both.refused[0]?.reason ?? '', /overlaps Person "Ann Lee"/);
    assert.deepEqual(await spansOnDisk('a.txt'), [ann, oslo]);
  });

  test('the hover names a label and the lightbulb changes its type or removes it, reflected at once', async () => {
    const editor = await open('a.txt');
    const uri = editor.document.uri;
    const oslo = at(A_TEXT, 'Oslo', 'City');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      editor.document.positionAt(oslo.offset + 1),
    );
    const hoverText = hovers
      .flatMap((h) => h.contents)
      .map((c) => (c instanceof vscode.MarkdownString ? c.value : JSON.stringify(c)))
      .join('\n');
    assert.match(hoverText, /\*\*City\*\* label · “Oslo”/);
    assert.match(hoverText, /command:customText\.entities\.removeLabel/);
    const range = new vscode.Range(editor.document.positionAt(oslo.offset), editor.document.positionAt(oslo.offset));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change the City label of “Oslo” to…'), titles.join('; '));
    const change = actions.find((a) => a.title.startsWith('Change the City'));
    assert.ok(change?.command);
    const started = performance.now();
    await answering(api, [pick('Change the City label to', 'Org')], () =>
      vscode.commands.executeCommand(change.command?.command ?? '', ...argumentsOf(change.command)),
    );
    const changeMs = (api.entityLabels.decorations.drawnIn(uri)?.at ?? Infinity) - started;
    assert.deepEqual(
      drawn(uri).find((s) => s.offset === oslo.offset),
      { ...oslo, category: 'Org' },
    );
    const remove = actions.find((a) => a.title.startsWith('Remove the City'));
    assert.ok(remove?.command);
    const removeStarted = performance.now();
    const removed = vscode.commands.executeCommand(remove.command.command, {
      ...oslo,
      category: 'Org',
      uri: uri.toString(),
    });
    const drawnAt = await waitFor('the removal to be drawn', () => {
      const now = api.entityLabels.decorations.drawnIn(uri);
      return now && now.labels.length === 1 ? now.at : undefined;
    });
    await removed;
    const removeMs = drawnAt - removeStarted;
    assert.deepEqual(drawn(uri), [at(A_TEXT, 'Ann Lee', 'Person')]);
    const drawMs = api.entityLabels.decorations.drawnIn(uri)?.ms ?? Infinity;
    // The figures go beside the screenshots (the extension host's console is not the runner's output).
    mkdirSync(artifacts(), { recursive: true });
    writeFileSync(
      join(artifacts(), 'entity-labeling-timings.txt'),
      `Entity label action reflected in the editor: change ${changeMs.toFixed(1)} ms (with the picker answered), remove ${removeMs.toFixed(1)} ms, of which drawing ${drawMs.toFixed(2)} ms\n`,
    );
    assert.ok(removeMs < 150, `a label removal is drawn in ${removeMs.toFixed(1)} ms`);
    assert.deepEqual(await spansOnDisk('a.txt'), [at(A_TEXT, 'Ann Lee', 'Person')]);
  });

  test('the brush labels each selection made with the keyboard until Escape stops it', async () => {
    const editor = await open('a.txt');
    const started = vscode.commands.executeCommand<string | undefined>(CommandId.startBrush);
    await pageText('.quick-input-widget .quick-input-title', /Brush: label every selection as/);
    await press('2');
    assert.equal(await started, 'City');
    assert.equal(api.entityLabels.brush.active, 'City');
    const oslo = at(A_TEXT, 'Oslo', 'City', 1);
    editor.selection = new vscode.Selection(
      editor.document.positionAt(oslo.offset),
      editor.document.positionAt(oslo.offset),
    );
    // The picker hands the focus back to the editor a moment after it closes: press until the selection grows.
    await waitFor('Shift+Ctrl+Right to select “Oslo”', async () => {
      await press('Control+Shift+ArrowRight');
      await new Promise((r) => setTimeout(r, 250)); // the selection reaches the extension host a little later
      return editor.selection.isEmpty ? undefined : true;
    });
    await waitFor('the brush to label “Oslo”', () =>
      drawn(editor.document.uri).some((s) => s.offset === oslo.offset && s.length === 4) ? true : undefined,
    );
    await screenshot('labeling-entities-brush');
    await press('Escape');
    await waitFor('the brush to stop', () => (api.entityLabels.brush.active === undefined ? true : undefined));
    assert.deepEqual(await spansOnDisk('a.txt'), [at(A_TEXT, 'Ann Lee', 'Person'), oslo]);
  });

  test('labels every occurrence in the document, then in the project, saying how many were added and skipped', async () => {
    const editor = await open('a.txt');
    select(editor, at(A_TEXT, 'Ann Lee', 'Person'));
    const inDocument = await answering(
      api,
      [pick('Label every “Ann Lee” as', 'Person'), pick('Where to label', 'This document')],
      () => vscode.commands.executeCommand<OccurrencesOutcome>(CommandId.labelAllOccurrences),
    );
    assert.deepEqual([inDocument.added, inDocument.skipped], [1, 1], 'the first was labelled already');
    select(editor, at(A_TEXT, 'Contoso', 'Org'));
    const script = api.answers(
      pick('Label every “Contoso” as', '3'),
      pick('Where to label', 'Every document of the project'),
    );
    const inProject = await vscode.commands.executeCommand<OccurrencesOutcome>(CommandId.labelAllOccurrences);
    script.done();
    assert.deepEqual([inProject.added, inProject.documents], [2, 2]);
    assert.ok(
      script.messages.some((m) => m.startsWith('Labelled 2 occurrence(s) of “Contoso” as Org in 2 document(s)')),
    );
    assert.deepEqual(
      await spansOnDisk('a.txt'),
      [
        at(A_TEXT, 'Ann Lee', 'Person'),
        at(A_TEXT, 'Oslo', 'City', 1),
        at(A_TEXT, 'Ann Lee', 'Person', 1),
        at(A_TEXT, 'Contoso', 'Org'),
      ].sort((x, y) => x.offset - y.offset),
    );
    assert.deepEqual(await spansOnDisk('b.txt'), [at(B_TEXT, 'Contoso', 'Org')]);
    await screenshot('labeling-entities-light');
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 1500));
    await screenshot('labeling-entities-dark');
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  test('edits move the spans after them, flag a span they touch, and reach the labels file on save', async () => {
    const editor = await open('a.txt');
    const uri = editor.document.uri;
    const before = await spansOnDisk('a.txt');
    // Insert before every span: all move, the file waits for the save.
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), 'Today ');
    });
    const moved = before.map((s) => ({ ...s, offset: s.offset + 6 }));
    await waitFor('the spans to move', () => (JSON.stringify(drawn(uri)) === JSON.stringify(moved) ? true : undefined));
    assert.deepEqual(await spansOnDisk('a.txt'), before, 'the labels file still matches the text on disk');
    // Edit inside the second "Ann Lee": it is flagged, not moved onto other text.
    const second = moved[1];
    assert.ok(second?.category === 'Person');
    await editor.edit((b) => {
      b.replace(
        new vscode.Range(editor.document.positionAt(second.offset + 4), editor.document.positionAt(second.offset + 7)),
        'Smith',
      );
    });
    const diagnostics = await waitFor('the flag', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Custom Text labels');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.match(
      diagnostics[0]?.message ?? '',
      /The Person label "Ann Lee" was taken off: the edit changed text inside the span/,
    );
    assert.equal(editor.document.getText(diagnostics[0]?.range), 'Ann Smith');
    const expected = moved
      .filter((s) => s !== second)
      .map((s) => (s.offset > second.offset ? { ...s, offset: s.offset + 2 } : s));
    assert.deepEqual(drawn(uri), expected);
    await screenshot('labeling-entities-flagged');
    await save(editor.document);
    const disk = readFileSync(docPath('a.txt'), 'utf8');
    await waitFor('the labels file to follow the save', async () =>
      JSON.stringify(await spansOnDisk('a.txt')) === JSON.stringify(expected) ? true : undefined,
    );
    for (const s of expected) assert.notEqual(disk.slice(s.offset, s.offset + s.length), '', 'each span is on text');
    assert.equal(disk.slice(expected[0]?.offset, (expected[0]?.offset ?? 0) + 7), 'Ann Lee');
    // The lightbulb labels the flagged text again.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostics[0]?.range,
    );
    const relabel = actions.find((a) => a.title === 'Label “Ann Smith” as Person again');
    assert.ok(relabel?.command, actions.map((a) => a.title).join('; '));
    await vscode.commands.executeCommand(relabel.command.command, ...argumentsOf(relabel.command));
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Custom Text labels'),
      [],
    );
    const annSmith = at(disk, 'Ann Smith', 'Person');
    assert.ok((await spansOnDisk('a.txt')).some((s) => s.offset === annSmith.offset && s.length === 9));
  });

  test('an edit undone back to the saved text, or reverted, brings back the spans of the labels file', async () => {
    const editor = await open('a.txt');
    const uri = editor.document.uri;
    const saved = await spansOnDisk('a.txt');
    const first = saved[0];
    assert.ok(first);
    await editor.edit((b) => {
      b.insert(editor.document.positionAt(first.offset + 1), 'x');
    });
    await waitFor('the edited span to be flagged', () => (drawn(uri).length === saved.length - 1 ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the revert', () => (editor.document.isDirty ? undefined : true));
    await waitFor('the spans of the file', () =>
      JSON.stringify(drawn(uri)) === JSON.stringify(saved) ? true : undefined,
    );
    assert.deepEqual(
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Custom Text labels'),
      [],
    );
  });

  test('a CRLF document with tabs and emoji keeps exact UTF-16 offsets through labelling and edits', async () => {
    const editor = await open('crlf.txt');
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    assert.equal(editor.document.getText(), CRLF_TEXT, 'the editor holds the text as on disk');
    const zoe = at(CRLF_TEXT, 'Zoë Li', 'Person');
    const krakow = at(CRLF_TEXT, 'Kraków 🎉', 'City');
    select(editor, zoe, krakow);
    await answering(api, [pick('Label the selection as', '1')], () =>
      vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
    );
    // "Kraków 🎉" went in as Person too (one type per action); change it to City by the lightbulb's command.
    await answering(api, [pick('Change the Person label to', 'City')], () =>
      vscode.commands.executeCommand(CommandId.changeLabel, {
        uri: editor.document.uri.toString(),
        ...krakow,
        category: 'Person',
      }),
    );
    assert.deepEqual(await spansOnDisk('crlf.txt'), [zoe, krakow]);
    // Half an emoji cannot be labelled.
    const half = { category: 'City', offset: krakow.offset + krakow.length - 1, length: 1 };
    select(editor, half);
    const refused = await answering(api, [pick('Label the selection as', 'City')], () =>
      vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
    );
    assert.match(refused.refused[0]?.reason ?? '', /surrogate pair|overlaps/);
    // An emoji and a CRLF line inserted at the top: the spans move by their UTF-16 length.
    await editor.edit((b) => {
      b.insert(new vscode.Position(0, 0), '🎉\tTop\r\n');
    });
    await save(editor.document);
    const disk = readFileSync(docPath('crlf.txt'), 'utf8');
    assert.ok(disk.startsWith('🎉\tTop\r\nLine one\r\n'), 'the file keeps CRLF');
    const expected = [at(disk, 'Zoë Li', 'Person'), at(disk, 'Kraków 🎉', 'City')];
    await waitFor('the labels file to follow the save', async () =>
      JSON.stringify(await spansOnDisk('crlf.txt')) === JSON.stringify(expected) ? true : undefined,
    );
    assert.equal(expected[0]?.offset, zoe.offset + 8, '🎉 is two UTF-16 code units, \\t one, \\r\\n two');
  });
  test('labels changed outside the editor (undo, a hand edit of the labels file) are drawn again at once', async () => {
    const editor = await open('b.txt');
    const uri = editor.document.uri;
    const contoso = at(B_TEXT, 'Contoso', 'Org');
    assert.deepEqual(drawn(uri), [contoso]);
    const bob = at(B_TEXT, 'Bob', 'Person');
    select(editor, bob);
    await answering(api, [pick('Label the selection as', '1')], () =>
      vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
    );
    assert.deepEqual(drawn(uri), [contoso, bob]);
    assert.ok(await labeling.undo(labelsFile()));
    assert.deepEqual(drawn(uri), [contoso], 'undo is drawn as soon as it is applied');
    // By hand: Contoso becomes a Person in the file on disk.
    await labeling.flush();
    const text = readFileSync(labelsFile(), 'utf8');
    const edited = text.replace(/"category": "Org",(\s+)"offset": 0,/, '"category": "Person",$1"offset": 0,');
    assert.notEqual(edited, text);
    writeFileSync(labelsFile(), edited);
    await waitFor('the hand edit to be drawn', () => (drawn(uri)[0]?.category === 'Person' ? true : undefined));
    assert.deepEqual(drawn(uri), [{ ...contoso, category: 'Person' }]);
  });
  test('with snapToWords a sloppy selection labels whole words; a whitespace-only one is refused, saying why', async () => {
    const editor = await open('b.txt');
    const settings = vscode.workspace.getConfiguration('customText');
    await settings.update('entities.snapToWords', true, vscode.ConfigurationTarget.Global);
    try {
      const bob = at(B_TEXT, 'Bob', 'Person');
      select(editor, { ...bob, offset: bob.offset + 1, length: 1 }); // "o" of "Bob"
      const snapped = await answering(api, [pick('Label the selection as', '1')], () =>
        vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
      );
      assert.deepEqual(snapped.added, [bob]);
      const gap = B_TEXT.indexOf(' to ');
      select(editor, { category: 'Org', offset: gap, length: 1 });
      const script = api.answers(pick('Label the selection as', 'Org'));
      const refused = await vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection);
      script.done();
      assert.deepEqual(refused.added, []);
      assert.match(refused.refused[0]?.reason ?? '', /only whitespace; select some text/);
      assert.ok(
        script.messages.some((m) => m.includes('only whitespace')),
        script.messages.join(' | '),
      );
      assert.deepEqual(drawn(editor.document.uri), [{ ...at(B_TEXT, 'Contoso', 'Person') }, bob]);
    } finally {
      await settings.update('entities.snapToWords', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a .txt file of the folder not yet in the labels file is labelled, and its first label adds it', async () => {
    const text = 'Zed Quill signed in Turku.';
    writeFileSync(docPath('new.txt'), text);
    const editor = await open('new.txt');
    const zed = at(text, 'Zed Quill', 'Person');
    select(editor, zed);
    const outcome = await answering(api, [pick('Label the selection as', '1')], () =>
      vscode.commands.executeCommand<LabelOutcome>(CommandId.labelSelection),
    );
    assert.deepEqual(outcome.added, [zed]);
    assert.deepEqual(await spansOnDisk('new.txt'), [zed], 'new.txt is in the labels file with its label');
    assert.deepEqual(drawn(editor.document.uri), [zed]);
  });
});

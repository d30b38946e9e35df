// First contact, as on a first run: opening the Custom Text view is what activates the extension. Runs before every
// other suite (files load in name order), so that nothing has activated it yet. Prints VS Code's own activation
// figures for the extension and the time from opening the view to Local's items.
import * as assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/extension';
import { pageText, screenshot, watchText, watchedText, workbenchRestored } from './driver';
import { extensionId, waitFor } from './helpers';

interface ActivationStats {
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
}

/**
 * The text of VS Code's Developer: Startup Performance page once `found` finds what it waits for. VS Code fills the
 * page only when the window has finished starting (lifecycle phase Eventually).
 */
async function startupPerformance<T>(found: (text: string) => T | undefined): Promise<T> {
  // The command registers the page's content provider and opens it; its text is filled in a moment later.
  await vscode.commands.executeCommand('perfview.show');
  const uri = vscode.Uri.parse('perf:Startup Performance');
  const value = await waitFor(
    "VS Code's Startup Performance page",
    async () => found((await vscode.workspace.openTextDocument(uri)).getText()),
    20_000,
  );
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return value;
}

/** VS Code's figures for an extension: the "Extension Activation Stats" table of Developer: Startup Performance. */
async function activationStats(id: string): Promise<ActivationStats> {
  // The table pads its cells: `| publisher.name     | false | 2 | …`.
  const row = await startupPerformance((text) => text.split('\n').find((line) => line.split('|')[1]?.trim() === id));
  // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
  const cells = row.split('|').map((c) => c.trim());
  const ms = (i: number): number => Number(cells[i]);
  return { loadCodeMs: ms(3), callActivateMs: ms(4), finishActivateMs: ms(5), event: cells[6] ?? '' };
}

/** The extension host's own log files (where VS Code writes what extensions trip over, such as deprecations). */
async function extensionHostLogs(api: TestApi): Promise<string[]> {
  const found: string[] = [];
  for (const dir of [dirname(api.logUri.fsPath), dirname(dirname(api.logUri.fsPath))]) {
    const names = await readdir(dir).catch(() => []);
    for (const name of names) if (/exthost\d*\.log$/.test(name)) found.push(join(dir, name));
  }
  return found;
}

const emptyExtensionId = 'custom-text-studio.empty-extension';

/** Garbage collections in this extension host (the one that activates the extension), in epoch milliseconds. */
function watchGarbageCollections(): { pauses: { start: number; ms: number }[]; stop(): void } {
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      pauses.push({ start: performance.timeOrigin + entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    pauses,
    stop: () => {
      observer.disconnect();
    },
  };
}

interface VsCodeMarks {
  getMarks(): { name: string; startTime: number }[];
}

/**
 * When VS Code's extension host started and finished requiring an extension's code: its own performance marks
 * (kept in this global in Node, in epoch milliseconds).
 */
function codeLoadWindow(id: string): { start: number; end: number } | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: VsCodeMarks }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string): number | undefined =>
    marks.find((m) => m.name === `code/extHost/${name}/${id}`)?.startTime;
  const start = at('willLoadExtensionCode');
  const end = at('didLoadExtensionCode');
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

const say = (line: string): void => {
  console.log(`[suite]       ${line}`);
};

suite('First contact (opening the view activates the extension)', () => {
  test('a welcome, never "no data provider", then Local open with its items; VS Code times the activation', async function () {
    this.timeout(120_000); // Includes waiting for VS Code to finish starting.
    const ext = vscode.extensions.getExtension<TestApi | undefined>(extensionId);
    assert.ok(ext);
    if (ext.isActive) {
      const early = await activationStats(extensionId);
      const open = vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`);
      assert.fail(`the extension is already active (event ${early.event}); open documents: ${open.join(', ')}`);
    }

    // A user opens the view once the window is up. Until VS Code has restored the window (phase Eventually, and the
    // Restored-phase contributions, which come in idle moments and can trail it on a loaded machine), it has not
    // read the extensions' welcome contents, and any view without its data provider says "no data provider".
    await startupPerformance((text) => (text.includes('Extension Activation Stats') ? true : undefined));
    say(`VS Code restored the window ${await workbenchRestored()} ms after the page loaded`);
    assert.equal(ext.isActive, false, 'the Startup Performance page does not activate the extension');
    await watchText('.part.sidebar');
    const collections = watchGarbageCollections();
    await vscode.commands.executeCommand('workbench.view.extension.customText');
    const api = await waitFor('the view to activate the extension', () => (ext.isActive ? ext.exports : undefined));
    // Fresh storage: Local is empty and offers the sample projects.
    await pageText('.part.sidebar', /No projects yet/);
    await screenshot('first-contact');
    const states = await watchedText();

    for (const { ms, text } of states) say(`${ms} ms: ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 110)}`);
    assert.ok(
      states.every((s) => !/no data provider/i.test(s.text)),
      'VS Code never says "There is no data provider registered…"',
    );
    const firstAt = (pattern: RegExp): number | undefined => states.find((s) => pattern.test(s.text))?.ms;
    const localAt = firstAt(/Local/); // The row's label runs into its description in the page's text.
    const itemsAt = firstAt(/No projects yet/);
    assert.ok(localAt !== undefined && itemsAt !== undefined, 'the view showed Local, then its items');
    say(
      `view opened → Local shown: ${localAt} ms; → Local's items: ${itemsAt} ms (${itemsAt - localAt} ms after Local)`,
    );

    // Where that time went, from the extension's own log.
    for (const line of api.logText().split('\n'))
      if (
        /activate\(\) ran|Loaded the API client|Local service listening|GET \S+\/projects\?|first expansion/.test(line)
      )
        say(`log: ${line}`);

    // The first expansion of Local: from VS Code asking the tree for Local's children to the answer (the backend
    // loads and the service starts as soon as activation has returned, so it should find them ready).
    const expansion = /Local's first expansion: its items (\d+) ms/.exec(api.logText());
    assert.ok(expansion?.[1] !== undefined, "the log times Local's first expansion");
    say(`Local's first expansion (getChildren(Local) → items): ${expansion[1]} ms (goal ≤ 300 ms)`);

    const stats = await activationStats(extensionId);
    // The installed .vsix is what users run; the source tree's build is unminified, with source maps.
    const build = process.env.CUSTOM_TEXT_SUITE === 'vsix' ? 'installed .vsix' : 'source tree, development build';
    say(
      `VS Code's activation time (${build}): ${stats.loadCodeMs + stats.callActivateMs} ms (load code ` +
        `${stats.loadCodeMs} ms + call activate ${stats.callActivateMs} ms; finish activate ` +
        `${stats.finishActivateMs} ms), event ${stats.event}`,
    );
    assert.equal(stats.event, 'onView:customText.connections', 'measured the activation the view caused');
    collections.stop();
    const load = codeLoadWindow(extensionId);
    assert.ok(load, "VS Code marks when it loads the extension's code");
    // Collections from the start of the load to the end of activate (VS Code times both in whole milliseconds).
    const until = load.end + stats.callActivateMs + 1;
    const during = collections.pauses.filter((p) => p.start + p.ms >= load.start && p.start <= until);
    const paused = during.reduce((sum, p) => sum + p.ms, 0);
    say(
      `require of the extension's code: ${load.end - load.start} ms; garbage collection during load ` +
        `and activate: ${paused.toFixed(1)} ms in ${during.length} pauses ` +
        `(${collections.pauses.length} in the whole first contact)`,
    );
    assert.ok(Number.isFinite(stats.loadCodeMs + stats.callActivateMs + stats.finishActivateMs));

    // The floor: an extension that only registers a command, loaded beside this one in the source-tree run.
    const empty = vscode.extensions.getExtension(emptyExtensionId);
    if (empty) {
      await vscode.commands.executeCommand('emptyExtension.activate');
      const floor = await activationStats(emptyExtensionId);
      say(
        `An empty extension's activation time here: ${floor.loadCodeMs + floor.callActivateMs} ms (load code ` +
          `${floor.loadCodeMs} ms + call activate ${floor.callActivateMs} ms)`,
      );
      assert.equal(floor.event, 'onCommand:emptyExtension.activate');
    }

    // zod asks `typeof navigator`, which VS Code's extension host answers by logging a deprecation with its stack.
    const logs = await extensionHostLogs(api);
    assert.ok(logs.length > 0, `found the extension host's log near ${api.logUri.fsPath}`);
    // Only stacks through our bundles count: the tests' own zod (for the driver's answers) is not bundled.
    for (const file of logs) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        if (!line.includes('navigator is now a global')) return;
        const stack = lines.slice(i, i + 12).join('\n');
        // The first frame outside code-server's own (which defines the deprecated getter).
        const frame = stack.split('\n').find((l) => /^\s*at /.test(l) && !l.includes('node_modules/code-server'));
        const from = frame?.trim() ?? 'unknown';
        say(`${file}: a navigator deprecation, from ${from}`);
        assert.doesNotMatch(stack, /\/dist\/(extension|backend)\.js/, stack);
      });
    }
    assert.doesNotMatch(api.logText(), /navigator/);
  });
});

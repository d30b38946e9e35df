// What the results panel looks like in light, dark and high-contrast themes, read from the rendered page.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import type { ResultView } from '../../../src/webview/protocol';
import { deployedForAnalysis } from './analysisSetup';
import { contrast, deltaE, parseColor } from './colors';
import type { Rgb } from './colors';
import { computedStyles, screenshot } from './driver';
import { activateExtension, extensionId, waitFor } from './helpers';

const themes = [
  { name: 'Default Light Modern', slug: 'light' },
  { name: 'Default Dark Modern', slug: 'dark' },
  { name: 'Default High Contrast', slug: 'high-contrast' },
  { name: 'Default High Contrast Light', slug: 'high-contrast-light' },
] as const;

async function setTheme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
}

/** The editor background the webview was given, once it is no longer `previous` (the theme has switched). */
async function background(previous: string | undefined): Promise<string> {
  return waitFor('the page to take the new theme', async () => {
    const [value] = await computedStyles('#root', '--vscode-editor-background');
    const probe = `${value ?? ''}|${(await computedStyles('#root', '--vscode-customText-entity1'))[0] ?? ''}`;
    return probe !== previous && value !== undefined && value !== '' ? probe : undefined;
  });
}

suite('Colors in light, dark and high-contrast themes', () => {
  let api: TestApi;
  let loans: Node;
  const samples = (): string => join(vscode.extensions.getExtension(extensionId)?.extensionPath ?? '', 'samples');

  suiteSetup(async () => {
    api = await activateExtension();
    loans = await deployedForAnalysis(api, 'LoanAgreement', 'colors');
  });
  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('workbench')
      .update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  async function analyze(file: string): Promise<ResultView> {
    const content = readFileSync(join(samples(), 'loan-agreements', file), 'utf8');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const view = await vscode.commands.executeCommand<ResultView | undefined>(CommandId.analyzeSelection, loans);
    assert.ok(view && view.entities.length > 0);
    await waitFor('the panel to draw the entities', () => api.results.lastRendered);
    return view;
  }

  test('each entity category keeps one color, apart from the others and readable, in every theme', async () => {
    const other = await analyze('Test 2.txt');
    const view = await analyze('Test 1.txt');
    const colorOf = new Map(view.entities.map((e) => [e.category, e.color]));
    assert.ok(colorOf.size >= 8, `${colorOf.size} categories found`);
    for (const e of other.entities) {
      if (colorOf.has(e.category)) assert.equal(e.color, colorOf.get(e.category), `${e.category}, run after run`);
    }
    let previous: string | undefined;
    for (const theme of themes) {
      await setTheme(theme.name);
      previous = await background(previous);
      const editorBackground = parseColor(previous.split('|')[0] ?? '');
      const swatches = await computedStyles('.entity-row .swatch', 'background-color');
      assert.equal(swatches.length, view.entities.length, 'a swatch per entity row');
      const seen = new Map<string, Rgb>();
      view.entities.forEach((e, i) => {
        const color = parseColor(swatches[i] ?? '');
        const before = seen.get(e.category);
        if (before !== undefined) assert.deepEqual(color, before, `${e.category} has one color (${theme.name})`);
        seen.set(e.category, color);
        const ratio = contrast(color, editorBackground);
        assert.ok(ratio >= 3, `${e.category} stands out from the background in ${theme.name}: ${ratio.toFixed(2)}:1`);
      });
      const categories = [...seen.entries()];
      for (const [i, [a, ca]] of categories.entries()) {
        for (const [b, cb] of categories.slice(i + 1)) {
          const d = deltaE(ca, cb);
          assert.ok(d >= 20, `${a} and ${b} look different in ${theme.name} (ΔE ${d.toFixed(1)})`);
        }
      }
      // Underlines in the text use the same color as the category's swatch.
      const marked = view.segments.flatMap((s) => (s.entityIndex === undefined ? [] : [s.entityIndex]));
      const marks = await computedStyles('mark.entity', 'border-bottom-color');
      assert.equal(marks.length, marked.length);
      marked.forEach((index, i) => {
        const category = view.entities[index]?.category ?? '';
        assert.deepEqual(parseColor(marks[i] ?? ''), seen.get(category), `${category}'s underline (${theme.name})`);
      });
      await screenshot(`entity-colors-${theme.slug}`);
    }
  });
});

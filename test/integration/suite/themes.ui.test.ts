// What the results panel looks like in light, dark and high-contrast themes, read from the rendered page.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { CommandId } from '../../../src/commands/ids';
import type { TestApi } from '../../../src/extension';
import type { Node } from '../../../src/tree/nodes';
import type { EvaluationView, ResultView } from '../../../src/core/views';
import { deployedForAnalysis } from './analysisSetup';
import { contrast, deltaE, parseColor } from './colors';
import type { Rgb } from './colors';
import { click, computedStyles, pageText, screenshot } from './driver';
import { activateExtension, extensionId, findConnection, waitFor } from './helpers';

const themes = [
  { name: 'Default Light Modern', slug: 'light', kind: 'light' },
  { name: 'Default Dark Modern', slug: 'dark', kind: 'dark' },
  { name: 'Default High Contrast', slug: 'high-contrast', kind: 'highContrast' },
  { name: 'Default High Contrast Light', slug: 'high-contrast-light', kind: 'highContrastLight' },
] as const;

/** The package's default for entity color 1 in a theme kind (what the page shows once the theme is applied). */
function entity1Default(kind: (typeof themes)[number]['kind']): string {
  const manifest = z
    .object({
      contributes: z.object({
        colors: z.array(z.object({ id: z.string(), defaults: z.record(z.string(), z.string()) })),
      }),
    })
    .parse(JSON.parse(readFileSync(join(extensionPath(), 'package.json'), 'utf8')));
  return manifest.contributes.colors.find((c) => c.id === 'customText.entity1')?.defaults[kind] ?? '';
}

/** Switches the theme and waits for the page to take it; returns the editor background the page was given. */
async function applyTheme(theme: (typeof themes)[number]): Promise<Rgb> {
  await vscode.workspace
    .getConfiguration('workbench')
    .update('colorTheme', theme.name, vscode.ConfigurationTarget.Global);
  const expected = parseColor(entity1Default(theme.kind));
  await waitFor(`the page to take ${theme.name}`, async () => {
    const [value] = await computedStyles('#root', '--vscode-customText-entity1');
    return value !== undefined && value !== '' && deltaE(parseColor(value), expected) < 1 ? true : undefined;
  });
  await new Promise((r) => setTimeout(r, 300)); // The rest of the theme's variables land together; let it paint.
  const [background] = await computedStyles('#root', '--vscode-editor-background');
  return parseColor(background ?? '');
}

const extensionPath = (): string => vscode.extensions.getExtension(extensionId)?.extensionPath ?? '';

suite('Colors in light, dark and high-contrast themes', () => {
  let api: TestApi;
  let loans: Node;
  const samples = (): string => join(extensionPath(), 'samples');

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
    for (const theme of themes) {
      const editorBackground = await applyTheme(theme);
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

  test('the entity confusion matrix scrolls in the side panel with its headers stuck, says what it counts, and reads in every theme', async () => {
    const project = (await api.tree.getChildren(await findConnection(api, 'Local'))).find(
      (n) => n.kind === 'project' && n.project.projectName === 'LoanAgreement',
    );
    assert.ok(project);
    const models = (await api.tree.getChildren(project)).find((n) => n.kind === 'group' && n.group === 'models');
    assert.ok(models);
    const model = (await api.tree.getChildren(models)).find(
      (n) => n.kind === 'model' && n.model.label === 'forAnalysis',
    );
    const view = await vscode.commands.executeCommand<EvaluationView | undefined>(CommandId.showEvaluation, model);
    assert.ok(view?.confusion && view.testDocuments !== undefined);
    assert.equal(view.confusion.labels.length, 13, 'twelve entities and "(none)"');
    await waitFor('the panel to draw the evaluation', () => api.results.lastRendered);

    assert.equal(await pageText('th', /^Entity$/), 'Entity', 'an entity model’s table says Entity, not Class');
    assert.match(await pageText('header p', /tested on/), new RegExp(`tested on ${view.testDocuments} documents`));
    if (view.testDocuments < 10) assert.match(await pageText('.note', /too few/), /too few to trust these scores/);
    assert.match(
      await pageText('.caption'),
      /^Overlap-weighted counts, as the service reports them\. Rows: labeled entity; columns: predicted\./,
    );
    // Fits by scrolling: the box scrolls, its headers stay put, labels sit on their cells' line.
    assert.deepEqual(await computedStyles('.matrix', 'overflow-x'), ['auto']);
    for (const p of new Set(await computedStyles('.confusion thead th, .confusion tbody th', 'position')))
      assert.equal(p, 'sticky');
    for (const v of new Set(await computedStyles('.confusion th, .confusion td', 'vertical-align')))
      assert.ok(v === 'middle' || v === 'bottom', `aligned ${v}`);

    for (const theme of themes) {
      const editorBackground = await applyTheme(theme);
      const cells = async (kind: string): Promise<{ bg: Rgb; fg: Rgb }[]> => {
        const bgs = await computedStyles(`.confusion .cell.${kind}`, 'background-color');
        const fgs = await computedStyles(`.confusion .cell.${kind}`, 'color');
        return bgs.map((bg, i) => ({ bg: parseColor(bg), fg: parseColor(fgs[i] ?? '') }));
      };
      const right = await cells('diagonal');
      const wrong = view.confusion.counts.some((row, i) => row.some((n, j) => i !== j && n > 0))
        ? await cells('error')
        : [];
      assert.ok(right.length > 0);
      for (const c of [...right, ...wrong]) {
        const ratio = contrast(c.fg, c.bg);
        assert.ok(ratio >= 4.5, `a count reads on its cell in ${theme.name}: ${ratio.toFixed(2)}:1`);
        const seen = deltaE(c.bg, editorBackground);
        assert.ok(seen >= 8, `a tinted cell shows against the page in ${theme.name} (ΔE ${seen.toFixed(1)})`);
      }
      await click('.matrix'); // Scrolls the matrix into view, as a user would.
      await screenshot(`evaluation-${theme.slug}`);
    }
    await applyTheme(themes[1]);
    await click('button.normalize');
    assert.match(await pageText('.caption', /percentages/), /^Each row as percentages of its labeled entity's total/);
  });
});

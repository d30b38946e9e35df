// The results panel's page outside VS Code, for the benches: its own bundle (minified, as shipped) and stylesheet in
// Debian's Chromium (as the integration tests use), with VS Code's webview handle stood in for by a log of the
// messages the page sends (`window.__sent`: each message with the page's time it was sent).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** The whole page as HTML: stylesheet, the stand-in for acquireVsCodeApi, then the page's script. */
export function resultsPageHtml(): string {
  const script = buildSync({
    entryPoints: [join(ROOT, 'src', 'webview', 'app', 'main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
  }).outputFiles[0]?.text;
  if (script === undefined) throw new Error('The results page did not bundle');
  const style = readFileSync(join(ROOT, 'media', 'results.css'), 'utf8');
  return `<!DOCTYPE html><html><head><style>${style}</style></head><body><div id="root"></div>
<script>window.acquireVsCodeApi = () => ({
  postMessage: (m) => { (window.__sent ??= []).push({ m, at: performance.now() }); },
  getState: () => undefined,
  // As VS Code's webview host does: the state is sent to the workbench as JSON.
  setState: (state) => { window.__state = JSON.stringify(state); },
});</script>
<script>${script}</script></body></html>`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

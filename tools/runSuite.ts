// Runs the integration suite inside the workbench, in headless Chromium, like @vscode/test-electron does on a
// desktop: the suite module's run() executes in the real extension host and its outcome closes the page.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, repoRoot, startCodeServer } from './codeServer';
import { reloadWithViewShown } from './reloadWindow';

/** Marks the suite's own console lines; test/integration/suite/index.ts uses the same prefix. */
const testLinePrefix = '[suite] ';
/** Mocha's check mark carries its own colour codes: the log gets plain text. */
const ansiColor = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const timeoutMs = Number(process.env.CUSTOM_TEXT_TEST_TIMEOUT_MS ?? 15 * 60_000);

export interface SuiteRun {
  /** The folder loaded as the extension under development. */
  extensionPath: string;
  label: string;
  env?: Record<string, string>;
  installVsix?: string[];
  /** Folders installed beside it as extensions (linked into the extensions folder). */
  linkedExtensions?: string[];
  /** Receives each line the suite prints (mocha's report). */
  onTestLine: (line: string) => void;
}

/** Resolves with the suite's exit code: 0 passed, 1 failed, 2 timed out. */
export async function runSuite(run: SuiteRun): Promise<number> {
  // The suite asks the launcher to act as the user's browser: screenshots (views are empty once the tests end)
  // and answers typed into VS Code's input boxes. Both need the page, which only exists once it has opened.
  let page: Page | undefined;
  const driver = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const act = page === undefined ? Promise.reject(new Error('The page is not open yet')) : drive(page, url);
    act.then(
      (answer) => res.end(answer),
      (e: unknown) => {
        res.statusCode = 500;
        res.end(e instanceof Error ? e.message : String(e));
      },
    );
  });
  await new Promise<void>((ok) => driver.listen(0, '127.0.0.1', ok));

  // A copy of the fixture workspace: the suites write labels files, exports and documents into it.
  // Named `workspace` as the fixture is: the local service names the container after the folder.
  const copyDir = await mkdtemp(join(tmpdir(), `custom-text-${run.label}-`));
  const workspace = join(copyDir, 'workspace');
  await cp(join(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  const server = await startCodeServer({
    label: run.label,
    workspace,
    ...(run.installVsix ? { installVsix: run.installVsix } : {}),
    ...(run.linkedExtensions ? { linkedExtensions: run.linkedExtensions } : {}),
    env: {
      ...run.env,
      CUSTOM_TEXT_TEST: '1',
      CUSTOM_TEXT_DRIVER_URL: `http://127.0.0.1:${(driver.address() as AddressInfo).port}`,
    },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, ...server.browserEnv },
    args: [
      ...['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
      ...['--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ],
  });
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((ok) => (finish = ok));
    // The workbench forwards the extension host's console here; only the suite's lines are printed.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = args
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(' ')
        .replace(ansiColor, '');
      for (const line of text.split('\n')) {
        const at = line.indexOf(testLinePrefix);
        if (at >= 0) run.onTestLine(line.slice(at + testLinePrefix.length));
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      finish(code);
    });
    await page.goto(server.url(run.extensionPath, join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js')));

    const timeout = new Promise<number>((ok) =>
      setTimeout(() => {
        ok(2);
      }, timeoutMs).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    if (code === 2) {
      console.error(`The suite timed out after ${timeoutMs / 1000} s; see .test-artifacts/${run.label}-timeout.png`);
      await page.screenshot({ path: join(artifactsDir, `${run.label}-timeout.png`) }).catch(() => undefined);
    }
    return code;
  } finally {
    await browser.close();
    driver.close();
    await server.close();
    await rm(copyDir, { recursive: true, force: true });
  }
}

/** Set by the workbench once the contributions of its Restored lifecycle phase (3) are created. */
const restoredMark = 'code/didCreateWorkbenchContributions/3';

/**
 * GET /shot?name=N saves a screenshot as .test-artifacts/N.png.
 * GET /input?title=T&text=X[&expect=R][&enter=1] waits for the input box titled T, types X and answers with the
 * validation message it shows (waiting up to 5 s for one matching the regular expression R); with enter=1 it then
 * presses Enter.
 * GET /pick?title=T&text=X types X into the quick pick titled T and accepts the first item it filters to.
 * GET /click?selector=S clicks the first element matching S in any frame (webviews included).
 * GET /text?selector=S[&expect=R] answers with the text a user sees in the first element matching S in any frame
 * (waiting up to 10 s for one whose text matches the regular expression R).
 * GET /press?selector=S&key=K focuses the first element matching S in any frame and presses K there (e.g. Enter);
 * without a selector, presses K wherever the focus is. Answers with the aria-label (or text) of what has the focus.
 * GET /count?selector=S answers with how many elements match S in all frames together (at once, no waiting).
 * GET /styles?selector=S&property=P answers with a JSON array: the computed value of CSS property P (custom
 * properties too) of every element matching S, in the first frame that has one.
 * GET /watch?selector=S starts recording what a user sees in the first element matching S in the workbench's page:
 * its text each time it changes, with the milliseconds since the request. GET /watched stops and answers with the
 * JSON array [{ ms, text }] (the states a screenshot would have missed, e.g. while a view loads).
 * GET /restored waits until the workbench has created its Restored-phase contributions; answers when (ms).
 * GET /reload?folder=F&container=C&selector=S&until=R opens folder F in a second window, shows the activity bar
 * entry C there, waits for S's text to match R, reloads that window (Developer: Reload Window) and waits for R again;
 * answers with what S showed from the reloaded page's start (see reloadWindow.ts).
 */
async function drive(page: Page, url: URL): Promise<string> {
  const param = (name: string): string => url.searchParams.get(name) ?? '';
  switch (url.pathname) {
    case '/shot':
      await page.screenshot({ path: join(artifactsDir, `${param('name').replace(/[^\w.-]/g, '_')}.png`) });
      return 'ok';
    case '/input': {
      const widget = page.locator('.quick-input-widget').filter({ hasText: param('title') });
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
      const input = widget.locator('.quick-input-box input');
      await input.fill(param('text'));
      // Validation runs as the user types, a little later: wait for the expected message, or a moment.
      const message = widget.locator('.quick-input-message');
      const expected = url.searchParams.get('expect');
      if (expected === null) await page.waitForTimeout(300);
      else
        await message
          .filter({ hasText: new RegExp(expected) })
          .waitFor({ timeout: 5000 })
          .catch(() => undefined);
      const shown = (await message.textContent())?.trim() ?? '';
      if (url.searchParams.get('enter') === '1') await input.press('Enter');
      return shown;
    }
    case '/pick': {
      const widget = page.locator('.quick-input-widget').filter({ hasText: param('title') });
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
      await widget.locator('.quick-input-box input').fill(param('text'));
      // Items may still be loading: wait for the one the text filters down to, then accept it.
      await widget
        .locator('.monaco-list-row')
        .filter({ hasText: param('text') })
        .first()
        .waitFor({ timeout: 10_000 });
      await widget.locator('.quick-input-box input').press('Enter');
      return 'ok';
    }
    case '/click':
      await (await findInFrames(page, param('selector'))).click();
      return 'ok';
    case '/text': {
      const expected = url.searchParams.get('expect');
      const pattern = expected === null ? undefined : new RegExp(expected);
      return await (await findInFrames(page, param('selector'), pattern)).innerText();
    }
    case '/press': {
      const selector = url.searchParams.get('selector');
      if (selector !== null) {
        const target = await findInFrames(page, selector);
        await target.focus();
        await target.press(param('key'));
      } else {
        await page.keyboard.press(param('key'));
      }
      // What has the focus once it has settled (a page may move it a moment after the key), in whichever frame.
      let label = await focusedLabel(page);
      for (let i = 0; i < 40; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const again = await focusedLabel(page);
        if (again === label && label !== '') break;
        label = again;
      }
      return label;
    }
    case '/type':
      // Key by key into whatever has the focus, as a user types.
      await page.keyboard.type(param('text'), { delay: 5 });
      return 'ok';
    case '/count': {
      let count = 0;
      for (const f of page.frames()) count += await f.locator(param('selector')).count();
      return String(count);
    }
    case '/styles': {
      const selector = param('selector');
      await findInFrames(page, selector); // Waits for the first match.
      for (const f of page.frames()) {
        const matches = f.locator(selector);
        if ((await matches.count()) === 0) continue;
        const values = await matches.evaluateAll(
          // Runs in the page; this file is compiled without the DOM library, hence the cast.
          (elements, property) => {
            type Computed = { getPropertyValue(property: string): string };
            const page = globalThis as unknown as { getComputedStyle(e: unknown): Computed };
            return elements.map((e) => page.getComputedStyle(e).getPropertyValue(property).trim());
          },
          param('property'),
        );
        return JSON.stringify(values);
      }
      throw new Error(`Nothing matches ${selector} in any frame`);
    }
    case '/restored':
      // What VS Code's own smoke-test driver waits for before it acts: the workbench contributions of the Restored
      // phase created. They come in idle moments, so on a loaded machine they can trail the Eventually phase; one
      // of them reads the extensions' welcome contents (until then a view without its provider says "no data
      // provider"). The mark is the workbench's own; the answer is when it was set, in ms since the page loaded.
      await page.waitForFunction(`performance.getEntriesByName(${JSON.stringify(restoredMark)}).length > 0`, null, {
        timeout: 60_000,
      });
      return String(
        await page.evaluate(`Math.round(performance.getEntriesByName(${JSON.stringify(restoredMark)})[0].startTime)`),
      );
    case '/watch':
      // A string, so that this file needs no DOM typings; it runs in the page.
      await page.evaluate(`(() => {
        const selector = ${JSON.stringify(param('selector'))};
        const states = [];
        const start = performance.now();
        const record = () => {
          const text = document.querySelector(selector)?.innerText ?? '';
          if (states.length === 0 || states[states.length - 1].text !== text)
            states.push({ ms: Math.round(performance.now() - start), text });
        };
        record();
        // Text shows when nodes arrive and also when layout reveals them (a style change): look at every change
        // and at every frame.
        let watching = true;
        const observer = new MutationObserver(record);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        const frame = () => {
          record();
          if (watching) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const stop = () => {
          watching = false;
          observer.disconnect();
        };
        window.__customTextWatch = { states, stop };
      })()`);
      return 'ok';
    case '/watched':
      return String(
        await page.evaluate(`(() => {
          const watch = window.__customTextWatch;
          if (watch === undefined) return '[]';
          watch.stop();
          return JSON.stringify(watch.states);
        })()`),
      );
    case '/reload':
      return await reloadWithViewShown(page, {
        folder: param('folder'),
        container: param('container'),
        selector: param('selector'),
        until: new RegExp(param('until')),
      });
    default:
      throw new Error(`Unknown driver request ${url.pathname}`);
  }
}

/** The first element matching a selector in any frame (webviews live in nested iframes), waiting up to 10 s. */
/**
 * The aria-label of what has the focus, in whichever frame holds it ('' when none has one). Read in one step per
 * frame: a count followed by a read would wait 30 s for an element that lost the focus in between.
 */
async function focusedLabel(page: Page): Promise<string> {
  for (const f of page.frames()) {
    try {
      const labels = await f.locator(':focus').evaluateAll((elements) =>
        // Runs in the page; this file is compiled without the DOM library, hence the cast.
        elements.map((e) => (e as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-label')),
      );
      const label = labels.find((l): l is string => l !== null);
      if (label !== undefined) return label;
    } catch {
      // The frame went away (a webview redrawn): the focus is elsewhere.
    }
  }
  return '';
}

async function findInFrames(page: Page, selector: string, hasText?: RegExp): Promise<Locator> {
  for (let attempt = 0; attempt < 50; attempt++) {
    for (const frame of page.frames()) {
      const target = frame.locator(selector).filter(hasText === undefined ? {} : { hasText });
      if ((await target.count()) > 0) return target.first();
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`Nothing matches ${selector}${hasText === undefined ? '' : ` with ${String(hasText)}`} in any frame`);
}

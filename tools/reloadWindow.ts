// A window reload as a user makes one, watched from the new page's first moment. The suite runs inside the test
// window's extension host, which a reload of that window would end: the reload happens in a second window (a page
// of its own browser context) that loads the same extension under development, without the tests.
import type { Page } from 'playwright-core';

export interface ReloadRequest {
  /** The folder the second window opens. */
  folder: string;
  /** The activity bar entry to show before reloading (its accessible name starts with this). */
  container: string;
  /** What to record: the first element matching this CSS selector (its text as a user sees it). */
  selector: string;
  /** Shown before the reload, and the end of the recording after it (matched against the element's text). */
  until: RegExp;
}

/** Runs in every new document of the page, before its own scripts: records the element's text once per frame. */
const recorder = (selector: string): string => `(() => {
  if (window.top !== window) return; // Webviews' frames.
  const states = [];
  const record = () => {
    const text = document.querySelector(${JSON.stringify(selector)})?.innerText ?? '';
    if (states.length === 0 || states[states.length - 1].text !== text)
      states.push({ ms: Math.round(performance.now()), text });
    requestAnimationFrame(record);
  };
  requestAnimationFrame(record);
  window.__customTextReload = states;
})()`;

const commandBox = '.quick-input-widget .quick-input-box input';

async function waitForText(page: Page, selector: string, until: RegExp, timeout: number): Promise<void> {
  await page.locator(selector).filter({ hasText: until }).first().waitFor({ timeout });
}

/**
 * Answers with JSON: { states, timeOrigin, marks }. states: the element's text each time it changed, in ms since
 * the reloaded page started loading (at timeOrigin, epoch ms); marks: the workbench's own performance marks there
 * (code/…), in the same ms.
 */
export async function reloadWithViewShown(page: Page, request: ReloadRequest): Promise<string> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('The test page has no browser');
  // The test window's URL, without the tests, opening the requested folder.
  const url = new URL(page.url());
  const payload = (JSON.parse(url.searchParams.get('payload') ?? '[]') as [string, string][]).filter(
    ([name]) => name !== 'extensionTestsPath',
  );
  url.searchParams.set('payload', JSON.stringify(payload));
  url.searchParams.set('folder', request.folder);

  const context = await browser.newContext({ viewport: page.viewportSize() ?? { width: 1280, height: 800 } });
  try {
    const other = await context.newPage();
    await other.addInitScript(recorder(request.selector));
    await other.goto(url.toString());
    // Shown as a user shows it, then left visible: the workbench restores it so after the reload.
    await other.locator(`.activitybar .action-label[aria-label^="${request.container}"]`).click({ timeout: 60_000 });
    await waitForText(other, request.selector, request.until, 60_000);

    const reloaded = other.waitForEvent('load', { timeout: 30_000 });
    await other.keyboard.press('F1');
    await other.locator(commandBox).fill('>Developer: Reload Window');
    await other.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Reload Window' }).first().waitFor();
    await other.locator(commandBox).press('Enter');
    await reloaded;
    await waitForText(other, request.selector, request.until, 60_000);
    const timeline = String(
      await other.evaluate(`JSON.stringify({
      states: window.__customTextReload,
      timeOrigin: performance.timeOrigin,
      marks: performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('code/'))
        .map((m) => ({ name: m.name, ms: Math.round(m.startTime) })),
      })`),
    );
    // Leaving the page ends its window as closing a tab does: its extension host stops with it.
    await other.goto('about:blank');
    return timeline;
  } finally {
    await context.close();
  }
}

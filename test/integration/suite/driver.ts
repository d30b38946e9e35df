// Asks the launcher (tools/runSuite.ts) to act as the user in the browser while the tests run: screenshots of
// the workbench and text typed into VS Code's input boxes. The desktop route (@vscode/test-electron) has no such
// driver: screenshots are skipped there and the *.ui.test suites (see index.ts) are not loaded.
import { request } from 'undici';
import { z } from 'zod';

const driverUrl = process.env.CUSTOM_TEXT_DRIVER_URL;

export const hasDriver = driverUrl !== undefined;

async function ask(path: string, params: Record<string, string>): Promise<string> {
  if (driverUrl === undefined) throw new Error('No browser driver in this test run');
  const res = await request(`${driverUrl}${path}?${new URLSearchParams(params).toString()}`);
  const body = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`The browser driver failed: ${body}`);
  return body;
}

export async function screenshot(name: string): Promise<void> {
  if (hasDriver) await ask('/shot', { name });
}

/**
 * Types `text` into the input box whose title contains `title`, as a user would; returns the message the box shows
 * for it (waiting a few seconds for one matching `expect`, since validation comes a little later). With `enter`,
 * presses Enter afterwards.
 */
export function typeIntoInputBox(
  title: string,
  text: string,
  options: { enter: boolean; expect?: RegExp },
): Promise<string> {
  return ask('/input', {
    title,
    text,
    ...(options.enter ? { enter: '1' } : {}),
    ...(options.expect ? { expect: options.expect.source } : {}),
  });
}

/** Types `text` into the quick pick whose title contains `title` and accepts the first item it filters to. */
export async function pickInQuickPick(title: string, text: string): Promise<void> {
  await ask('/pick', { title, text });
}

/** Clicks the first element matching a CSS selector in any frame of the workbench, webviews included. */
export async function click(selector: string): Promise<void> {
  await ask('/click', { selector });
}

/** The text a user sees in the first element matching a CSS selector in any frame (waiting for `expect`). */
export function pageText(selector: string, expect?: RegExp): Promise<string> {
  return ask('/text', { selector, ...(expect ? { expect: expect.source } : {}) });
}

/** The computed value of a CSS property (custom properties too) of every element matching a selector. */
export async function computedStyles(selector: string, property: string): Promise<string[]> {
  return z.array(z.string()).parse(JSON.parse(await ask('/styles', { selector, property })));
}

/** How many elements match a CSS selector in all frames of the workbench together, right now. */
export async function countElements(selector: string): Promise<number> {
  return Number(await ask('/count', { selector }));
}

/**
 * Presses a key as a user would: on the first element matching `selector` (focused first), or wherever the focus is.
 * Answers with the accessible name (aria-label) of what has the focus afterwards, if it has one.
 */
export function press(key: string, selector?: string): Promise<string> {
  return ask('/press', { key, ...(selector === undefined ? {} : { selector }) });
}

/** Types text key by key wherever the focus is, as a user would. */
export async function typeText(text: string): Promise<void> {
  await ask('/type', { text });
}

/** Starts recording each text a user sees in the first element matching a selector, as it changes. */
export async function watchText(selector: string): Promise<void> {
  await ask('/watch', { selector });
}

/** Stops recording; the texts seen since watchText, each with the milliseconds since it started. */
export async function watchedText(): Promise<{ ms: number; text: string }[]> {
  return z.array(z.object({ ms: z.number(), text: z.string() })).parse(JSON.parse(await ask('/watched', {})));
}

/**
 * Waits until the workbench has finished restoring: its Restored-phase contributions created, among them the one
 * that reads the extensions' welcome contents. Answers when that was, in milliseconds since the page loaded.
 */
export async function workbenchRestored(): Promise<number> {
  return Number(await ask('/restored', {}));
}

const reloadTimeline = z.object({
  states: z.array(z.object({ ms: z.number(), text: z.string() })),
  /** When the reloaded page started loading, in epoch ms: states and marks count from there. */
  timeOrigin: z.number(),
  marks: z.array(z.object({ name: z.string(), ms: z.number() })),
});
export type ReloadTimeline = z.infer<typeof reloadTimeline>;

/**
 * Opens `folder` in a second window, shows the activity bar entry `container` there until `selector` shows text
 * matching `until`, then reloads that window as a user does (Developer: Reload Window) and waits for `until` again.
 * Answers with the texts `selector` showed from the reloaded page's start and the workbench's marks, both in ms
 * since then. (This window runs the tests: reloading it would end them.)
 */
export async function reloadWindowShowing(options: {
  folder: string;
  container: string;
  selector: string;
  until: RegExp;
}): Promise<ReloadTimeline> {
  const answer = await ask('/reload', { ...options, until: options.until.source });
  return reloadTimeline.parse(JSON.parse(answer));
}

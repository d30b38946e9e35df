// `npm start` as the README gives it, seen from the outside: the printed URL opens VS Code with the extension,
// the extension's notifications show on the page, and Ctrl+C leaves nothing running. Runs in plain Node (mocha),
// from tools/runIntegrationTests.ts, with the browser the integration suite uses.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, freePort, repoRoot } from '../../tools/codeServer';

/** The processes of a process group (npm start and all it started, as Ctrl+C in a terminal reaches them). */
function processGroup(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so read after its closing paren.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

/** Ended, by an exit code or by a signal (Ctrl+C ends npm by SIGINT: no exit code then). */
function hasEnded(child: ChildProcess | undefined): boolean {
  return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

describe('npm start', function () {
  // Builds, compiles the tools and starts code-server: a minute or two on a loaded 2-core machine.
  this.timeout(5 * 60_000);
  let start: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let output = '';
  const userData = mkdtempSync(join(tmpdir(), 'cts-start-'));

  after(async () => {
    await browser?.close();
    if (start?.pid !== undefined && processGroup(start.pid).length > 0) process.kill(-start.pid, 'SIGKILL');
    rmSync(userData, { recursive: true, force: true });
  });

  it('prints the URL of a VS Code with the extension and the sample projects', async () => {
    const port = await freePort();
    start = spawn('npm', ['start'], {
      cwd: repoRoot,
      // Its own process group, like a command typed in a terminal; its own user data, not the developer's.
      detached: true,
      env: { ...process.env, PORT: String(port), CUSTOM_TEXT_USER_DATA: userData },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await waitFor('the URL from npm start', 4 * 60_000, () => {
      if (hasEnded(start)) throw new Error(`npm start exited early:\n${output}`);
      return new RegExp(`http://127\\.0\\.0\\.1:${port}/\\S*`).exec(output)?.[0];
    });

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.locator('.activitybar a.action-label[aria-label="Custom Text"]').click({ timeout: 60_000 });
    await page.locator('.sidebar .monaco-list-row').filter({ hasText: 'Local' }).first().waitFor({ timeout: 30_000 });
  });

  it('shows the extension’s notifications: the samples loaded at first start, then a command’s answer', async () => {
    const toasts = page.locator('.notification-toast');
    await toasts.filter({ hasText: 'Loaded the sample projects into Local' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(artifactsDir, 'start-notification.png') });
    // Other processes' ports are not offered for forwarding (the local service listens on one too).
    const settings = JSON.parse(readFileSync(join(userData, 'User', 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(settings['remote.autoForwardPorts'], false);
    assert.equal(await toasts.filter({ hasText: /Your application running on port/ }).count(), 0);

    // The command palette, as a user reaches it.
    await page.keyboard.press('F1');
    await page.keyboard.type('Custom Text: Load Sample Projects');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'Load Sample Projects' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await toasts.filter({ hasText: 'The sample projects are already in Local' }).waitFor({ timeout: 30_000 });
  });

  it('opens the Get Started walkthrough at the first start', async () => {
    const walkthrough = page
      .locator('.gettingStartedContainer')
      .filter({ hasText: 'Get Started with Custom Text Studio' });
    await walkthrough.waitFor({ timeout: 30_000 });
    for (const step of ['Make a project of a folder', 'Label documents by keyboard', 'Train a model', 'Deploy it'])
      assert.ok(await walkthrough.getByText(step).first().isVisible(), `the walkthrough shows the step “${step}”`);
    await page.screenshot({ path: join(artifactsDir, 'start-walkthrough.png') });
    // Closed, so that the steps below type into the workbench as it was (later starts: a unit test).
    await page.keyboard.press('F1');
    await page.keyboard.type('View: Close All Editors');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Close All Editors' }).first().waitFor();
    await page.keyboard.press('Enter');
    await walkthrough.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('stops on Ctrl+C and leaves no process behind', async () => {
    const pgid = start?.pid;
    assert.ok(pgid !== undefined, 'npm start is running');
    await browser?.close();
    browser = undefined;
    assert.ok(processGroup(pgid).length >= 3, 'npm, the launcher and code-server run in the group');
    process.kill(-pgid, 'SIGINT');
    await waitFor('npm start to exit', 30_000, () => (hasEnded(start) ? true : undefined));
    // code-server's extension host (and with it the embedded local service) must go too.
    await waitFor('the process group to empty', 15_000, () =>
      processGroup(pgid).length === 0 ? true : undefined,
    ).catch(() => undefined);
    const left = processGroup(pgid).map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return String(pid);
      }
    });
    assert.deepEqual(left, [], 'nothing of npm start is left running');
  });
});

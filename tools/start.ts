// npm start: opens the extension in a real VS Code (code-server) on the embedded local service, with the
// bundled sample data as the workspace and the sample projects loaded. Prints the URL; Ctrl+C stops it.
// The extension is linked in as an installed one: the workbench is the one users get, notifications included.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { repoRoot, startCodeServer } from './codeServer';
import { demoSettings, demoSettingsEveryStart, withMissingSettings } from './workbenchSettings';

async function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  return await new Promise<boolean>((ok) => {
    probe.once('error', () => {
      ok(false);
    });
    probe.listen(port, '127.0.0.1', () => {
      probe.close(() => {
        ok(true);
      });
    });
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port.`);
  if (!(await portIsFree(port))) throw new Error(`Port ${port} is in use. Choose another: PORT=${port + 1} npm start`);

  // Kept between runs, so projects trained in one session are there in the next (the tests use a folder of their own).
  const userDataDir = resolve(
    process.env.CUSTOM_TEXT_USER_DATA ?? join(repoRoot, '.test-artifacts', 'start-user-data'),
  );
  // Written at first start; later starts keep the user's own and add only what every start needs.
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  const current = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
  const settings = withMissingSettings(current, current === undefined ? demoSettings : demoSettingsEveryStart);
  if (settings !== undefined) {
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(settingsFile, settings);
  }
  const server = await startCodeServer({
    label: 'start',
    workspace: join(repoRoot, 'samples'),
    userDataDir,
    port,
    installedExtension: repoRoot,
  });
  console.log('\nCustom Text Studio is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${server.url()}\n`);
  console.log('Then pick the Custom Text icon in the activity bar. Press Ctrl+C to stop.');
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});

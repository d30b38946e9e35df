// npm start: opens the extension in a real VS Code (code-server) on the embedded local service, with the
// bundled sample data as the workspace and the sample projects loaded. Prints the URL; Ctrl+C stops it.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startCodeServer } from './codeServer';

async function main(): Promise<void> {
  // Kept between runs, so projects trained in one session are there in the next.
  const userDataDir = join(repoRoot, '.test-artifacts', 'start-user-data');
  const settings = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) {
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      settings,
      JSON.stringify(
        {
          'customText.localService.loadSampleProjects': true,
          'workbench.startupEditor': 'none',
          'chat.disableAIFeatures': true,
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'security.workspace.trust.enabled': false,
        },
        null,
        2,
      ),
    );
  }
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({
    label: 'start',
    workspace: join(repoRoot, 'samples'),
    userDataDir,
    port,
  });
  console.log('\nCustom Text Studio is running in VS Code (code-server). Open this URL in a browser:\n');
  console.log(`  ${server.url(repoRoot)}\n`);
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

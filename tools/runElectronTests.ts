// The desktop route: the same suite through @vscode/test-electron, for machines that can download VS Code.
// (`npm run test:electron`; the offline route in npm test is code-server, see runSuite.ts.)
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = resolve(__dirname, '..', '..');

runTests({
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: resolve(repoRoot, 'out', 'test', 'integration', 'suite', 'index.js'),
  launchArgs: [resolve(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), '--disable-extensions'],
  extensionTestsEnv: { CUSTOM_TEXT_TEST: '1' },
}).then(
  () => process.exit(0),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    // Offline, the download of VS Code is what fails: say so, and name the route that works without it.
    const offline = /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|fetch failed/.test(message);
    console.error(
      offline ? `Could not download VS Code (${message}); offline, npm test runs the same suite.` : message,
    );
    process.exit(1);
  },
);

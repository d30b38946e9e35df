// Entry point the workbench calls inside the extension host (like @vscode/test-electron's extensionTestsPath).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { hasDriver } from './driver';

const prefix = '[suite] ';

export async function run(): Promise<void> {
  // Only the smoke suite (and first contact) runs against an installed .vsix; the full suite runs on the source tree.
  const onlyVsix = process.env.CUSTOM_TEXT_SUITE === 'vsix';
  // CUSTOM_TEXT_TEST_GREP runs only the tests whose title matches (while working on them; the full run has none).
  const grep = process.env.CUSTOM_TEXT_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).sort()) {
    if (!file.endsWith('.test.js')) continue;
    // First contact runs in both: on the source tree, and on the .vsix's minified bundles as users get them.
    const both = file.startsWith('activation.');
    if (!both && onlyVsix !== file.startsWith('vsix')) continue;
    // Suites that act in the workbench as a user (typing, clicking) need the browser driver, which only the code-server route has.
    if (file.endsWith('.ui.test.js') && !hasDriver) continue;
    mocha.addFile(join(__dirname, file));
  }
  // Mocha's reporters print through Base.consoleLog; prefix each line so the launcher can pick them out.
  const say = (...args: unknown[]): void => {
    for (const line of format(...args).split('\n')) console.log(prefix + line);
  };
  Mocha.reporters.Base.consoleLog = say;
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      say(`${runner.stats?.passes ?? 0} passed, ${failures} failed, ${runner.stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}

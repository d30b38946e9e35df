// npm run test:integration: the whole suite in a real VS Code on the source tree, then the packaged .vsix
// installed into a fresh VS Code with its smoke suite, then `npm start` from the outside. Prints one closing
// "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from './codeServer';
import { runSuite } from './runSuite';

async function main(): Promise<number> {
  let passed = 0;
  let failed = 0;
  const onTestLine = (line: string): void => {
    console.log(line);
    const m = /^(\d+) passed, (\d+) failed/.exec(line);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
  };

  console.log('Integration suite in VS Code (source tree)');
  // Beside the extension, an empty one: the floor of VS Code's activation time on this machine, for comparison.
  const reference = join(repoRoot, 'test', 'integration', 'fixtures', 'empty-extension');
  const dev = await runSuite({ label: 'dev', extensionPath: repoRoot, linkedExtensions: [reference], onTestLine });

  console.log('\nPackaging the .vsix');
  const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  let vsix = pack.status ?? 1;
  if (vsix === 0) {
    console.log('\nSmoke suite in VS Code with the .vsix installed');
    vsix = await runSuite({
      label: 'vsix',
      // A bare extension under development lets the workbench run the suite while the installed .vsix is tested.
      extensionPath: join(repoRoot, 'test', 'integration', 'fixtures', 'vsix-host'),
      installVsix: [join(repoRoot, 'dist-vsix', 'custom-text-studio.vsix')],
      linkedExtensions: [reference],
      env: { CUSTOM_TEXT_SUITE: 'vsix' },
      onTestLine,
    });
  } else {
    failed++;
    console.log('packaging failed');
  }

  if (process.env.CUSTOM_TEXT_TEST_GREP) {
    // A subset while working on it: npm start belongs to the whole run.
    console.log(`\nCUSTOM_TEXT_TEST_GREP is set: ran the matching tests only; ${passed} passed, ${failed} failed`);
    return dev === 0 && vsix === 0 && failed === 0 && passed > 0 ? 0 : 1;
  }

  console.log('\nnpm start, as the README gives it');
  const launch = new Mocha({ ui: 'bdd', color: false, reporter: 'spec' });
  launch.addFile(join(repoRoot, 'out', 'test', 'launch', 'npmStart.test.js'));
  const launched = await new Promise<number>((ok) => {
    const runner = launch.run((failures) => {
      passed += runner.stats?.passes ?? 0;
      failed += failures;
      ok(failures);
    });
  });

  console.log(`\n${passed} passed, ${failed} failed`);
  return dev === 0 && vsix === 0 && launched === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The project's own ESLint config, run on imports that go the wrong way between layers: each must be reported.
const root = path.resolve(__dirname, '../../../..');
const RULE = '@typescript-eslint/no-restricted-imports';

// The probes are not files on disk, so no TypeScript project knows them: lint them without type information,
// with only the import rule (the others need types).
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  assert.deepEqual(
    messages.filter((m) => m.ruleId !== RULE),
    [],
    'the probe must parse and meet only this rule',
  );
  return messages.map((m) => m.message);
}

describe('layer directions (eslint.config.mjs)', function () {
  this.timeout(60_000); // Loading the config and its plugins.

  const wrongWay: [string, string, string, RegExp][] = [
    [
      'core → webview',
      'src/core/layerProbe.ts',
      "import type { HostToWebview } from '../webview/protocol';",
      /one way/,
    ],
    [
      'core → editor',
      'src/core/layerProbe.ts',
      "import type { EntityDecorations } from '../editor/entityDecorations';",
      /one way/,
    ],
    ['api → core', 'src/api/layerProbe.ts', "import { describeError } from '../core/describeError';", /one way/],
    [
      'api (nested) → core',
      'src/api/schemas/layerProbe.ts',
      "import type { ResultView } from '../../core/views';",
      /one way/,
    ],
    [
      'service → commands',
      'src/service/layerProbe.ts',
      "import type { CommandDeps } from '../commands/deps';",
      /imports no part/,
    ],
    ['service → vscode', 'src/service/routes/layerProbe.ts', "import * as vscode from 'vscode';", /plain Node/],
    [
      'editor → webview',
      'src/editor/layerProbe.ts',
      "import type { ResultsPanel } from '../webview/resultsPanel';",
      /not the panel/,
    ],
    [
      'panel → editor',
      'src/webview/layerProbe.ts',
      "import type { EntityDecorations } from '../editor/entityDecorations';",
      /not the editor/,
    ],
    ['page → node', 'src/webview/app/layerProbe.ts', "import { readFileSync } from 'node:fs';", /browser/],
    [
      'page → a value of the protocol',
      'src/webview/app/layerProbe.ts',
      "import { webviewToHostSchema } from '../protocol';",
      /types only/,
    ],
    [
      'page → core logic',
      'src/webview/app/layerProbe.ts',
      "import type { ResultViewInput } from '../../core/resultView';",
      /only \.\.\/protocol and core\/views/,
    ],
  ];
  for (const [name, file, code, message] of wrongWay) {
    it(`reports ${name}`, async () => {
      const messages = await restrictedImports(file, `${code}\n`);
      assert.equal(messages.length, 1, `expected one report for ${code}, got ${JSON.stringify(messages)}`);
      assert.match(messages[0]!, message);
    });
  }

  const rightWay: [string, string, string][] = [
    ['core → api', 'src/core/layerProbe.ts', "import { ApiError } from '../api/errors';"],
    ['webview → core views', 'src/webview/layerProbe.ts', "import type { ResultView } from '../core/views';"],
    ['page → protocol types', 'src/webview/app/layerProbe.ts', "import type { HostToWebview } from '../protocol';"],
    ['service → contract', 'src/service/layerProbe.ts', "import { jobStateSchema } from '../contract/job';"],
  ];
  for (const [name, file, code] of rightWay) {
    it(`allows ${name}`, async () => {
      assert.deepEqual(await restrictedImports(file, `${code}\n`), []);
    });
  }
});

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers point one way: contract ← api ← core ← the VS Code side (tree, commands, editor, webview,
 * connections, platform, local); the local service (src/service) imports none of the VS Code side; the browser
 * page (src/webview/app) imports only core's view types and the protocol, as types. A wrong-way import fails
 * lint. Patterns match the import string: folder names under src/ are unique, so `../core/x` from any depth is core.
 */
const VS_CODE_SIDE = [
  'tree',
  'commands',
  'editor',
  'labeling',
  'webview',
  'connections',
  'platform',
  'local',
  'extension',
];
const into = (layers) => `^(\\.\\./)+(${layers.join('|')})(/|$)`;
const noVscode = (why) => ({ name: 'vscode', message: why });

/**
 * One `no-restricted-imports` per file group (a later config replaces a rule's options, so groups are disjoint).
 * `vscode`: why the group may not import it, or false where it may; `forbid`: [layers, why] pairs.
 */
const restrict = (files, { ignores = [], vscode = 'This layer runs in plain Node.', forbid = [], patterns = [] }) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: vscode === false ? [] : [noVscode(vscode)],
        patterns: [...forbid.map(([layers, message]) => ({ regex: into(layers), message })), ...patterns],
      },
    ],
  },
});

function layerRules() {
  const upward = 'Layers point one way: contract ← api ← core ← the VS Code side.';
  return [
    // The REST contract is the bottom layer: client and service import it, it imports neither (nor vscode).
    restrict(['src/contract/**'], {
      vscode: 'The contract runs in plain Node.',
      patterns: [{ group: ['../*', 'node:*'], message: 'src/contract imports only zod and its own files.' }],
    }),
    restrict(['src/api/**'], { forbid: [[['core', 'service', ...VS_CODE_SIDE], upward]] }),
    restrict(['src/core/**'], { forbid: [[['service', 'workspace', ...VS_CODE_SIDE], upward]] }),
    // The workspace's files on disk (bounded reads, the labels store): plain Node, above core.
    restrict(['src/workspace/**'], { forbid: [[['service', ...VS_CODE_SIDE], upward]] }),
    restrict(['src/service/**'], {
      forbid: [[VS_CODE_SIDE, 'The local service runs on its own: it imports no part of the extension.']],
    }),
    // Blob storage as a push target and as the local service's document source: plain Node, below core.
    restrict(['src/storage/**'], { forbid: [[['core', 'service', ...VS_CODE_SIDE], upward]] }),
    // Embeds the service in the extension host, still without vscode.
    restrict(['src/local/**'], { forbid: [[VS_CODE_SIDE.filter((l) => l !== 'local'), upward]] }),
    // The VS Code side: commands and extension.ts compose the rest; only local embeds the service.
    restrict(['src/tree/**', 'src/connections/**', 'src/platform/**'], {
      vscode: false,
      forbid: [
        [
          ['commands', 'editor', 'webview', 'extension', 'service'],
          'Only commands and extension.ts compose the layers.',
        ],
      ],
    }),
    // The workspace's labels files, as the views, the editor and the commands see them.
    restrict(['src/labeling/**'], {
      vscode: false,
      forbid: [
        [['commands', 'tree', 'editor', 'webview', 'extension', 'service'], 'Labeling imports core and platform.'],
      ],
    }),
    restrict(['src/editor/**'], {
      vscode: false,
      forbid: [
        [['commands', 'tree', 'webview', 'extension', 'service'], 'The editor side imports core, not the panel.'],
      ],
    }),
    restrict(['src/webview/**'], {
      ignores: ['src/webview/protocol.ts', 'src/webview/app/**'],
      vscode: false,
      forbid: [
        [['commands', 'tree', 'editor', 'extension', 'service'], 'The panel imports core, not the editor side.'],
      ],
    }),
    // Shared with the page: core's view models and zod, nothing else.
    restrict(['src/webview/protocol.ts'], {
      patterns: [{ regex: '^\\.(\\.)?/(?!core/views$)', message: 'The protocol uses only core/views.' }],
    }),
    // The page runs in a browser: no Node, no packages; core's view types and the protocol, as types only.
    restrict(['src/webview/app/**'], {
      vscode: false,
      patterns: [
        { regex: '^[^.]', message: 'The results page runs in a browser: no Node modules or packages.' },
        {
          regex: '^\\.\\./(?!protocol$|\\.\\./core/views$)',
          message: 'The results page imports only ../protocol and core/views.',
        },
        {
          regex: '^\\.\\./(protocol|\\.\\./core/views)$',
          allowTypeImports: true,
          message: 'The results page imports the protocol and view models as types only (import type).',
        },
      ],
    }),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'dist-vsix/**',
      'node_modules/**',
      '.test-artifacts/**',
      '.vscode-test/**',
      '**/*.mjs',
      'media/**',
      // Extensions the integration runs load beside this one, as VS Code loads them: plain JavaScript.
      'test/integration/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests index into arrays they have just asserted on.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...layerRules(),
);

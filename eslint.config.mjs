import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // Layers that must run in plain Node: never import vscode.
    files: [
      'src/api/**',
      'src/core/**',
      'src/service/**',
      'src/local/**',
      'src/webview/protocol.ts',
      'src/webview/app/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer runs in plain Node.' }] }],
    },
  },
  {
    // The REST contract is the bottom layer: client and service import it, it imports neither (nor vscode).
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The contract runs in plain Node.' }],
          patterns: [{ group: ['../*', 'node:*'], message: 'src/contract imports only zod and its own files.' }],
        },
      ],
    },
  },
);

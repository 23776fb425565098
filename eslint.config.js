// ESLint flat config: typescript-eslint everywhere, React hooks in the renderer, and the
// process boundaries of STYLE.md enforced as errors (no raw IPC outside the two bridge files,
// no console in the engine, no Electron outside the shell, src/shared free of process code),
// and explicit types on every export.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // STYLE.md: explicit return (and argument) types on everything a module exports, so a
    // module's interface is read from its declarations, not inferred from its bodies.
    files: ['src/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/ipc/electron.ts', 'src/main/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src/main/index.ts and the IPC registration may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI prints with console, but it is engine code all the same: no Electron.
    files: ['src/main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The CLI runs under plain Node: no electron.' }],
        },
      ],
    },
  },
  {
    // The contract is written once for every process: it may not depend on any of them.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src/shared is used by every process.' }],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared may not import from src/main, src/renderer or src/preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches the engine only through the bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC only in the two bridge files: the main registration and the preload.
    files: ['src/main/index.ts', 'src/preload/**/*.ts'],
    ignores: ['src/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Raw IPC lives only in src/main/ipc/electron.ts and src/preload/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);

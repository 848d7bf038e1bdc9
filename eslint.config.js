// Lint, including the layering rules of DESIGN.md:
// - electron/core never imports electron (or electron-store, or the shell);
// - electron/contract imports nothing of the app but itself;
// - the renderer never imports runtime code from electron/ (contract types only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const electronOnlyInShell = {
  paths: [
    { name: 'electron', message: 'Only electron/shell (and main/preload) may import electron.' },
    { name: 'electron-store', message: 'Settings belong to electron/shell.' },
  ],
  patterns: [{ group: ['**/shell/**', '**/shell'], message: 'electron/core must not depend on the shell.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'types/electron/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/contract/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInShell.paths,
          patterns: [{ group: ['../*'], message: 'The contract depends on nothing else in the app.' }],
        },
      ],
    },
  },
  {
    // Electron emits 'ready' only once an ESM main has finished evaluating: a top-level
    // `await app.whenReady()` can deadlock the start (electron/electron#40719).
    files: ['electron/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'AwaitExpression:not(:function AwaitExpression)', message: 'No top-level await in the Electron main: use app.whenReady().then(...).' },
        { selector: 'ForOfStatement[await=true]:not(:function ForOfStatement)', message: 'No top-level await in the Electron main.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the wall only through WallApi.' }],
          patterns: [
            { group: ['**/electron/core/**', '**/electron/shell/**', '**/electron/main*', '**/electron/preload*'], message: 'The renderer never imports main-process code.' },
            { group: ['**/electron/contract/**', '**/electron/contract'], allowTypeImports: true, message: 'The renderer imports contract types only (import type).' },
          ],
        },
      ],
    },
  },
);

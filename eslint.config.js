// Lint, including the layering rules of DESIGN.md as allow-lists (eslint-rules/layers.js):
// - electron/contract imports nothing of the app but itself, and valibot;
// - electron/core imports the contract, never electron, electron-store or the shell;
// - electron/shell (and main/preload) may import core and contract, and Electron;
// - the renderer imports contract types only, never main-process code, never Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import socwall from './eslint-rules/layers.js';

/** Who may import what. A new package in a layer is one word here, in review. */
const LAYERS = [
  // Data the renderer bundles (the site catalogue, the province's shapes).
  { name: 'resources', paths: ['resources/'] },
  // Dependency-free constants and pure functions both sides use (values, not only types).
  { name: 'electron/contract/common', paths: ['electron/contract/common/'], typesFrom: ['electron/contract'] },
  { name: 'electron/contract', paths: ['electron/contract/'], mayImport: ['electron/contract/common'], packages: ['valibot'] },
  {
    name: 'electron/core',
    paths: ['electron/core/'],
    mayImport: ['electron/contract', 'electron/contract/common'],
    // pdfkit, svg-to-pdfkit and echarts (server-side SVG) write the hand-over report; mmdb-lib
    // reads the bundled IP-to-country database.
    packages: ['valibot', '@valibot/*', 'mqtt', 'aedes', 'ws', 'yaml', 'pino', 'pino-roll', 'sonic-boom', 'pdfkit', 'svg-to-pdfkit', 'echarts', 'mmdb-lib'],
    node: true,
  },
  {
    name: 'electron/shell',
    paths: ['electron/shell/', 'electron/main.ts', 'electron/preload.ts'],
    mayImport: ['electron/contract', 'electron/contract/common', 'electron/core'],
    packages: ['electron', 'electron-store', 'valibot', '@valibot/to-json-schema'],
    node: true,
  },
  {
    name: 'renderer',
    paths: ['renderer/src/'],
    mayImport: ['resources', 'electron/contract/common'],
    typesFrom: ['electron/contract'],
    // world-atlas + topojson-client: the origins panel's bundled world outlines.
    packages: ['vue', 'vue-i18n', 'pinia', 'echarts', 'leaflet', 'geojson', '@fontsource/*', 'world-atlas', 'topojson-client'],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'dist-forwarder/**', 'release/**', 'node_modules/**', 'test-results/**', 'types/electron/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
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
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.vue'],
    plugins: { socwall },
    rules: { 'socwall/layers': ['error', { layers: LAYERS }] },
  },
  {
    // Type-checked rules that protect this code: a promise nobody awaits or catches, a promise
    // where a callback's result is ignored, a switch that misses a case of a union.
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
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
    // Node globals (process, Buffer, __dirname) apply to electron/ and the tooling only.
    ignores: ['renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
  },
);

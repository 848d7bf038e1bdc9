import { defineConfig } from 'vitest/config';

// Projects run in this order of cost; `npm test` runs them all. Every test file runs behind the
// repository guard: a path outside the checkout fails it (tests/helpers/repo-guard.ts).
const setupFiles = ['tests/setup/repo-guard.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', setupFiles } },
      {
        test: {
          name: 'integration',
          setupFiles,
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          setupFiles,
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        // electron-builder around a stand-in Electron, then the packaged main under Node (tests/packaging).
        test: {
          name: 'packaging',
          setupFiles,
          include: ['tests/packaging/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          setupFiles,
          include: ['tests/electron/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

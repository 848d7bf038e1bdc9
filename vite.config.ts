import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// One Vite config for the three bundles. `vite build` builds the renderer,
// `vite build --mode main` the Electron main process (ESM), `--mode preload`
// the sandboxed preload (one CommonJS file: sandboxed preloads cannot load ESM).
const root = import.meta.dirname;
const nodeExternals = ['electron', 'electron-store', /^node:/, ...builtinModules];

function mainConfig(): UserConfig {
  return {
    build: {
      outDir: 'dist-electron',
      emptyOutDir: false,
      target: 'node20',
      ssr: true,
      sourcemap: true,
      rollupOptions: {
        // The Electron main process, and the browser host as a plain Node program.
        input: { main: resolve(root, 'electron/main.ts'), host: resolve(root, 'electron/core/host/cli.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
        external: nodeExternals,
      },
    },
    ssr: { noExternal: true, external: ['electron', 'electron-store', 'aedes', 'mqtt', 'ws'] },
  };
}

function preloadConfig(): UserConfig {
  return {
    build: {
      outDir: 'dist-electron',
      emptyOutDir: false,
      target: 'node20',
      ssr: true,
      rollupOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
        external: ['electron'],
      },
    },
    ssr: { noExternal: true, external: ['electron'] },
  };
}

function rendererConfig(): UserConfig {
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [vue()],
    publicDir: false,
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      target: 'chrome120',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2000,
    },
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __INTLIFY_JIT_COMPILATION__: 'true',
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
    },
    server: { host: '127.0.0.1' },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return mainConfig();
  if (mode === 'preload') return preloadConfig();
  return rendererConfig();
});

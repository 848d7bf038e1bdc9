import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// One Vite config for the four bundles. `vite build` builds the renderer,
// `vite build --mode main` the Electron main process and the browser host (ESM), `--mode preload`
// the sandboxed preload (one CommonJS file: sandboxed preloads cannot load ESM), `--mode
// forwarder` the forwarder as one self-contained file that runs on a sensor host with only Node.
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
        input: {
          main: resolve(root, 'electron/main.ts'),
          host: resolve(root, 'electron/core/host/cli.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
        external: nodeExternals,
      },
    },
    ssr: { noExternal: true, external: ['electron', 'electron-store', 'aedes', 'mqtt', 'ws'] },
  };
}

/** The forwarder with its libraries (mqtt.js, pino) inlined: copied to a Wazuh manager or a syslog host, it needs Node and nothing else. */
function forwarderConfig(): UserConfig {
  return {
    build: {
      outDir: 'dist-forwarder',
      emptyOutDir: true,
      target: 'node20',
      ssr: true,
      sourcemap: true,
      rollupOptions: {
        input: { 'soc-wall-forwarder': resolve(root, 'electron/core/forwarder/forwarder-cli.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', codeSplitting: false },
        external: [/^node:/, ...builtinModules],
      },
    },
    ssr: { noExternal: true },
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
  if (mode === 'forwarder') return forwarderConfig();
  return rendererConfig();
});

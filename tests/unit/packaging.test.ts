// The packaging configuration is tested, never run here: electron-builder downloads
// Electron and its toolsets at packaging time, which our build machines cannot do.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar?: boolean;
  afterPack?: string;
  linux: { target: string[]; category: string; executableArgs: string[] };
  win: { target: { target: string }[] };
}

const config = JSON.parse(readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8')) as BuilderConfig;
const fuses = require(path.join(root, 'build/fuses.cjs')) as { FUSES: Record<string, boolean>; default: unknown };

describe('build/electron-builder.json', () => {
  it('is valid for the installed electron-builder (schema of app-builder-lib)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the product', () => {
    expect(config.appId).toBe('vn.kiengiang.socwall');
    expect(config.productName).toBe('SOC Wall');
  });

  it('packs the built app, its resources and package.json into the asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'dist-electron/**', 'resources/**', 'package.json']));
    expect(config.asar).not.toBe(false);
  });

  it('targets AppImage and deb (Network, X11) and an NSIS installer', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Network');
    expect(config.linux.executableArgs).toContain('--ozone-platform=x11');
    expect(config.win.target.map((t) => t.target)).toContain('nsis');
  });
});

describe('Electron fuses (build/fuses.cjs, flipped after packing)', () => {
  it('is wired as the afterPack hook', () => {
    expect(config.afterPack).toBe('build/fuses.cjs');
    expect(typeof fuses.default).toBe('function');
  });

  it('states every fuse of FuseV1', () => {
    expect(fuses.FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names exactly the fuses @electron/fuses knows for this Electron', () => {
    const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number | string> };
    const known = Object.keys(FuseV1Options)
      .filter((k) => Number.isNaN(Number(k)))
      .map((k) => k.charAt(0).toLowerCase() + k.slice(1))
      .sort();
    expect(Object.keys(fuses.FUSES).sort()).toEqual(known);
  });
});

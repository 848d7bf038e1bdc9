// The packaging configuration is tested, never run here: electron-builder downloads
// Electron and its toolsets at packaging time, which our build machines cannot do.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  electronVersion?: string;
  productName: string;
  files: string[];
  asar?: boolean;
  afterPack?: string;
  linux: { target: string[]; category: string; executableArgs: string[] };
  win: { target: { target: string }[] };
}

const config = JSON.parse(readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
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
    // Electron 43+ names its windows' WM_CLASS / app id after app.name ("soc-wall"): the
    // .desktop file must carry the same name, or the dock and window rules do not match them.
    expect((manifest as { desktopName?: string }).desktopName).toBe('soc-wall.desktop');
    expect((config.linux as { syncDesktopName?: boolean }).syncDesktopName).toBe(true);
    expect(config.win.target.map((t) => t.target)).toContain('nsis');
  });
});

// Electron is optional so that `npm ci` succeeds where its binary cannot be downloaded (npm
// drops an optional package whose postinstall fails); packaging and the typecheck must then
// not depend on the package being there.
describe('Electron as an optional dependency', () => {
  const pinned = manifest.optionalDependencies?.electron;

  it('is an exact optional dependency, and nowhere else in package.json', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(manifest.dependencies?.electron).toBeUndefined();
    expect(manifest.devDependencies?.electron).toBeUndefined();
  });

  it('is pinned for electron-builder, which would otherwise read the version from the installed package', () => {
    expect(config.electronVersion).toBe(pinned);
  });

  it('is kept out of the packaged app (optional dependencies count as production ones)', () => {
    expect(config.files).toContain('!node_modules/electron/**');
  });

  it('has its API types in the repository, the same version as the pinned package', () => {
    const copy = readFileSync(path.join(root, 'types/electron/electron.d.ts'), 'utf8');
    expect(copy.split('\n', 1)[0]).toBe(`// Type definitions for Electron ${pinned}`);
    const tsconfig = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
    expect(tsconfig).toContain('"electron": ["./types/electron/electron.d.ts"]');
  });

  const installed = path.join(root, 'node_modules/electron/electron.d.ts');
  it.skipIf(!existsSync(installed))('has a types copy identical to the installed package (where npm kept it)', () => {
    expect(readFileSync(path.join(root, 'types/electron/electron.d.ts'), 'utf8')).toBe(readFileSync(installed, 'utf8'));
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
      wasmTrapHandlers: true,
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

  // The hook run on stand-in executables: a fuse wire as Electron lays it out in its binary
  // (sentinel, version 1, length, one byte per fuse) between filler bytes. What it writes is
  // read back by @electron/fuses itself.
  describe('flipping a stand-in executable', () => {
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    const standIn = (dir: string, fuseCount: number) => {
      const file = path.join(dir, 'soc-wall');
      // Electron's shipped defaults: RunAsNode, cookie encryption off, NODE_OPTIONS, inspect on, ...
      const wire = Buffer.from('1011001111'.slice(0, fuseCount));
      writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, fuseCount]), wire, Buffer.alloc(4096, 0x7f)]));
      return file;
    };
    const context = (dir: string) => ({ appOutDir: dir, electronPlatformName: 'linux', packager: { executableName: 'soc-wall', appInfo: { productFilename: 'SOC Wall' } } });
    const hook = fuses.default as (context: unknown) => Promise<void>;

    it('writes every fuse as stated, on a nine-fuse wire (Electron 45)', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'socwall-fuses-'));
      try {
        const file = standIn(dir, 9);
        await hook(context(dir));
        const { getCurrentFuseWire, FuseV1Options } = (await import('@electron/fuses')) as unknown as {
          getCurrentFuseWire(p: string): Promise<Record<string, number>>;
          FuseV1Options: Record<string, string | number>;
        };
        const wire = await getCurrentFuseWire(file);
        const written = Object.fromEntries(
          Object.keys(fuses.FUSES).map((name) => {
            const index = FuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)] as number;
            return [name, wire[index] === 0x31];
          }),
        );
        expect(written).toEqual(fuses.FUSES);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a wire of another length (an Electron the hook was not decided for)', async () => {
      for (const count of [8, 10]) {
        const dir = mkdtempSync(path.join(tmpdir(), 'socwall-fuses-'));
        try {
          const file = standIn(dir, count);
          const before = readFileSync(file);
          await expect(hook(context(dir)), `${count} fuses`).rejects.toThrow(count === 8 ? /not long enough/u : /strictlyRequireAllFuses/u);
          expect(readFileSync(file).equals(before), 'the binary is left as it was').toBe(true);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  });
});

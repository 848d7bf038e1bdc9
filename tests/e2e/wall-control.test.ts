// A shift lead drives a multi-screen wall by keyboard; an administrator edits its files.
// Browser host in real Chromium: pages act as the screens of the 2×2 profile.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { hashPin } from '../../electron/core/wall/pin.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { artefactDir, launchChromium, openScreen } from '../helpers/chromium.js';
import { waitForSteady } from '../helpers/wait.js';
import { copyWallConfig } from '../helpers/wall-config-dir.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const SCREENS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

describe('multi-screen wall driven by keyboard (browser host, Chromium)', () => {
  let dir: string;
  let core: WallCoreHandle;
  let host: BrowserHost;
  let browser: Browser;
  const pages = new Map<string, Page>();
  const problems: string[] = [];

  beforeAll(async () => {
    dir = copyWallConfig('socwall-e2e-config-');
    core = await startWallCore({ brokerUrls: [], demo: true, demoSpeed: 20, configDir: dir, profile: 'wall-2x2', pinHash: hashPin('2468'), log: () => undefined });
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    browser = await launchChromium();
    for (const screen of SCREENS) pages.set(screen, await openScreen(browser, host.url, screen, problems));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = (s: (typeof SCREENS)[number]) => pages.get(s)!;
  const shown = (s: (typeof SCREENS)[number]) =>
    page(s).locator('[data-testid="screen"]').first().evaluate((el) => `${el.getAttribute('data-preset')}:${el.getAttribute('data-layout')}`);
  const allShown = async () => Promise.all(SCREENS.map((s) => shown(s)));
  /** Starts recording the text of every toast the page shows from now on. */
  const recordToasts = (p: Page) =>
    p.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { toastsSeen: string[] }).toastsSeen = seen;
      const note = () => {
        for (const el of document.querySelectorAll('[data-testid="toast"]')) {
          const text = el.textContent ?? '';
          if (text && !seen.includes(text)) seen.push(text);
        }
      };
      new MutationObserver(note).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  const toastsSeen = (p: Page) => p.evaluate(() => (window as unknown as { toastsSeen: string[] }).toastsSeen);
  /** Every screen's map canvases and label places (labels move when a font face comes in or a map is resized). */
  const mapsAsPlaced = () =>
    Promise.all(
      SCREENS.map((s) =>
        page(s).evaluate(() => ({
          canvases: document.querySelectorAll('[data-testid="map"] canvas').length,
          labels: [...document.querySelectorAll('[data-testid="map"] .site-label')].map((e) => {
            const r = e.getBoundingClientRect();
            return `${Math.round(r.left)},${Math.round(r.top)}${e.classList.contains('label-dropped') ? '-' : ''}`;
          }),
        })),
      ),
    );
  /** Resolves after two animation frames on every screen: past any frame scheduled before the call. */
  const framesDrawn = () => Promise.all(SCREENS.map((s) => page(s).evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))));

  it('Ctrl+3 on one screen switches every screen, with a confirmation in Vietnamese', async () => {
    // The toast lives 2.5 s, and four pages re-mounting their layouts on two cores can keep a
    // page busy that long: each page records every toast it shows, so the check does not race it.
    await Promise.all(SCREENS.map((s) => recordToasts(page(s))));
    await page('top-left').keyboard.press('Control+3');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['3:incident-response', '3:overview', '3:islands', '3:trends']);
    await Promise.all(
      SCREENS.map((s) => expect.poll(() => toastsSeen(page(s)), { timeout: 5_000 }).toContainEqual(expect.stringContaining('Ứng cứu sự cố'))),
    );
    expect(core.getState().rotation.hold).toBe('hand-preset');
  });

  it('Ctrl+PageDown / Ctrl+PageUp on another screen cycle the presets', async () => {
    await page('bottom-right').keyboard.press('Control+PageDown');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['4:outage', '4:overview', '4:posture', '4:incident-response']);
    await page('top-left').keyboard.press('Control+PageDown');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['5:kpi', '5:incident-response', '5:posture', '5:trends']);
    await page('top-left').keyboard.press('Control+PageDown');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['6:alarms', '6:incident-response', '6:overview', '6:trends']);
    await page('top-left').keyboard.press('Control+PageDown');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['7:threats-wall', '7:threats-wall', '7:threats-wall', '7:threats-wall']);
    await page('top-left').keyboard.press('Control+PageDown');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['1:overview', '1:incident-response', '1:trends', '1:posture']);
    await page('top-left').keyboard.press('Control+PageUp');
    await page('bottom-left').keyboard.press('Control+PageUp');
    await expect.poll(() => shown('top-right'), { timeout: 5_000 }).toBe('6:incident-response');
  });

  it('renders a layout spanning the 2×2 block as four aligned parts', async () => {
    await page('top-right').keyboard.press('Control+2');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['2:map-wall', '2:map-wall', '2:map-wall', '2:map-wall']);
    const parts = await Promise.all(SCREENS.map((s) => page(s).locator('[data-testid="layout"]').first().getAttribute('data-part')));
    expect(parts).toEqual(['0,0', '1,0', '0,1', '1,1']);
    // For the pictures: the fonts in, every map drawn and its labels placed for good.
    await Promise.all(SCREENS.map((s) => page(s).evaluate(async () => void (await document.fonts.ready))));
    await waitForSteady(mapsAsPlaced, 'the four quarters of the map', { ready: (maps) => maps.every((m) => m.canvases > 0) });
    const shots = await Promise.all(SCREENS.map(async (s) => (await page(s).screenshot({ path: `${artefactDir()}wall-2x2-${s}.png` })).toString('base64')));
    // One picture of the four screens side by side, as the wall shows them.
    const composite = await browser.newPage({ viewport: { width: 1928, height: 1088 } });
    await composite.setContent(
      `<body style="margin:0;background:#000;display:grid;grid-template-columns:960px 960px;gap:8px">${shots.map((b) => `<img src="data:image/png;base64,${b}">`).join('')}</body>`,
    );
    await composite.screenshot({ path: `${artefactDir()}wall-2x2.png` });
    await composite.close();
  });

  it('? shows the help overlay on every screen, listing every key', async () => {
    await page('bottom-left').keyboard.press('?');
    const expected = core.getConfig().keys;
    for (const s of SCREENS) {
      await expect.poll(() => page(s).locator('[data-testid="help-key"]').count(), { timeout: 5_000 }).toBe(expected.length);
    }
    const combos = await page('top-left').locator('[data-testid="help-key"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-combo')));
    expect(combos.sort()).toEqual(expected.map((k) => k.combo).sort());
    for (const c of ['Ctrl+1', 'Ctrl+9', 'Ctrl+PageDown', 'Ctrl+PageUp', 'Space', 'F', 'Escape', '?', 'L', 'Ctrl+Shift+K', 'F9', 'F10', 'A', 'Shift+A', 'ArrowDown', 'ArrowUp', 'S', 'M']) expect(combos).toContain(c);
    // Every key is on screen, whole: none is cut off at the overlay's bottom edge.
    const cut = await page('top-left').locator('[data-testid="help"]').evaluate((help) => {
      const box = help.getBoundingClientRect();
      return [...help.querySelectorAll('[data-testid="help-key"]')]
        .filter((k) => {
          const r = k.getBoundingClientRect();
          return r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5 || r.height === 0;
        })
        .map((k) => k.getAttribute('data-combo'));
    });
    expect(cut).toEqual([]);
    await page('top-left').screenshot({ path: `${artefactDir()}help-overlay.png` });
    await page('top-right').keyboard.press('Escape');
    await expect.poll(() => page('top-left').locator('[data-testid="help"]').count(), { timeout: 5_000 }).toBe(0);
  });

  it('F focuses a panel on the screen where it was pressed; Esc goes back', async () => {
    await page('top-left').keyboard.press('Control+1');
    await expect.poll(() => shown('top-left'), { timeout: 5_000 }).toBe('1:overview');
    await page('top-left').keyboard.press('f');
    await expect.poll(() => core.getState().focus, { timeout: 5_000 }).toEqual({ screen: 'top-left', panel: 1 });
    await expect.poll(() => page('top-left').locator('[data-testid="focus"]').count(), { timeout: 5_000 }).toBe(1);
    expect(await page('top-right').locator('[data-testid="focus"]').count()).toBe(0);
    await page('top-left').keyboard.press('Escape');
    await expect.poll(() => page('top-left').locator('[data-testid="focus"]').count(), { timeout: 5_000 }).toBe(0);
  });

  it('an invalid layout file keeps the old layout on screen and shows the error; a valid edit applies live', async () => {
    const file = join(dir, 'layouts', 'posture.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('columns: 2', 'columns: zwei'));
    for (const s of SCREENS) {
      await expect.poll(() => page(s).locator('[data-testid="config-error"]').first().textContent({ timeout: 1_000 }), { timeout: 5_000 }).toMatch(/posture\.yaml:6/u);
    }
    // The last valid posture layout is still what bottom-right shows.
    expect(await shown('bottom-right')).toBe('1:posture');
    expect(await page('bottom-right').locator('[data-testid="endpoints"]').count()).toBe(1);
    await page('bottom-right').screenshot({ path: `${artefactDir()}config-error.png` });

    const t0 = Date.now();
    writeFileSync(file, original.replace('{ panel: endpoints, col: 1, row: 2 }', '{ panel: endpoints, col: 1, row: 2, options: { title: { vi: Máy trạm toàn tỉnh, en: Province workstations } } }'));
    await expect.poll(() => page('bottom-right').locator('[data-testid="endpoints"]').textContent({ timeout: 1_000 }), { timeout: 5_000 }).toContain('Máy trạm toàn tỉnh');
    console.log(`layout edit visible on the wall after ${Date.now() - t0} ms`);
    await expect.poll(() => page('bottom-right').locator('[data-testid="config-error"]').count(), { timeout: 5_000 }).toBe(0);
  });

  it('L switches every screen to English; kiosk lock asks for the PIN', async () => {
    await page('top-right').keyboard.press('l');
    for (const s of SCREENS) await expect.poll(() => page(s).evaluate(() => document.documentElement.lang), { timeout: 5_000 }).toBe('en');
    await page('top-left').keyboard.press('Control+Shift+K');
    await expect.poll(() => core.getState().locked, { timeout: 5_000 }).toBe(true);
    await page('top-left').keyboard.press('Control+Shift+K');
    const input = page('top-left').locator('[data-testid="pin-input"]');
    await input.waitFor({ timeout: 5_000 });
    await input.fill('1111');
    await input.press('Enter');
    await expect.poll(() => core.getState().toast?.message.kind, { timeout: 5_000 }).toBe('unlock-failed');
    expect(core.getState().locked).toBe(true);
    await page('top-left').keyboard.press('Control+Shift+K');
    await input.waitFor({ timeout: 5_000 });
    await input.fill('2468');
    await input.press('Enter');
    await expect.poll(() => core.getState().locked, { timeout: 5_000 }).toBe(false);
    await page('top-right').keyboard.press('l');
  });

  it('a shift lead tapping through presets leaves every screen whole (maps built and removed within a frame)', async () => {
    // Each switch removes the maps of one preset and builds the next; a map removed before
    // its first redraw frame once left that frame drawing on a deleted canvas.
    const before = problems.length;
    for (let i = 0; i < 40; i++) {
      await page(SCREENS[i % SCREENS.length]!).keyboard.press('Control+PageDown');
      // Pacing, not a guard: a person's taps, 60-120 ms apart, so switches land within a frame of each other.
      await new Promise((r) => setTimeout(r, 60 + (i % 4) * 20));
    }
    await page('top-left').keyboard.press('Control+1');
    await expect.poll(allShown, { timeout: 5_000 }).toEqual(['1:overview', '1:incident-response', '1:trends', '1:posture']);
    // The fault is a redraw frame (requestAnimationFrame) a removed map leaves behind: two frames
    // later on every screen it has run, and its page error has reached us (events before replies).
    await framesDrawn();
    expect(problems.slice(before)).toEqual([]);
    // Every map on the wall has its canvas again.
    const maps = await Promise.all(SCREENS.map((s) => page(s).locator('[data-testid="map"]').count()));
    const drawn = await Promise.all(SCREENS.map((s) => page(s).locator('[data-testid="map"]:has(canvas)').count()));
    expect(maps.reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(drawn).toEqual(maps);
  });

  it("a map whose panel head grows (a stale mark, a wrapped legend) places its labels again, clear of the attribution", async () => {
    await page('top-left').keyboard.press('Control+1');
    const map = page('top-right');
    await map.locator('[data-testid="map-panel"] .leaflet-control-attribution').waitFor();
    await framesDrawn();
    const overlapping = () =>
      map.evaluate(() => {
        const legal = document.querySelector('[data-testid="map-panel"] .leaflet-control-attribution')!.getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="map-panel"] .site-label:not(.label-dropped)')]
          .map((e) => ({ text: e.textContent ?? '', r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && r.left < legal.right && r.right > legal.left && r.top < legal.bottom && r.bottom > legal.top)
          .map(({ text }) => text);
      });
    expect(await overlapping()).toEqual([]);
    // The panel keeps its size; only its map shrinks.
    await map.evaluate(() => ((document.querySelector('[data-testid="map-panel"] .head') as HTMLElement).style.paddingBottom = '150px'));
    await expect.poll(overlapping, { timeout: 3_000 }).toEqual([]);
    await map.evaluate(() => ((document.querySelector('[data-testid="map-panel"] .head') as HTMLElement).style.paddingBottom = ''));
  });

  it('had no page errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

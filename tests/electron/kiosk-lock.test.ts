// Kiosk mode and the kiosk lock in a real Electron: windows in kiosk mode, Ctrl+Shift+K
// locks, a locked wall refuses app.quit() and window close, the PIN unlocks it.
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../electron/core/wall/pin.js';
import { closeWall, launchWall, pressKey, removeUserData, reportSkip, runtime, tempUserData, type WallWindow } from './harness.js';

reportSkip('kiosk-lock.test.ts');

const PIN = '2468';

describe.skipIf(!runtime)('SOC Wall kiosk lock in Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let screen: string;

  const locked = () => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.locked));
  const windowCount = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()).length);
  // The verdict main's own listener (registered after the shell's, so it sees the shell's
  // preventDefault) recorded for the last before-quit / close event: null until it fired.
  type Verdicts = { socwallVerdict?: boolean | null };
  const verdict = () => app.evaluate(() => (globalThis as Verdicts).socwallVerdict ?? null);

  beforeAll(async () => {
    userData = tempUserData();
    ({ app, page } = await launchWall(userData, { SOCWALL_KIOSK: '1', SOCWALL_KIOSK_PIN_HASH: hashPin(PIN) }));
    screen = new URL(page.url()).searchParams.get('screen')!;
  });

  afterAll(async () => {
    // Unlock so the app can quit normally; closeWall kills it otherwise.
    await page
      ?.evaluate(
        ([pin, id]) => (window as unknown as WallWindow).wall.command({ type: 'unlock', pin, screen: id }),
        [PIN, screen] as const,
      )
      .catch(() => undefined);
    await closeWall(app);
    removeUserData(userData);
  });

  it('shows every wall window in kiosk mode (SOCWALL_KIOSK=1)', async () => {
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().every((w) => w.isVisible() && w.isKiosk())), { timeout: 15_000 })
      .toBe(true);
  });

  it('locks with Ctrl+Shift+K and then refuses app.quit()', async () => {
    expect(await locked()).toBe(false);
    // sendInputEvent, as the OS delivers keys: CDP key events (page.keyboard) skip before-input-event.
    await pressKey(app, 'k', ['control', 'shift']);
    await expect.poll(locked, { timeout: 5_000 }).toBe(true);
    const before = await windowCount();
    await app.evaluate(({ app: electronApp }) => {
      const g = globalThis as Verdicts;
      g.socwallVerdict = null;
      electronApp.once('before-quit', (e) => (g.socwallVerdict = e.defaultPrevented));
      electronApp.quit();
    });
    // A prevented before-quit ends app.quit() there (no window is closed): once it fired, the
    // rest can be checked at once, no sleep needed.
    await expect.poll(verdict, { timeout: 5_000 }).not.toBeNull();
    expect(await verdict()).toBe(true);
    expect(app.process().exitCode).toBeNull();
    expect(await windowCount()).toBe(before);
    expect(await locked()).toBe(true); // the page still answers
  });

  it('refuses to close a window while locked (Alt+F4 through the window manager)', async () => {
    const before = await windowCount();
    await app.evaluate(({ BrowserWindow }) => {
      const g = globalThis as Verdicts;
      g.socwallVerdict = null;
      const win = BrowserWindow.getAllWindows()[0]!;
      win.once('close', (e) => (g.socwallVerdict = e.defaultPrevented));
      win.close();
    });
    // The close event fired and the kiosk guard prevented it: the window is never destroyed.
    await expect.poll(verdict, { timeout: 5_000 }).not.toBeNull();
    expect(await verdict()).toBe(true);
    expect(await windowCount()).toBe(before);
  });

  it('swallows keys that would leave the wall while locked (Ctrl+R, F5 never reach the page)', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { marker: number; keysSeen: string[] };
      w.marker = 42;
      w.keysSeen = [];
      window.addEventListener('keydown', (e) => w.keysSeen.push(e.key), true);
    });
    await pressKey(app, 'r', ['control']);
    await pressKey(app, 'F5');
    // A key that does not leave the wall still reaches the page: the listener works.
    await pressKey(app, 'x');
    await expect.poll(() => page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen.map((k) => k.toLowerCase())), { timeout: 5_000 }).toContain('x');
    const seen = await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen);
    expect(seen.map((k) => k.toLowerCase())).not.toContain('r');
    expect(seen).not.toContain('F5');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('refuses a wrong PIN and unlocks with the right one', async () => {
    const send = (command: Parameters<WallWindow['wall']['command']>[0]) => page.evaluate((c) => (window as unknown as WallWindow).wall.command(c), command);
    await send({ type: 'action', action: 'toggle-lock', screen }); // asks for the PIN
    await expect.poll(() => page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.unlockPrompt))).toBe(screen);
    const toastBefore = await page.evaluate(() => (window as unknown as WallWindow).wall.getState().then((s) => s.toast?.id ?? 0));
    await send({ type: 'unlock', pin: '0000', screen });
    // The PIN check is asynchronous: its "unlock failed" toast proves the wrong PIN was judged.
    const newToast = () =>
      page.evaluate((after) => (window as unknown as WallWindow).wall.getState().then((s) => (s.toast && s.toast.id > after ? s.toast.message.kind : null)), toastBefore);
    await expect.poll(newToast, { timeout: 5_000 }).toBe('unlock-failed');
    expect(await locked()).toBe(true);
    await send({ type: 'unlock', pin: PIN, screen });
    await expect.poll(locked, { timeout: 5_000 }).toBe(false);
  });
});

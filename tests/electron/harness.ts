// Launching the built wall in a real Electron (Playwright's _electron), shared by the
// Electron end-to-end tests. Runs wherever an Electron runtime is installed
// (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron with its binary); elsewhere the
// tests print one skip line. Needs the build (`npm test` builds first).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import type { WallApi } from '../../electron/contract/api.js';
import { electronRuntime } from '../../scripts/electron-runtime.mjs';

export const root = path.resolve(import.meta.dirname, '..', '..');

export function findRuntime(): string | null {
  return electronRuntime(root);
}

export const runtime = findRuntime();

/** Prints the reason once per file when there is no runtime. */
export function reportSkip(file: string): void {
  if (!runtime) console.log(`SKIP electron e2e (${file}): no Electron runtime (set ELECTRON_OVERRIDE_DIST_PATH to an Electron dist folder)`);
}

export type WallWindow = Window & { wall: WallApi };

/** A wall page URL: app://wall/index.html?screen=<id>[&merge=<id>,<id>]. */
export const WALL_URL = /^app:\/\/wall\/index\.html\?screen=[a-z0-9._-]+(&merge=[a-z0-9._,-]+)?$/u;

export function tempUserData(): string {
  return mkdtempSync(path.join(tmpdir(), 'socwall-e2e-'));
}

export function removeUserData(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export async function launchWall(userData: string, extraEnv: Record<string, string> = {}): Promise<{ app: ElectronApplication; page: Page }> {
  for (const built of ['dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  const args = ['.', `--user-data-dir=${userData}`];
  if (process.platform === 'linux') args.push('--ozone-platform=x11');
  // Chromium refuses to run as root with its sandbox; the renderer sandbox flag still applies.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE' && !k.startsWith('SOCWALL_')) env[k] = v;
  const app = await electron.launch({
    executablePath: runtime!,
    args,
    cwd: root,
    env: { ...env, SOCWALL_DEMO: '1', SOCWALL_PROFILE: 'single', SOCWALL_KIOSK: '0', ...extraEnv },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForURL(WALL_URL);
  return { app, page };
}

/** Closes the app; kills it when it does not quit in time (a test left the wall locked). */
export async function closeWall(app: ElectronApplication | undefined): Promise<void> {
  if (!app) return;
  const closed = app.close().then(() => true, () => true);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000));
  if (await Promise.race([closed, timeout])) return;
  const proc = app.process();
  // Wait for the exit: a relaunch on the same user data needs the single-instance lock free.
  const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await exited;
}

/** Runs `expression` (an async expression over `window.wall`) in the first wall window, from main. */
export async function inFirstWallWindow<T>(app: ElectronApplication, expression: string): Promise<T | null> {
  return app.evaluate(async ({ BrowserWindow }, source) => {
    const win = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.getURL().startsWith('app://wall/index.html'));
    if (!win || win.webContents.isCrashed() || win.webContents.isLoading()) return null;
    const answer = win.webContents.executeJavaScript(source) as Promise<unknown>;
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000));
    return (await Promise.race([answer.catch(() => null), late])) as never;
  }, expression) as Promise<T | null>;
}

/** Sends a key press (keyDown + keyUp) to the first wall window, as the OS would. */
export async function pressKey(app: ElectronApplication, keyCode: string, modifiers: ('control' | 'shift' | 'alt' | 'meta')[] = []): Promise<void> {
  await app.evaluate(
    ({ BrowserWindow }, { keyCode, modifiers }) => {
      const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://wall/index.html'));
      if (!win) throw new Error('no wall window');
      win.webContents.focus();
      win.webContents.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
      win.webContents.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
    },
    { keyCode, modifiers },
  );
}

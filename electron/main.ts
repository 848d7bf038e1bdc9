// Composition root of the Electron host: builds the core and the shell and wires them.
// No decisions here: they live in electron/shell (pure modules) and electron/core.
import path from 'node:path';
import { app } from 'electron';
import { WALL_CHANNELS } from './contract/api.js';
import { startWallCore } from './core/wall-core.js';
import type { WallCoreHandle } from './core/wall-core-api.js';
import { registerAppScheme, serveApp } from './shell/app-protocol.js';
import { createWatchdog } from './shell/crash-recovery.js';
import { registerIpc } from './shell/ipc.js';
import { bindWallKeys } from './shell/keys.js';
import { guardWebContents, lockDownSession, type Log } from './shell/security.js';
import { effectiveSettings } from './shell/settings-model.js';
import { readSettings } from './shell/settings.js';
import { openWallWindows, type WallWindows } from './shell/windows.js';

const here = import.meta.dirname; // dist-electron/ (inside app.asar when packaged)
const log: Log = (level, message) => console[level](`[soc-wall] ${message}`);

app.enableSandbox();
registerAppScheme();
guardWebContents(log);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: WallCoreHandle | undefined;
  let quitting = false;
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (core === undefined) return;
    const stopping = core;
    core = undefined;
    event.preventDefault();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
    void Promise.race([stopping.stop(), timeout])
      .catch((err: unknown) => log('error', `core stop failed: ${String(err)}`))
      .finally(() => app.quit());
  });
  app.on('before-quit', () => {
    quitting = true;
  });

  await app.whenReady();
  lockDownSession(log);
  serveApp({ rendererDir: path.join(here, '..', 'dist', 'renderer'), resourcesDir: path.join(here, '..', 'resources') });

  const settings = effectiveSettings(readSettings(log), process.env);
  settings.notes.forEach((note) => log('info', note));
  let started: WallCoreHandle;
  try {
    started = await startWallCore({
      brokerUrls: settings.brokerUrls,
      demo: settings.demo,
      language: settings.language,
      clientId: settings.clientId,
      log,
    });
  } catch (err) {
    log('error', `the wall core did not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    app.exit(1);
    throw err;
  }
  core = started;

  const watchdog = createWatchdog((screen) => wall.recreate(screen), () => quitting, log);
  const wall: WallWindows = openWallWindows({
    preloadPath: path.join(here, 'preload.cjs'),
    devTools: !app.isPackaged,
    log,
    onCreated(win, screen) {
      bindWallKeys(win.webContents, (command) => started.command(command));
      watchdog.watch(win, screen);
    },
  });
  app.on('second-instance', () => wall.focusFirst());
  registerIpc(started, () => wall.ids());
  started.onFrame((frame) => wall.send(WALL_CHANNELS.frame, frame));
  started.onState((state) => wall.send(WALL_CHANNELS.state, state));
}

// Composition root of the Electron host: builds the core and the shell and wires them.
// No decisions here: they live in electron/shell (pure modules) and electron/core.
import path from 'node:path';
import { app, screen } from 'electron';
import { WALL_PUSHES } from './contract/wall-api.js';
import { forwardPushes, wallPushSources } from './core/api/wall-methods.js';
import { consoleLog, logDirOf, openWallLoggerOrWarn, type WallLog, type WallLogger } from './core/log/wall-log.js';
import { startWallCore } from './core/wall-core.js';
import { startMetricsEndpoint, type MetricsEndpoint } from './core/host/metrics-endpoint.js';
import type { WallCoreHandle } from './core/wall-core-api.js';
import { registerAppScheme, serveApp, setCspSource } from './shell/app-protocol.js';
import { tileOriginOf, wallCsp } from './contract/csp.js';
import { createWatchdog } from './shell/crash-recovery.js';
import { registerIpc } from './shell/ipc.js';
import { bindWallKeys } from './shell/keys.js';
import { blockDisplaySleep, guardLockedQuit } from './shell/kiosk.js';
import { blocksDisplaySleep } from './shell/kiosk-model.js';
import { guardWebContents, lockDownSession } from './shell/security.js';
import { effectiveSettings } from './shell/settings-model.js';
import { applyMqttPasswordSet, mqttSecurity, readSettings } from './shell/settings.js';
import { createStatePersistence } from './shell/state-persistence.js';
import { loadElectronStore } from './shell/settings-store.js';
import { openWallWindows, type WallWindows } from './shell/windows.js';

const here = import.meta.dirname; // dist-electron/ (inside app.asar when packaged)
// The console until ready, then also the rotating JSON-lines file in userData/logs.
let logTo: WallLog = consoleLog;
let logger: WallLogger | null = null;
const log: WallLog = (level, message, fields) => logTo(level, message, fields);

app.enableSandbox();
registerAppScheme();
guardWebContents(log);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: WallCoreHandle | undefined;
  let metricsEndpoint: MetricsEndpoint | undefined;
  const quitGuard = guardLockedQuit(() => core?.getState().locked ?? false, log);
  app.on('window-all-closed', () => app.quit());
  // The first will-quit is held while the core stops (journal closed, broker session ended);
  // one that comes meanwhile (a second quit) is held too; the app ends once the core has.
  let coreStopping: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    if (core === undefined && coreStopping === null) return;
    event.preventDefault();
    if (coreStopping !== null) return;
    const stopping = core!;
    core = undefined;
    void metricsEndpoint?.close();
    metricsEndpoint = undefined;
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
    coreStopping = Promise.race([stopping.stop(), timeout])
      .catch((err: unknown) => log('error', `core stop failed: ${String(err)}`))
      .then(() => logger?.close())
      .finally(() => {
        coreStopping = null;
        app.quit();
      });
  });

  const startWall = async (): Promise<void> => {
    // After ready, not while the entry evaluates: Electron installs its own SIGTERM/SIGINT
    // handler as it starts its browser process (electron_browser_main_parts.cc), which would
    // replace ours and quit through before-quit, which a locked wall refuses. Registered now,
    // ours is the one that runs: a service manager can always stop the wall cleanly
    // (will-quit: the core stops, the journal closes).
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => quitGuard.quitBySignal(signal));
    // Not imported at the top: it hooks the signals as it loads (settings-store.ts).
    await loadElectronStore();
    logger = await openWallLoggerOrWarn(logDirOf(app.getPath('userData')));
    if (logger) logTo = logger.log;
    // The tile server of the current profile (if any) is the only remote origin a page may load images from.
    const tileOrigin = () => tileOriginOf(core?.getConfig().profile.map?.tiles?.url);
    lockDownSession(log, undefined, tileOrigin);
    setCspSource(() => wallCsp({ tileOrigin: tileOrigin() }));
    serveApp({ rendererDir: path.join(here, '..', 'dist', 'renderer'), resourcesDir: path.join(here, '..', 'resources') });

    const stored = applyMqttPasswordSet(readSettings(log), process.env, log); // after ready: safeStorage needs it
    const settings = effectiveSettings(stored, process.env, { packaged: app.isPackaged, displayCount: screen.getAllDisplays().length });
    settings.notes.forEach((note) => log('info', note));
    // TLS files and credentials are for the configured broker, not the embedded demo one (empty list).
    const mqttOptions = settings.brokerUrls.length > 0 ? mqttSecurity(stored, process.env, log) : undefined;
    log('info', `kiosk mode ${settings.kiosk ? 'on' : 'off'}; kiosk lock ${settings.pinHash === null ? 'unavailable (no PIN set)' : 'available'}`);
    if (blocksDisplaySleep(settings.kiosk, app.isPackaged)) blockDisplaySleep(log);
    let started: WallCoreHandle;
    try {
      started = await startWallCore({
        brokerUrls: settings.brokerUrls,
        demo: settings.demo,
        language: settings.language,
        clientId: settings.clientId,
        mqtt: mqttOptions,
        configDir: settings.configDir,
        profile: settings.profile,
        persistence: createStatePersistence(log),
        pinHash: settings.pinHash,
        // Durable state: the last figures on screen at start, exact counts across a crash.
        journalDir: path.join(app.getPath('userData'), 'journal'),
        auditDir: path.join(app.getPath('userData'), 'audit'),
        reportsDir: path.join(app.getPath('userData'), 'reports'),
        geoDir: path.join(app.getPath('userData'), 'geo'),
        log,
      });
    } catch (err) {
      log('error', `the wall core did not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
      return;
    }
    core = started;
    if (settings.metricsPort !== null) {
      // Prometheus on loopback only; a taken port is logged and the wall runs without it.
      startMetricsEndpoint({ metrics: () => started.metrics(), countRejected: (reason) => started.countRejectedCall(reason), port: settings.metricsPort })
        .then((endpoint) => {
          metricsEndpoint = endpoint;
          log('info', `metrics served at ${endpoint.url}`);
        })
        .catch((err: unknown) => log('error', `metrics port ${settings.metricsPort} not served: ${err instanceof Error ? err.message : String(err)}`));
    }

    const watchdog = createWatchdog({
      reload: (slot) => wall.reload(slot),
      recreate: (slot) => wall.recreate(slot),
      isQuitting: () => quitGuard.isQuitting(),
      log,
    });
    const wall: WallWindows = openWallWindows({
      preloadPath: path.join(here, 'preload.cjs'),
      devTools: !app.isPackaged,
      kiosk: settings.kiosk,
      screens: () => started.getConfig().profile.screens,
      log,
      onCreated(win, slot, screenOf) {
        bindWallKeys(win.webContents, started, screenOf);
        quitGuard.guardWindow(win);
        watchdog.watch(win, slot, () => `screen ${screenOf()}`);
      },
    });
    app.on('second-instance', () => wall.focusFirst());
    registerIpc(started, () => wall.ids());
    // A changed profile may change the screens: the windows follow before the config is pushed.
    started.onConfig(() => wall.profileChanged());
    forwardPushes(wallPushSources(started), (push, payload) => wall.send(WALL_PUSHES[push].channel, payload));
  };
  // Not a top-level await: Electron emits 'ready' only once an ESM entry has finished evaluating.
  app
    .whenReady()
    .then(startWall)
    .catch(async (err: unknown) => {
      log('error', `the wall did not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      // app.exit skips will-quit: stop a core that did start (journal, broker session) first.
      const started = core;
      core = undefined;
      if (started) await Promise.race([started.stop().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      app.exit(1);
    });
}

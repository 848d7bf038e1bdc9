// webPreferences of every wall window (Electron security checklist, items 2-12).
// Pure: no electron import at run time, unit-tested in Node.
import type { WebPreferences } from 'electron';

export interface WebPreferencesOptions {
  /** DevTools are available in an unpackaged build only (`!app.isPackaged`). */
  devTools?: boolean;
}

export function buildWebPreferences(preloadPath: string, options: WebPreferencesOptions = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Wall windows are often occluded or unfocused: never throttle their timers.
    backgroundThrottling: false,
    // The alarm tones sound on a kiosk nobody clicks: no user gesture is ever coming.
    autoplayPolicy: 'no-user-gesture-required',
    safeDialogs: true,
    devTools: options.devTools ?? false,
  };
}

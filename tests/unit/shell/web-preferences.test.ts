import { describe, expect, it } from 'vitest';
import { buildWebPreferences } from '../../../electron/shell/web-preferences.js';

describe('buildWebPreferences', () => {
  it('states every security setting of the checklist', () => {
    const prefs = buildWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
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
      backgroundThrottling: false,
      // Alarm tones on a kiosk nobody clicks.
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('never enables Blink features, and DevTools only when asked (unpackaged builds)', () => {
    expect(buildWebPreferences('/p')).not.toHaveProperty('enableBlinkFeatures');
    expect(buildWebPreferences('/p').devTools).toBe(false);
    expect(buildWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });

  it('returns a fresh object each call', () => {
    expect(buildWebPreferences('/p')).not.toBe(buildWebPreferences('/p'));
  });
});

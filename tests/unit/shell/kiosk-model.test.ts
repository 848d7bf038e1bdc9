import { describe, expect, it } from 'vitest';
import { blocksDisplaySleep, fillMode, kioskEnabled, kioskWindowOptions, refuseQuit } from '../../../electron/shell/kiosk-model.js';

describe('kiosk model', () => {
  it('decides kiosk mode: env, then setting, then packaged', () => {
    expect(kioskEnabled(null, true, {})).toEqual({ kiosk: true, note: null });
    expect(kioskEnabled(null, false, {})).toEqual({ kiosk: false, note: null });
    expect(kioskEnabled(true, false, {}).kiosk).toBe(true);
    expect(kioskEnabled(true, true, { SOCWALL_KIOSK: '0' }).kiosk).toBe(false);
    expect(kioskEnabled(false, false, { SOCWALL_KIOSK: '1' }).kiosk).toBe(true);
    expect(kioskEnabled(null, true, { SOCWALL_KIOSK: 'on' }).kiosk).toBe(true);
    expect(kioskEnabled(null, true, { SOCWALL_KIOSK: '' })).toEqual({ kiosk: true, note: null });
  });

  it('keeps windows frameless; kiosk also leaves the taskbar and uses setKiosk', () => {
    expect(kioskWindowOptions(true)).toEqual({ frame: false, roundedCorners: false, skipTaskbar: true, autoHideMenuBar: true });
    expect(kioskWindowOptions(false)).toMatchObject({ frame: false, roundedCorners: false });
    expect(fillMode(true)).toBe('kiosk');
    expect(fillMode(false)).toBe('fullscreen');
  });

  it('blocks display sleep in kiosk mode and in every packaged wall', () => {
    expect(blocksDisplaySleep(true, false)).toBe(true);
    expect(blocksDisplaySleep(false, true)).toBe(true);
    expect(blocksDisplaySleep(false, false)).toBe(false);
  });

  it('refuses to quit only while locked', () => {
    expect(refuseQuit(true)).toBe(true);
    expect(refuseQuit(false)).toBe(false);
  });
});

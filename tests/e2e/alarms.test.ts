// The shift lead's alarms in real Chromium, on a 2×2 wall fed by a real Mosquitto: a critical
// event switches two screens to the alarm preset with its site ringed on the map; the audio
// screen sounds the critical tone (observed on the page's own Web Audio calls, wrapped before
// its scripts run) and repeats it, the other screen stays silent; M mutes it on every screen
// and M again brings it back; A pressed on the other screen acknowledges on both, the tone
// stops, and the wall returns to the preset it showed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITICAL_REPEAT_MS } from '../../renderer/src/alarms/annunciation.js';
import { artefactDir, openScreen } from '../helpers/chromium.js';
import { startE2eWall, type E2eWall } from '../helpers/e2e-wall.js';
import { nativeEvent } from '../helpers/events.js';

const SCREENS = ['top-left', 'top-right'] as const;
type Screen = (typeof SCREENS)[number];
const HOLD_S = 2;

/** Records every oscillator the page starts: its frequency and when (the page's own audio, not a hook of the app). */
const AUDIO_PROBE = `(() => {
  const tones = [];
  window.__tones = tones;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...a) {
    tones.push({ freq: this.frequency.value, at: performance.now(), state: this.context.state });
    return start.apply(this, a);
  };
})();`;

describe('alarms on the wall: preset, sound, mute, acknowledge (Chromium, 2×2 wall, real Mosquitto)', () => {
  let wall: E2eWall;
  let sensors: mqtt.MqttClient;
  const pages = new Map<Screen, Page>();
  const problems: string[] = [];

  beforeAll(async () => {
    wall = await startE2eWall({
      name: 'alarms',
      profile: 'wall-2x2',
      alarmPreset: true,
      configure: (dir) => {
        const profile = join(dir, 'profiles', 'wall-2x2.yaml');
        writeFileSync(profile, readFileSync(profile, 'utf8').replace('alarm: { preset: 6, hold_s: 30, timeout_s: 600 }', `alarm: { preset: 6, hold_s: ${HOLD_S}, timeout_s: 600 }`));
      },
      // As Electron's wall windows (webPreferences.autoplayPolicy): no gesture is needed for sound.
      chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
    });
    sensors = wall.sensors;
    for (const screen of SCREENS) pages.set(screen, await openScreen(wall.browser, wall.host.url, screen, problems, AUDIO_PROBE));
  });

  afterAll(async () => {
    await wall?.stop();
  });

  const page = (s: Screen) => pages.get(s)!;
  const preset = (s: Screen) => page(s).locator('[data-testid="screen"]').first().getAttribute('data-preset');
  const tones = (s: Screen) => page(s).evaluate(() => (window as unknown as { __tones: { freq: number; at: number; state: string }[] }).__tones.map((t) => ({ ...t })));
  /** Critical patterns started (each is four beeps alternating 880 and 660 Hz; its first beep is 880). */
  const criticalCount = async (s: Screen) => (await tones(s)).filter((t, i, all) => t.freq === 880 && all[i + 1]?.freq === 660).length / 2;
  const pageNow = (s: Screen) => page(s).evaluate(() => performance.now());

  it('a critical alarm switches both screens, sounds on the audio screen only, mutes, and A on the other screen acknowledges it everywhere', async () => {
    for (const s of SCREENS) await expect.poll(() => preset(s), { timeout: 10_000 }).toBe('1');
    for (const s of SCREENS) await expect.poll(() => page(s).locator('[data-testid="stage"]').getAttribute('data-sounds')).toBe(s === 'top-left' ? 'true' : 'false');

    await sensors.publishAsync('soc/v1/ubnd-tinh/ids-01/event', nativeEvent('targeted', 'critical', { signature: 'APT implant beacon' }), { qos: 1 });
    // Both screens take the alarm preset; the site is ringed on the maps the preset shows.
    for (const s of SCREENS) await expect.poll(() => preset(s), { timeout: 10_000 }).toBe('6');
    await expect.poll(() => page('top-left').locator('[data-testid="map-panel"]').first().getAttribute('data-highlight')).toBe('ubnd-tinh');
    await expect.poll(() => page('top-right').locator('[data-testid="map-panel"]').first().getAttribute('data-highlight')).toBe('ubnd-tinh');
    const detail = page('top-left').locator('[data-testid="alarm-detail"]');
    await expect.poll(() => detail.getAttribute('data-priority')).toBe('critical');
    expect(await detail.textContent()).toContain('APT implant beacon');
    await page('top-left').screenshot({ path: `${artefactDir()}alarm-preset-top-left.png` });

    // The audio screen sounds the critical tone, in a running context, and repeats it.
    await expect.poll(() => criticalCount('top-left'), { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    expect((await tones('top-left')).every((t) => t.state === 'running')).toBe(true);
    await expect.poll(() => criticalCount('top-left'), { timeout: CRITICAL_REPEAT_MS + 3_000 }).toBeGreaterThanOrEqual(2);
    // The screen without audio made no sound at all.
    expect(await tones('top-right')).toEqual([]);

    // M mutes for every screen (a mark on both), and the tone stops.
    await page('top-right').keyboard.press('m');
    for (const s of SCREENS) await expect.poll(() => page(s).locator('[data-testid="status-muted"]').count()).toBe(1);
    const mutedAt = await criticalCount('top-left');
    const t0 = await pageNow('top-left');
    // A repeat would have come within one interval and a frame: wait that long on the page's clock.
    await page('top-left').waitForFunction((until) => performance.now() > until, t0 + CRITICAL_REPEAT_MS + 1_000);
    expect(await criticalCount('top-left')).toBe(mutedAt);
    // M again: the sound is back (the alarm still waits for its acknowledgement).
    await page('top-right').keyboard.press('m');
    for (const s of SCREENS) await expect.poll(() => page(s).locator('[data-testid="status-muted"]').count()).toBe(0);
    await expect.poll(() => criticalCount('top-left'), { timeout: CRITICAL_REPEAT_MS + 3_000 }).toBeGreaterThan(mutedAt);

    // A, pressed on the screen without sound, acknowledges the selected (critical) alarm on both.
    await page('top-right').keyboard.press('a');
    await expect.poll(() => page('top-left').locator('[data-testid="alarm"]').first().getAttribute('data-state')).toBe('active-acknowledged');
    await expect.poll(() => detail.getAttribute('data-state')).toBe('active-acknowledged');
    expect(await page('top-left').locator('[data-testid="alarm-ack-by"]').count()).toBe(1);
    const ackedAt = await criticalCount('top-left');
    const t1 = await pageNow('top-left');
    // Back to the preset it showed after the hold.
    for (const s of SCREENS) await expect.poll(() => preset(s), { timeout: (HOLD_S + 5) * 1000 }).toBe('1');
    await page('top-left').waitForFunction((until) => performance.now() > until, t1 + CRITICAL_REPEAT_MS + 1_000);
    expect(await criticalCount('top-left')).toBe(ackedAt);
    // The header of every layout still counts what waits: nothing now.
    for (const s of SCREENS) expect(await page(s).locator('[data-testid="status-alarms"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

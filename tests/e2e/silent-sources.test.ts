// A source that goes quiet, end to end (real Mosquitto, real Chromium): two sites whose
// sensors keep heartbeating (as a forwarder does) but whose EDR stops sending events. A site
// whose only event source went silent is "unknown" on the map and the panel, never "quiet";
// a silent EDR beside a busy IDS is flagged while its site keeps reporting, and as tampering
// since its last event was high; the shift gets one alarm per silent sensor, worded as such,
// in Vietnamese and English.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactDir, openScreen } from '../helpers/chromium.js';
import { startE2eWall, type E2eWall } from '../helpers/e2e-wall.js';
import { nativeEvent } from '../helpers/events.js';
const BLIND = 'ubnd-tinh';
const MIXED = 'so-tttt';

describe('silent sources on the wall (Chromium, real Mosquitto)', () => {
  let wall: E2eWall;
  let sensors: mqtt.MqttClient;
  let page: Page;
  let beat: NodeJS.Timeout | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    wall = await startE2eWall({
      name: 'silent',
      profile: 'single',
      // The shortest silence the schema allows, so the test waits half a minute, not five.
      configure: (dir) => writeFileSync(join(dir, 'watch.yaml'), 'version: 1\nsilence_s: { endpoint: 30, network: 30, default: 30 }\nkinds:\n  - { sensor: "edr*", kind: endpoint }\n'),
    });
    sensors = wall.sensors;
    page = await openScreen(wall.browser, wall.host.url, 'main', problems);
  }, 60_000);

  afterAll(async () => {
    clearInterval(beat);
    await wall?.stop();
  });

  it('flags the silent EDRs, tampering apart; the blind site is unknown on the map; one alarm per sensor', async () => {
    const event = (site: string, sensor: string, severity: 'low' | 'high') => sensors.publishAsync(`soc/v1/${site}/${sensor}/event`, nativeEvent('malware', severity), { qos: 1 });
    const heartbeats = () =>
      Promise.all(
        [[BLIND, 'edr-01'], [MIXED, 'edr-02'], [MIXED, 'ids-01']].map(([site, sensor]) =>
          // The IDS's forwarder says its queue backs up (the broker link is slow): events still flow.
          sensors.publishAsync(
            `soc/v1/${site}/${sensor}/heartbeat`,
            JSON.stringify(sensor === 'ids-01' ? { status: 'degraded', interval_s: 5, forwarder: { read: 5000, published: 3766, queued: 1234, dropped: 0 } } : { status: 'ok', interval_s: 5 }),
            { qos: 1 },
          ),
        ),
      );
    await heartbeats();
    beat = setInterval(() => void heartbeats(), 5000);
    // The blind site's only event source, its EDR, sends low events, then nothing.
    await event(BLIND, 'edr-01', 'low');
    // The mixed site: its EDR reports a high-severity detection, then nothing (what tampering
    // looks like); its IDS keeps sending.
    await event(MIXED, 'edr-02', 'low');
    await event(MIXED, 'edr-02', 'high');
    const ids = setInterval(() => void event(MIXED, 'ids-01', 'low'), 3000);
    try {
      await page.keyboard.press('Control+4');
      const panel = page.locator('[data-testid="sensors"]');
      await expect.poll(() => panel.locator('[data-testid="sites-online"]').getAttribute('data-value'), { timeout: 15_000 }).toBe('2');
      expect(await panel.locator('[data-testid="silent-sources"]').count()).toBe(0);
      // Past the 30 s of silence (counted from the wall's start or the last event).
      const row = (site: string, sensor: string) => panel.locator(`[data-testid="silent-sources"] li[data-site="${site}"][data-sensor="${sensor}"]`);
      await expect.poll(() => row(BLIND, 'edr-01').count(), { timeout: 60_000, interval: 1000 }).toBe(1);
      await expect.poll(() => row(MIXED, 'edr-02').count(), { timeout: 10_000 }).toBe(1);
      expect(await row(MIXED, 'edr-02').getAttribute('data-tamper')).toBe('true');
      expect(await row(MIXED, 'edr-02').textContent()).toMatch(/nghi can thiệp/u);
      expect(await row(BLIND, 'edr-01').getAttribute('data-tamper')).toBe('false');
      expect(await row(BLIND, 'edr-01').textContent()).toMatch(/\d+ giây$/u);
      // Tampering is listed first.
      const order = await panel.locator('[data-testid="silent-sources"] li[data-sensor]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sensor')));
      expect(order).toEqual(['edr-02', 'edr-01']);
      // The blind site is unknown (heartbeats, no events), the mixed one still reports.
      expect(await panel.locator('[data-testid="sites-unknown"]').getAttribute('data-value')).not.toBe('0');
      expect(await panel.locator('[data-testid="sites-online"]').getAttribute('data-value')).toBe('1');
      expect(await panel.locator(`[data-testid="never-reported"] li[data-site="${BLIND}"]`).count()).toBe(0);
      // The IDS's forwarder reports its backlog, apart from the silent sources.
      const forwarder = panel.locator(`[data-testid="degraded-forwarders"] li[data-site="${MIXED}"][data-sensor="ids-01"]`);
      expect(await forwarder.getAttribute('data-status')).toBe('degraded');
      expect(await forwarder.textContent()).toMatch(/1\.234 chờ gửi$/u);
      await page.screenshot({ path: `${artefactDir()}silent-sources-posture.png` });

      // The province map: the blind site is unknown, never quiet.
      await page.keyboard.press('Control+1');
      const status = (site: string) => page.locator(`[data-testid="map-panel"] li[data-site="${site}"]`).first().getAttribute('data-status');
      await expect.poll(() => status(BLIND), { timeout: 10_000 }).toBe('unknown');
      expect(await status(MIXED)).not.toBe('unknown');

      // The alarms: one per silent sensor, the tampering one high, worded as a silent sensor.
      await page.keyboard.press('Control+8');
      const alarms = page.locator('[data-testid="alarm"]');
      await expect.poll(() => alarms.count(), { timeout: 10_000 }).toBe(2);
      expect(await alarms.nth(0).getAttribute('data-priority')).toBe('high');
      expect(await alarms.nth(0).textContent()).toMatch(/Cảm biến edr-02: im lặng sau cảnh báo cao/u);
      expect(await alarms.nth(1).textContent()).toMatch(/Cảm biến edr-01: im lặng hoặc giảm mạnh/u);
      await page.keyboard.press('l');
      await expect.poll(() => alarms.nth(0).textContent()).toMatch(/Sensor edr-02: silent after high alerts/u);
      await page.keyboard.press('Control+4');
      await expect.poll(() => page.locator(`[data-testid="silent-sources"] li[data-sensor="edr-02"]`).textContent()).toMatch(/tampering\?/u);
      expect(await page.locator(`[data-testid="degraded-forwarders"] li[data-sensor="ids-01"]`).textContent()).toMatch(/1,234 queued$/u);
      await page.keyboard.press('l');

      const metrics = await (await fetch(`${wall.host.url}metrics`)).text();
      expect(metrics).toContain('socwall_sources_flagged{state="tamper"} 1');
      expect(metrics).toContain('socwall_sources_flagged{state="critical"} 1');
      expect(problems).toEqual([]);
    } finally {
      clearInterval(ids);
    }
  }, 120_000);
});

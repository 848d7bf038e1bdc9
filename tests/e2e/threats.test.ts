// Threat context on the wall, end to end: events from three countries abroad and one
// Vietnamese operator, published to a real Mosquitto, reach real Chromium as a shaded origins
// map, ranked countries and operators and arcs to the targeted sites (none from Vietnam: a
// domestic source is its operator); Suricata alerts carrying Emerging Threats' ATT&CK tags
// with three tactics at one site within the hour flag that site on the ATT&CK panel and on
// the province map. Nothing is fetched from anywhere but the wall itself.
import type mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eveTimestamp } from '../../electron/core/demo/simulator.js';
import { artefactDir, openScreen } from '../helpers/chromium.js';
import { startE2eWall, type E2eWall } from '../helpers/e2e-wall.js';
import { nativeEvent } from '../helpers/events.js';
const TARGET = 'ubnd-an-bien';

let flow = 7_000_000;
/** An EVE alert as Suricata writes it for an Emerging Threats rule with ATT&CK metadata. */
function eveAlert(srcIp: string, tactic: [string, string], technique: [string, string], signature: string): string {
  return JSON.stringify({
    timestamp: eveTimestamp(Date.now()),
    flow_id: flow++,
    event_type: 'alert',
    src_ip: srcIp,
    src_port: 51000,
    dest_ip: '10.91.7.20',
    dest_port: 443,
    proto: 'TCP',
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: 2_050_000 + flow % 1000,
      rev: 1,
      signature,
      category: 'Attempted Administrator Privilege Gain',
      severity: 1,
      metadata: { mitre_tactic_id: [tactic[0]], mitre_tactic_name: [tactic[1]], mitre_technique_id: [technique[0]], mitre_technique_name: [technique[1]] },
    },
  });
}

describe('attack origins and ATT&CK stages on the wall (Chromium, real Mosquitto)', () => {
  let wall: E2eWall;
  let sensors: mqtt.MqttClient;
  let page: Page;
  const problems: string[] = [];
  const offsite: string[] = [];

  beforeAll(async () => {
    wall = await startE2eWall({ name: 'threats', profile: 'single' });
    sensors = wall.sensors;
    page = await openScreen(wall.browser, wall.host.url, 'main', problems);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:') offsite.push(r.url());
    });
  }, 60_000);

  afterAll(async () => {
    await wall?.stop();
  });

  it('shades, ranks and arcs three countries and names the Vietnamese operator; flags the site with three tactics', async () => {
    const publish = (site: string, payload: string) => sensors.publishAsync(`soc/v1/${site}/ids-01/event`, payload, { qos: 1 });
    // China 5 (high), Russia 4 (critical), the United States 1 (high): the operators' own public resolvers.
    for (let i = 0; i < 5; i++) await publish('ubnd-tinh', nativeEvent('scan', 'high', { src_ip: '114.114.114.114' }));
    for (let i = 0; i < 4; i++) await publish('so-tttt', nativeEvent('targeted', 'critical', { src_ip: '77.88.8.8' }));
    await publish('ubnd-ha-tien', nativeEvent('malware', 'high', { src_ip: '8.8.8.8' }));
    // VNPT, two critical events: ranked by its operator, shaded as Vietnam, never an arc.
    for (let i = 0; i < 2; i++) await publish('ubnd-tinh', nativeEvent('targeted', 'critical', { src_ip: '14.160.0.1' }));
    // A private address: internal, never a country.
    await publish('ubnd-tinh', nativeEvent('scan', 'medium', { src_ip: '192.168.10.5' }));
    // One site, three stages within the hour, from the rules' own tags.
    await publish(TARGET, eveAlert('45.134.26.10', ['TA0043', 'Reconnaissance'], ['T1595', 'Active_Scanning'], 'ET SCAN Suspicious inbound to mySQL port 3306'));
    await publish(TARGET, eveAlert('45.134.26.10', ['TA0001', 'Initial_Access'], ['T1190', 'Exploit_Public-Facing_Application'], 'ET EXPLOIT Apache Struts RCE attempt'));
    await publish(TARGET, eveAlert('45.134.26.10', ['TA0011', 'Command_And_Control'], ['T1071', 'Application_Layer_Protocol'], 'ET MALWARE Cobalt Strike beacon'));

    await page.keyboard.press('Control+9');
    const map = page.locator('[data-testid="origins-map"]');
    await expect.poll(() => map.getAttribute('data-shaded'), { timeout: 15_000 }).toBe('BY:3,CN:5,RU:4,US:1,VN:2');
    // Ranked: most in the hour first (as many rows as fit the panel at reading size).
    const ranked = () => page.locator('[data-testid="origins-countries"] li[data-country]').evaluateAll((els) => els.map((e) => e.getAttribute('data-country')));
    await expect.poll(async () => (await ranked()).join(',')).toMatch(/^CN,RU,BY,VN(,US)?$/u);
    await expect.poll(() => page.locator('[data-testid="origins-operators"] li[data-asn="45899"]').textContent()).toMatch(/VNPT/u);
    expect(await page.locator('[data-testid="origins-operators"] li[data-asn="45899"] .code').textContent()).toBe('VN');
    // Arcs for the high and critical events from abroad, to their sites; none from Vietnam.
    const arcs = ((await map.getAttribute('data-arcs')) ?? '').split(',').filter(Boolean);
    expect(new Set(arcs)).toEqual(new Set(['CN>ubnd-tinh', 'RU>so-tttt', 'US>ubnd-ha-tien', `BY>${TARGET}`]));
    expect(arcs.some((a) => a.startsWith('VN>'))).toBe(false);
    // The map is drawn (ECharts canvas), with the archipelagos labelled as Vietnam's.
    expect(await page.locator('[data-testid="origins-map"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-archipelago="hoang-sa"]').textContent()).toMatch(/Hoàng Sa \(VN\)/u);
    expect(await page.locator('[data-archipelago="truong-sa"]').textContent()).toMatch(/Trường Sa \(VN\)/u);
    await expect.poll(() => page.locator('[data-testid="origins-legend"]').textContent()).toMatch(/5/u);
    expect(await page.locator('[data-testid="origins-caveat"]').textContent()).toBe('Vị trí địa chỉ IP, không phải thủ phạm');
    expect(await page.locator('[data-testid="origins-attribution"]').textContent()).toMatch(/DB-IP/u);
    expect(await page.locator('[data-testid="origins-foot"]').textContent()).toMatch(/Nội bộ\s*1/u);

    // ATT&CK: the site is flagged, in words, and its three tactics counted in kill-chain order.
    const flagged = page.locator(`[data-testid="attack-progression"] [data-site="${TARGET}"]`);
    await expect.poll(() => flagged.count(), { timeout: 10_000 }).toBe(1);
    expect(await flagged.textContent()).toMatch(/3 giai đoạn/u);
    for (const id of ['TA0043', 'TA0001', 'TA0011']) {
      expect(Number(await page.locator(`[data-testid="attack-tactics"] tr[data-tactic="${id}"] td.n`).first().textContent()), id).toBeGreaterThanOrEqual(1);
    }
    await page.screenshot({ path: `${artefactDir()}threats-preset.png` });
    // English too.
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('[data-testid="origins-caveat"]').textContent()).toBe('IP location, not attribution');
    expect(await flagged.textContent()).toMatch(/3 stages/u);
    await page.keyboard.press('l');

    // On the province map (overview), the flagged site is ringed and the legend names the ring.
    await page.keyboard.press('Control+1');
    await expect.poll(() => page.locator(`.site-progression[data-site="${TARGET}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid="map-panel"]').first().getAttribute('data-progressions')).toBe(TARGET);
    expect(await page.locator('[data-testid="map-legend-progression"]').textContent()).toBe('Nhiều giai đoạn');
    expect(await page.locator('[data-testid="map-legend-progression"]').getAttribute('title')).toBe('Nghi tấn công nhiều giai đoạn');
    expect(offsite).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);
});

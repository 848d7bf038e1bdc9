import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../electron/contract/index.js';
import { loadSiteCatalogue, readResourceJson } from '../../../electron/core/config/resources.js';
import { CATEGORY_MIX, YEARLY_FIGURES } from '../../../electron/core/demo/province-figures.js';
import { TrafficSimulator } from '../../../electron/core/demo/simulator.js';
import { CategoryMapper, loadCategoryMap } from '../../../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';

const sites = loadSiteCatalogue();

function run(minutes: number, speed = 2000, startIso = '2026-11-25T03:00:00Z') {
  let now = Date.parse(startIso);
  const published: { topic: string; payload: string; retain: boolean }[] = [];
  const sim = new TrafficSimulator({ sites, speed, now: () => now, publish: (topic, payload, o) => published.push({ topic, payload, retain: o.retain }) });
  sim.start();
  sim.stop();
  for (let t = 0; t < minutes * 240; t++) {
    now += 250;
    sim.tick();
  }
  return published;
}

describe('TrafficSimulator', () => {
  it('changes its rate from the next tick when its speed is set (the soak bench\'s bursts)', () => {
    let now = Date.parse('2026-11-25T03:00:00Z');
    let events = 0;
    const sim = new TrafficSimulator({ sites, speed: 10, now: () => now, publish: (topic) => void (topic.endsWith('/event') && events++) });
    sim.start();
    sim.stop();
    const second = () => {
      const before = events;
      for (let i = 0; i < 4; i++) {
        now += 250;
        sim.tick();
      }
      return events - before;
    };
    const slow = second();
    sim.setSpeed(25_000);
    const fast = second();
    expect(slow).toBeLessThan(50);
    expect(fast).toBeGreaterThan(3_000);
    expect(() => sim.setSpeed(0)).toThrow(/positive/u);
  });

  const decoder = new TelemetryDecoder({
    categoryMap: new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json'))),
    knownSites: new Set(sites.map((s) => s.id)),
  });

  it('publishes only payloads the wall accepts, across the catalogue', () => {
    const out = run(2, 200);
    const rejected = out.map((m) => decoder.decode(m.topic, Buffer.from(m.payload), Date.now() + 3_600_000)).filter((r) => r.kind === 'rejected');
    expect(rejected).toEqual([]);
    const siteIds = new Set(out.filter((m) => !m.topic.includes('/province/kpi/')).map((m) => m.topic.split('/')[2]));
    expect(siteIds.size).toBe(sites.length - 1); // one commune has no sensor yet: shown as unknown
    // The province's figures, as an upstream SIEM reports them, once a minute and retained.
    const kpis = out.filter((m) => m.topic.includes('/province/kpi/'));
    expect(new Set(kpis.map((m) => m.topic.split('/').at(-1)))).toEqual(new Set(['open-incidents', 'mttr-hours', 'patch-compliance-pct', 'critical-vulns-open', 'phishing-reported-today']));
    expect(kpis.length).toBe(5 * 3); // at start, then each minute of two
    expect(kpis.every((m) => m.retain && decoder.decode(m.topic, Buffer.from(m.payload), Date.now()).kind === 'kpi')).toBe(true);
  });

  it('follows the province category mix outside bursts (within a few percent)', () => {
    const out = run(10, 300);
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<string, number>;
    for (const m of out) {
      if (!m.topic.endsWith('/event')) continue;
      const r = decoder.decode(m.topic, Buffer.from(m.payload), Date.now() + 3_600_000);
      if (r.kind === 'event') counts[r.event.category]!++;
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const mixTotal = Object.values(CATEGORY_MIX).reduce((a, b) => a + b, 0);
    // Spoofing is ≈42% of the province's yearly figure; bursts add scans and malware on top.
    expect(counts.spoof! / total).toBeGreaterThan((CATEGORY_MIX.spoof / mixTotal) * 0.85);
    expect(counts.spoof! / total).toBeLessThan((CATEGORY_MIX.spoof / mixTotal) * 1.1);
    expect(counts.combined! / total).toBeGreaterThan(0.3);
  });

  it('posture adds up to the province figures and heartbeats are retained', () => {
    const out = run(0.1);
    const posture = out.filter((m) => m.topic.endsWith('/endpoints'));
    expect(posture.every((m) => m.retain)).toBe(true);
    const sum = posture.map((m) => JSON.parse(m.payload) as { edr: number; antivirus: number; infected: number }).reduce(
      (a, p) => ({ edr: a.edr + p.edr, antivirus: a.antivirus + p.antivirus, infected: a.infected + p.infected }),
      { edr: 0, antivirus: 0, infected: 0 },
    );
    expect(Math.abs(sum.edr - YEARLY_FIGURES.workstationsEdr) / YEARLY_FIGURES.workstationsEdr).toBeLessThan(0.02);
    expect(Math.abs(sum.antivirus - YEARLY_FIGURES.workstationsAntivirus) / YEARLY_FIGURES.workstationsAntivirus).toBeLessThan(0.02);
    expect(Math.abs(sum.infected - YEARLY_FIGURES.infected) / YEARLY_FIGURES.infected).toBeLessThan(0.2);
    expect(out.filter((m) => m.topic.endsWith('/heartbeat')).every((m) => m.retain)).toBe(true);
  });

  it('opens with a malware outbreak 20 s after start: high-severity incidents on one district', () => {
    const out = run(0.75, 10).filter((m) => m.topic.endsWith('/event'));
    const high = out
      .map((m) => ({ site: m.topic.split('/')[2]!, event: JSON.parse(m.payload) as { category?: string; severity?: string } }))
      .filter((e) => e.event.severity === 'high' || e.event.severity === 'critical');
    expect(high.length).toBeGreaterThan(3);
    const districts = new Set(high.map((e) => sites.find((s) => s.id === e.site)!.parent_district));
    expect(districts.size).toBeLessThanOrEqual(2); // the outbreak's district, and at most one chance event elsewhere
  });

  it('has a day/night rhythm: more load at 10:00 than at 03:00 Vietnam time', () => {
    const sim = new TrafficSimulator({ sites, publish: () => undefined });
    expect(sim.rhythm(Date.parse('2026-11-25T03:00:00Z'))).toBeGreaterThan(2 * sim.rhythm(Date.parse('2026-11-24T20:00:00Z')));
  });
});

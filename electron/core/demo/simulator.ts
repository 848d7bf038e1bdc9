// Demo telemetry for the whole province: events in the published category mix with a
// day/night rhythm, bursts (a scan campaign across sites, a malware outbreak in one
// district), sensor heartbeats (one sensor goes dark now and then) and endpoint posture.
import type { Category, Severity } from '../../contract/index.js';
import { CATEGORIES, SEVERITIES } from '../../contract/index.js';
import type { CatalogueSite } from '../config/resources.js';
import { CATEGORY_MIX, REAL_RATE_PER_SECOND, YEARLY_FIGURES } from './province-figures.js';
import { pick, pickWeighted, poisson, seededRandom, type Random } from './random.js';
import { SEVERITY_MIX, SIGNATURES } from './signatures.js';

export type Publish = (topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }) => void;

export interface SimulatorOptions {
  sites: readonly CatalogueSite[];
  publish: Publish;
  /** Multiple of the province's real average rate (1 = ≈0.38 events/s). */
  speed?: number;
  seed?: number;
  now?: () => number;
  tickMs?: number;
  heartbeatEveryMs?: number;
  /** How often the province's KPIs are published (as an upstream SIEM would), default 60 s. */
  kpiEveryMs?: number;
  prefix?: string;
}

/**
 * The province's operations figures the demo publishes on `{prefix}/province/kpi/{name}`, as
 * an upstream SIEM or ticketing desk would: where each starts, how far it wanders per report,
 * and its range. The bundled `kpi` layout shows them.
 */
const DEMO_KPIS: readonly { name: string; start: number; step: number; min: number; max: number; decimals: number }[] = [
  { name: 'open-incidents', start: 6, step: 2, min: 0, max: 18, decimals: 0 },
  { name: 'mttr-hours', start: 14, step: 2.5, min: 2, max: 60, decimals: 1 },
  { name: 'patch-compliance-pct', start: 91, step: 1.5, min: 70, max: 99.5, decimals: 1 },
  { name: 'critical-vulns-open', start: 23, step: 4, min: 0, max: 80, decimals: 0 },
  { name: 'phishing-reported-today', start: 0, step: 0, min: 0, max: 1e6, decimals: 0 },
];

interface SimSite {
  site: CatalogueSite;
  sensors: string[];
  /** Sensor that speaks Suricata EVE instead of the native schema. */
  eveSensor: string | null;
  weight: number;
  workstations: number;
}

interface Burst {
  kind: 'scan-campaign' | 'malware-outbreak';
  until: number;
  sites: SimSite[];
  source: string;
  ratePerSecond: number;
}

/**
 * Source networks of the demo's attackers, as a provincial wall sees them: scanner and hosting
 * networks abroad (CN, RU, NL, DE, US, KR, SG, BR, LT, BY) and, as domestic sources, the
 * Vietnamese ISPs' customer ranges (VNPT, Viettel, FPT), so the origins panel has both.
 */
const EXTERNAL_PREFIXES = [
  '45.134.26', '185.220.101', '194.26.29', '89.248.165', '117.50.7', '222.186.42', '61.177.172', '218.92.0',
  '5.188.10', '167.94.138', '64.62.197', '121.186.3', '43.156.20', '177.54.150', '141.98.11', '193.32.162',
  '14.160.32', '27.72.98', '118.69.72', '113.160.96',
];

export class TrafficSimulator {
  private readonly random: Random;
  private readonly sites: SimSite[];
  private readonly cumulativeSiteWeights: number[];
  private readonly categoryCumulative: number[];
  private readonly now: () => number;
  private speed: number;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private lastHeartbeat = 0;
  private lastKpis = 0;
  private readonly kpiValues = new Map<string, number>(DEMO_KPIS.map((k) => [k.name, k.start]));
  private kpiDay = -1;
  private burst: Burst | null = null;
  private nextBurstAt = 0;
  private bursts = 0;
  private eventSeq = 0;
  /** A flaky island link whose sensor goes dark for a few minutes now and then. */
  private readonly flakySite: SimSite | undefined;
  private flakyDarkUntil = 0;
  published = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.random = seededRandom(options.seed ?? 20261125);
    this.now = options.now ?? Date.now;
    this.speed = options.speed ?? 10;
    this.prefix = options.prefix ?? 'soc/v1';
    // One site (a commune office) has no sensor deployed yet: the wall must show it as unknown.
    const undeployed = options.sites.filter((s) => s.tier === 'commune').at(-1)?.id;
    this.sites = options.sites
      .filter((s) => s.id !== undeployed)
      .map((site) => {
        const weight = site.kind === 'data-center' ? 8 : site.tier === 'province' ? 3 : site.tier === 'district' ? 2 : 1;
        const sensors = site.tier === 'commune' ? ['ids-01'] : ['ids-01', 'fw-01'];
        return {
          site,
          sensors,
          eveSensor: site.kind === 'data-center' || site.tier === 'district' ? 'ids-01' : null,
          weight,
          workstations: 0,
        };
      });
    this.flakySite = this.sites.find((s) => s.site.id.includes('tho-chau')) ?? this.sites.at(-1);
    const totalWeight = this.sites.reduce((a, s) => a + s.weight, 0);
    let acc = 0;
    this.cumulativeSiteWeights = this.sites.map((s) => (acc += s.weight));
    // Spread the province's workstations over sites by weight.
    for (const s of this.sites) s.workstations = Math.round((YEARLY_FIGURES.workstationsEdr * 1.05 * s.weight) / totalWeight);
    let cacc = 0;
    this.categoryCumulative = CATEGORIES.map((c) => (cacc += CATEGORY_MIX[c]));
  }

  start(): void {
    const t = this.now();
    this.lastTick = t;
    this.nextBurstAt = t + 20_000;
    this.publishPosture(t);
    this.publishHeartbeats(t);
    this.publishKpis(t);
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 250);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Changes the rate from the next tick on (the soak bench's bursts at 10,000 events/s). */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new Error(`simulator speed must be positive, got ${speed}`);
    this.speed = speed;
  }

  /** Day/night rhythm: office hours in Vietnam (UTC+7) carry about 3× the night's load. */
  rhythm(timeMs: number): number {
    const hour = (((timeMs / 3_600_000 + 7) % 24) + 24) % 24;
    return 0.45 + 0.9 * Math.exp(-((hour - 10) ** 2) / 8) + 0.7 * Math.exp(-((hour - 15) ** 2) / 6);
  }

  tick(): void {
    const t = this.now();
    const dt = Math.max(0, Math.min(5_000, t - this.lastTick)) / 1000;
    this.lastTick = t;
    const n = poisson(REAL_RATE_PER_SECOND * this.speed * this.rhythm(t) * dt, this.random);
    for (let i = 0; i < n; i++) {
      const site = pickWeighted(this.sites, this.cumulativeSiteWeights, this.random);
      const category = pickWeighted(CATEGORIES, this.categoryCumulative, this.random);
      this.publishEvent(site, category, this.externalIp(), t);
    }
    this.runBursts(t, dt);
    if (t - this.lastHeartbeat >= (this.options.heartbeatEveryMs ?? 15_000)) this.publishHeartbeats(t);
    if (t - this.lastKpis >= (this.options.kpiEveryMs ?? 60_000)) this.publishKpis(t);
  }

  /** A report of every demo KPI: a bounded random walk; sites reporting from the heartbeats; phishing counted up through the day. */
  private publishKpis(t: number): void {
    this.lastKpis = t;
    const day = Math.floor((t + 7 * 3_600_000) / 86_400_000);
    for (const k of DEMO_KPIS) {
      let v = this.kpiValues.get(k.name) ?? k.start;
      if (k.name === 'phishing-reported-today') v = day === this.kpiDay ? v + Math.floor(this.random() * 3) : 0;
      else v = Math.min(k.max, Math.max(k.min, v + (this.random() * 2 - 1) * k.step));
      this.kpiValues.set(k.name, v);
      const value = Number(v.toFixed(k.decimals));
      this.options.publish(`${this.prefix}/province/kpi/${k.name}`, JSON.stringify({ value, time: new Date(t).toISOString() }), { qos: 1, retain: true });
    }
    this.kpiDay = day;
  }

  private runBursts(t: number, dt: number): void {
    if (!this.burst && t >= this.nextBurstAt) this.burst = this.newBurst(t);
    const b = this.burst;
    if (!b) return;
    if (t > b.until) {
      this.burst = null;
      this.nextBurstAt = t + 60_000 + this.random() * 120_000;
      return;
    }
    const n = poisson(b.ratePerSecond * dt, this.random);
    for (let i = 0; i < n; i++) {
      const site = pick(b.sites, this.random);
      this.publishEvent(site, b.kind === 'scan-campaign' ? 'scan' : 'malware', b.source, t);
    }
  }

  private newBurst(t: number): Burst {
    // The first burst is a malware outbreak: a newcomer sees high-severity incidents, pulses
    // and sites under attack within half a minute, not only after a lucky draw.
    const first = this.bursts++ === 0;
    if (!first && this.random() < 0.5) {
      return {
        kind: 'scan-campaign',
        until: t + 45_000,
        sites: this.sites.filter(() => this.random() < 0.6),
        source: this.externalIp(),
        ratePerSecond: 4 + this.speed * 0.2,
      };
    }
    const districts = [...new Set(this.sites.map((s) => s.site.parent_district))].filter((d) => d !== 'rach-gia');
    const district = pick(districts, this.random);
    return {
      kind: 'malware-outbreak',
      until: t + 60_000,
      sites: this.sites.filter((s) => s.site.parent_district === district),
      source: this.externalIp(),
      ratePerSecond: 1.5 + this.speed * 0.05,
    };
  }

  private externalIp(): string {
    return `${pick(EXTERNAL_PREFIXES, this.random)}.${1 + Math.floor(this.random() * 254)}`;
  }

  private severityFor(category: Category): Severity {
    const w = SEVERITY_MIX[category];
    let r = this.random() * (w[0] + w[1] + w[2] + w[3]);
    for (let i = 0; i < 4; i++) {
      r -= w[i]!;
      if (r < 0) return SEVERITIES[i]!;
    }
    return 'low';
  }

  private publishEvent(sim: SimSite, category: Category, srcIp: string, t: number): void {
    if (sim === this.flakySite && t < this.flakyDarkUntil) return;
    const severity = this.severityFor(category);
    const signature = pick(SIGNATURES[category], this.random);
    const sensor = pick(sim.sensors, this.random);
    const destIp = `10.91.${this.sites.indexOf(sim) % 250}.${10 + Math.floor(this.random() * 200)}`;
    const destPort = pick([22, 80, 443, 445, 1433, 3389, 8080, 53], this.random);
    const srcPort = 1024 + Math.floor(this.random() * 60000);
    const topic = `${this.prefix}/${sim.site.id}/${sensor}/event`;
    this.eventSeq++;
    let payload: string;
    if (sensor === sim.eveSensor && category !== 'spoof') {
      // Suricata EVE as a real sensor writes it (±hhmm offset, alert object).
      payload = JSON.stringify({
        timestamp: eveTimestamp(t),
        flow_id: 1_000_000_000 + this.eventSeq,
        event_type: 'alert',
        src_ip: srcIp,
        src_port: srcPort,
        dest_ip: destIp,
        dest_port: destPort,
        proto: 'TCP',
        alert: {
          action: 'blocked',
          gid: 1,
          signature_id: 2_000_000 + (hash(signature) % 100_000),
          rev: 1,
          signature,
          category: SURICATA_CATEGORY[category],
          severity: severity === 'low' ? 3 : severity === 'medium' ? 2 : 1,
        },
      });
    } else {
      payload = JSON.stringify({
        v: 1,
        id: `sim-${this.eventSeq}`,
        time: new Date(t).toISOString(),
        category,
        severity,
        action: 'blocked',
        src_ip: srcIp,
        src_port: srcPort,
        dest_ip: destIp,
        dest_port: destPort,
        proto: 'TCP',
        signature,
        signature_id: 9_000_000 + (hash(signature) % 100_000),
        count: 1,
      });
    }
    this.options.publish(topic, payload, { qos: 1, retain: false });
    this.published++;
  }

  private publishHeartbeats(t: number): void {
    this.lastHeartbeat = t;
    const flaky = this.flakySite;
    if (flaky && t >= this.flakyDarkUntil && this.random() < 0.04) this.flakyDarkUntil = t + 150_000 + this.random() * 120_000;
    for (const sim of this.sites) {
      if (sim === flaky && t < this.flakyDarkUntil) continue;
      for (const sensor of sim.sensors) {
        this.options.publish(
          `${this.prefix}/${sim.site.id}/${sensor}/heartbeat`,
          JSON.stringify({ time: new Date(t).toISOString(), status: 'ok', interval_s: 15 }),
          { qos: 1, retain: true },
        );
      }
    }
  }

  private publishPosture(t: number): void {
    const infectedShare = YEARLY_FIGURES.infected / YEARLY_FIGURES.workstationsEdr;
    const avShare = YEARLY_FIGURES.workstationsAntivirus / YEARLY_FIGURES.workstationsEdr;
    for (const sim of this.sites) {
      const total = sim.workstations;
      const edr = Math.round(total / 1.05);
      this.options.publish(
        `${this.prefix}/${sim.site.id}/endpoints`,
        JSON.stringify({
          time: new Date(t).toISOString(),
          total,
          edr,
          antivirus: Math.round(edr * avShare),
          infected: Math.round(edr * infectedShare * (0.5 + this.random())),
        }),
        { qos: 1, retain: true },
      );
    }
  }
}

const SURICATA_CATEGORY: Readonly<Record<Category, string>> = {
  scan: 'Detection of a Network Scan',
  spoof: 'Misc Attack',
  malware: 'A Network Trojan was detected',
  combined: 'Web Application Attack',
  targeted: 'Targeted Malicious Activity was Detected',
  policy: 'Potential Corporate Privacy Violation',
  other: 'Generic Protocol Command Decode',
};

/** Suricata's timestamp form: local time with a ±hhmm offset (here +0700). */
export function eveTimestamp(t: number): string {
  const local = new Date(t + 7 * 3_600_000).toISOString().replace('Z', '');
  return `${local}000+0700`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

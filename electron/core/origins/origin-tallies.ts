// Events by origin: per country and per operator over the last hour and 24 h, internal and
// unknown sources apart, the newest arcs (origin country → targeted site) for high and
// critical events, and counters since start for /metrics. Per event: O(1). The frame part is
// built at most once a second, and only when something changed or a minute passed.
import type { OperatorCount, OriginArc, OriginsFrame, SecurityEvent } from '../../contract/index.js';
import { ORIGIN_ARCS_KEPT, ORIGIN_COUNTRIES_MAX, ORIGIN_OPERATORS_MAX, SEVERITY_RANK, isCategory } from '../../contract/index.js';
import { StateError, arr, count, nonNegInt, obj } from '../aggregate/state-codec.js';
import { WindowedCounts, numberKey, stringKey, type WindowedCount, type WindowedCountsState } from '../aggregate/windowed-counts.js';
import type { Origin, OriginEnricher } from './origin-enricher.js';

/** Operators counted at once (a flood of distinct networks is refused past it, and counted). */
export const OPERATORS_TRACKED = 4096;
/** Countries: every ISO 3166-1 code fits. */
const COUNTRIES_TRACKED = 256;
/** Domestic sources are shown by operator: an arc from Hà Nội to the province says nothing. */
export const HOME_COUNTRY = 'VN';

const COUNTRY_KEY = /^[A-Z]{2}$/u;

export interface OriginTalliesState {
  countries: WindowedCountsState<string>;
  operators: WindowedCountsState<number>;
  /** Operator → country of its latest address. */
  operatorCountry: [number, string][];
  special: WindowedCountsState<string>;
  byCountryTotal: [string, number][];
  internalTotal: number;
  unknownTotal: number;
  arcs: OriginArc[];
  nextArcId: number;
}

function byHourThenDay<K>(a: WindowedCount<K>, b: WindowedCount<K>): number {
  return b.hour - a.hour || b.day - a.day;
}

export class OriginTallies {
  private readonly countries = new WindowedCounts<string>(COUNTRIES_TRACKED);
  private readonly operators = new WindowedCounts<number>(OPERATORS_TRACKED);
  private readonly operatorCountry = new Map<number, string>();
  /** 'internal' and 'unknown'. */
  private readonly special = new WindowedCounts<string>(2);
  /** Since start, for /metrics (at most 256 country labels). */
  readonly byCountryTotal = new Map<string, number>();
  internalTotal = 0;
  unknownTotal = 0;
  private readonly arcs: OriginArc[] = [];
  private nextArcId = 1;
  private sentArcId = 0;
  private changed = true;

  constructor(readonly enricher: OriginEnricher) {}

  /** Folds one event (its time already clamped to the receive time). */
  record(event: SecurityEvent, time: number): Origin | null {
    if (event.srcIp === null) return null;
    const origin = this.enricher.origin(event.srcIp);
    const n = event.count;
    this.changed = true;
    if (origin.internal) {
      this.internalTotal += n;
      this.special.add('internal', time, n);
      return origin;
    }
    if (origin.country === null && origin.asn === null) {
      this.unknownTotal += n;
      this.special.add('unknown', time, n);
      return origin;
    }
    if (origin.country !== null) {
      this.countries.add(origin.country, time, n);
      this.byCountryTotal.set(origin.country, (this.byCountryTotal.get(origin.country) ?? 0) + n);
    }
    if (origin.asn !== null && this.operators.add(origin.asn, time, n) && origin.country !== null) {
      // Bounded with the operators: an entry is set only for a tracked operator.
      if (this.operatorCountry.get(origin.asn) !== origin.country) this.operatorCountry.set(origin.asn, origin.country);
    }
    if (origin.country !== null && origin.country !== HOME_COUNTRY && SEVERITY_RANK[event.severity] >= SEVERITY_RANK.high) {
      this.arcs.push({ id: this.nextArcId++, time: event.time, country: origin.country, siteId: event.siteId, severity: event.severity, category: event.category });
      if (this.arcs.length > ORIGIN_ARCS_KEPT) this.arcs.shift();
    }
    return origin;
  }

  /** Whether anything was folded since the last frame part (consumed by frame()). */
  get dirty(): boolean {
    return this.changed;
  }

  /** Operators refused at OPERATORS_TRACKED since start. */
  get operatorsRefused(): number {
    return this.operators.refused;
  }

  /** The origins part of a frame: a snapshot's arcs are the newest kept, a delta's the new ones. */
  frame(kind: 'snapshot' | 'delta', now: number): OriginsFrame {
    const countries = this.countries.read(now).sort(byHourThenDay).slice(0, ORIGIN_COUNTRIES_MAX);
    const operatorRows = this.operators.read(now);
    // Forget the country of operators that left the window (the map stays within the bound).
    if (this.operatorCountry.size > operatorRows.length) {
      const live = new Set(operatorRows.map((r) => r.key));
      for (const asn of this.operatorCountry.keys()) if (!live.has(asn)) this.operatorCountry.delete(asn);
    }
    const operators: OperatorCount[] = topN(operatorRows, ORIGIN_OPERATORS_MAX).map((r) => ({
      asn: r.key,
      name: this.enricher.operatorName(r.key),
      country: this.operatorCountry.get(r.key) ?? null,
      hour: r.hour,
      day: r.day,
    }));
    const special = new Map(this.special.read(now).map((r) => [r.key, r]));
    const part = (k: string) => ({ hour: special.get(k)?.hour ?? 0, day: special.get(k)?.day ?? 0 });
    let arcs: OriginArc[];
    if (kind === 'snapshot') arcs = [...this.arcs].reverse();
    else {
      arcs = [];
      for (let i = this.arcs.length - 1; i >= 0 && this.arcs[i]!.id > this.sentArcId; i--) arcs.push(this.arcs[i]!);
      this.sentArcId = this.nextArcId - 1;
      this.changed = false;
    }
    return {
      countries: countries.map((r) => ({ country: r.key, hour: r.hour, day: r.day })),
      operators,
      internal: part('internal'),
      unknown: part('unknown'),
      arcs,
      data: this.enricher.info,
    };
  }

  /** After a restore: deltas carry only arcs made from now on. */
  restored(): void {
    this.sentArcId = this.nextArcId - 1;
    this.changed = true;
  }

  exportState(): OriginTalliesState {
    return {
      countries: this.countries.exportState(),
      operators: this.operators.exportState(),
      operatorCountry: [...this.operatorCountry],
      special: this.special.exportState(),
      byCountryTotal: [...this.byCountryTotal],
      internalTotal: this.internalTotal,
      unknownTotal: this.unknownTotal,
      arcs: this.arcs.map((a) => ({ ...a })),
      nextArcId: this.nextArcId,
    };
  }

  importState(s: OriginTalliesState): void {
    this.countries.importState(s.countries);
    this.operators.importState(s.operators);
    this.operatorCountry.clear();
    for (const [asn, c] of s.operatorCountry) if (this.operatorCountry.size < OPERATORS_TRACKED) this.operatorCountry.set(asn, c);
    this.special.importState(s.special);
    this.byCountryTotal.clear();
    for (const [c, n] of s.byCountryTotal) if (this.byCountryTotal.size < COUNTRIES_TRACKED) this.byCountryTotal.set(c, n);
    this.internalTotal = s.internalTotal;
    this.unknownTotal = s.unknownTotal;
    this.arcs.length = 0;
    this.arcs.push(...s.arcs.slice(-ORIGIN_ARCS_KEPT));
    this.nextArcId = Math.max(s.nextArcId, (this.arcs.at(-1)?.id ?? 0) + 1);
    this.restored();
  }

  static parseState(x: unknown, path: string): OriginTalliesState {
    const o = obj(x, path);
    const country = stringKey(2, COUNTRY_KEY);
    const pairs = <K, V>(v: unknown, p: string, k: (x: unknown, p: string) => K, val: (x: unknown, p: string) => V, max: number): [K, V][] => {
      const rows = arr(v, p);
      if (rows.length > max) throw new StateError(p, `at most ${max} rows`);
      return rows.map((r, i) => {
        const pair = arr(r, `${p}[${i}]`, 2);
        return [k(pair[0], `${p}[${i}][0]`), val(pair[1], `${p}[${i}][1]`)];
      });
    };
    return {
      countries: WindowedCounts.parseState(o.countries, `${path}.countries`, country, COUNTRIES_TRACKED),
      operators: WindowedCounts.parseState(o.operators, `${path}.operators`, numberKey, OPERATORS_TRACKED),
      operatorCountry: pairs(o.operatorCountry, `${path}.operatorCountry`, numberKey, country, OPERATORS_TRACKED),
      special: WindowedCounts.parseState(o.special, `${path}.special`, stringKey(8, /^(internal|unknown)$/u), 2),
      byCountryTotal: pairs(o.byCountryTotal, `${path}.byCountryTotal`, country, count, COUNTRIES_TRACKED),
      internalTotal: count(o.internalTotal, `${path}.internalTotal`),
      unknownTotal: count(o.unknownTotal, `${path}.unknownTotal`),
      arcs: arr(o.arcs, `${path}.arcs`).slice(-ORIGIN_ARCS_KEPT).map((a, i) => parseArc(a, `${path}.arcs[${i}]`)),
      nextArcId: nonNegInt(o.nextArcId, `${path}.nextArcId`),
    };
  }
}

const SEVERITIES_KNOWN = Object.keys(SEVERITY_RANK);

function parseArc(x: unknown, path: string): OriginArc {
  const o = obj(x, path);
  const country = stringKey(2, COUNTRY_KEY)(o.country, `${path}.country`);
  if (typeof o.siteId !== 'string' || o.siteId.length === 0 || o.siteId.length > 256) throw new StateError(`${path}.siteId`, 'a site id');
  if (typeof o.severity !== 'string' || !SEVERITIES_KNOWN.includes(o.severity)) throw new StateError(`${path}.severity`, 'a known severity');
  if (typeof o.category !== 'string' || !isCategory(o.category)) throw new StateError(`${path}.category`, 'a category');
  return {
    id: nonNegInt(o.id, `${path}.id`),
    time: count(o.time, `${path}.time`),
    country,
    siteId: o.siteId,
    severity: o.severity as OriginArc['severity'],
    category: o.category as OriginArc['category'],
  };
}

/** The n largest by hour then day, without sorting the whole list (n is small). */
export function topN<K>(rows: WindowedCount<K>[], n: number): WindowedCount<K>[] {
  const best: WindowedCount<K>[] = [];
  for (const r of rows) {
    if (best.length < n) {
      best.push(r);
      best.sort(byHourThenDay);
    } else if (byHourThenDay(r, best[n - 1]!) < 0) {
      best[n - 1] = r;
      best.sort(byHourThenDay);
    }
  }
  return best;
}

// Events by MITRE ATT&CK tactic, province-wide and per site, over the last hour and 24 h, and
// the progression rule: a site showing PROGRESSION_TACTICS or more distinct tactics within the
// last hour may be an attack moving through its stages (reconnaissance → access → execution
// …), the pattern an operator must not miss. Per event: O(tactics of the event) ≤ 14.
import type { AttackFrame, AttackSite, SecurityEvent } from '../../contract/index.js';
import { ATTACK_TECHNIQUES_MAX, PROGRESSION_TACTICS } from '../../contract/index.js';
import { ATTACK_TACTICS, type AttackTags } from '../../contract/common/attack-tactics.js';
import { StateError, arr, obj } from '../aggregate/state-codec.js';
import { WindowedCounts, numberKey, stringKey, type WindowedCountsState } from '../aggregate/windowed-counts.js';
import { topN } from '../origins/origin-tallies.js';

const TACTIC_COUNT = ATTACK_TACTICS.length;
const TACTIC_INDEX = new Map<string, number>(ATTACK_TACTICS.map((t, i) => [t.id, i]));
/** Techniques counted at once (ids are T1234 or T1234.567: bounded by the pattern too). */
export const TECHNIQUES_TRACKED = 512;
const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/u;

/**
 * Where an event's tactics came from: the sensor's own tags, or the fallback mapping (of its
 * classtype, or only of its wall category: `category`).
 */
export type TagSource = 'tagged' | 'mapped';

export interface AttackTalliesState {
  province: WindowedCountsState<number>;
  sites: [string, WindowedCountsState<number>][];
  techniques: WindowedCountsState<string>;
  sources: WindowedCountsState<string>;
}

export class AttackTallies {
  private readonly province = new WindowedCounts<number>(TACTIC_COUNT);
  private readonly sites = new Map<string, WindowedCounts<number>>();
  private readonly techniques = new WindowedCounts<string>(TECHNIQUES_TRACKED);
  private readonly sources = new WindowedCounts<string>(2);
  /** Tactic events refused because the site bound was reached. */
  sitesRefused = 0;
  private changed = true;

  /** @param maxSites the aggregator's site bound: at most that many sites are tallied. */
  constructor(private readonly maxSites: number) {}

  /**
   * `perSite` false: the tactics are only a guess from the wall category (a scan is
   * reconnaissance, malware is execution and C2): they count province-wide but not in a site's
   * stages, so a busy site is not flagged as a progression on guesses alone.
   */
  record(event: SecurityEvent, time: number, tags: AttackTags, source: TagSource, perSite = true): void {
    if (tags.tactics.length === 0) return;
    const n = event.count;
    let site = perSite ? this.sites.get(event.siteId) : undefined;
    if (perSite && site === undefined) {
      if (this.sites.size >= this.maxSites) this.sitesRefused++;
      else {
        site = new WindowedCounts<number>(TACTIC_COUNT);
        this.sites.set(event.siteId, site);
      }
    }
    for (const tactic of tags.tactics) {
      const i = TACTIC_INDEX.get(tactic);
      if (i === undefined) continue;
      this.province.add(i, time, n);
      site?.add(i, time, n);
    }
    for (const t of tags.techniques) this.techniques.add(t, time, n);
    this.sources.add(source, time, n);
    this.changed = true;
  }

  get dirty(): boolean {
    return this.changed;
  }

  /** Whether `siteId` shows a possible progression at `now`. */
  progressionAt(siteId: string, now: number): boolean {
    const site = this.sites.get(siteId);
    if (site === undefined) return false;
    let distinct = 0;
    for (let i = 0; i < TACTIC_COUNT; i++) if (site.hourOf(i, now) > 0) distinct++;
    return distinct >= PROGRESSION_TACTICS;
  }

  /** The attack part of a frame; `consume` (deltas) marks it sent, a snapshot leaves that to the next delta. */
  frame(now: number, consume = true): AttackFrame {
    if (consume) this.changed = false;
    const rows = new Map(this.province.read(now).map((r) => [r.key, r]));
    const tactics = ATTACK_TACTICS.map((t, i) => ({ id: t.id, hour: rows.get(i)?.hour ?? 0, day: rows.get(i)?.day ?? 0 }));
    const sites: AttackSite[] = [];
    for (const [siteId, counts] of this.sites) {
      const read = counts.read(now);
      if (read.length === 0) {
        this.sites.delete(siteId);
        continue;
      }
      const hour = new Array<number>(TACTIC_COUNT).fill(0);
      const day = new Array<number>(TACTIC_COUNT).fill(0);
      let tacticsHour = 0;
      for (const r of read) {
        hour[r.key] = r.hour;
        day[r.key] = r.day;
        if (r.hour > 0) tacticsHour++;
      }
      sites.push({ siteId, hour, day, tacticsHour, progression: tacticsHour >= PROGRESSION_TACTICS });
    }
    sites.sort((a, b) => Number(b.progression) - Number(a.progression) || b.tacticsHour - a.tacticsHour || sum(b.hour) - sum(a.hour) || (a.siteId < b.siteId ? -1 : 1));
    const techniques = topN(this.techniques.read(now), ATTACK_TECHNIQUES_MAX).map((r) => ({ id: r.key, hour: r.hour, day: r.day }));
    const src = new Map(this.sources.read(now).map((r) => [r.key, r]));
    const part = (k: TagSource) => ({ hour: src.get(k)?.hour ?? 0, day: src.get(k)?.day ?? 0 });
    return { tactics, sites, techniques, tagged: part('tagged'), mapped: part('mapped') };
  }

  exportState(): AttackTalliesState {
    return {
      province: this.province.exportState(),
      sites: [...this.sites].map(([id, c]) => [id, c.exportState()]),
      techniques: this.techniques.exportState(),
      sources: this.sources.exportState(),
    };
  }

  importState(s: AttackTalliesState): void {
    this.province.importState(s.province);
    this.sites.clear();
    for (const [id, rows] of s.sites) {
      if (this.sites.size >= this.maxSites) break;
      const c = new WindowedCounts<number>(TACTIC_COUNT);
      c.importState(rows);
      this.sites.set(id, c);
    }
    this.techniques.importState(s.techniques);
    this.sources.importState(s.sources);
    this.changed = true;
  }

  static parseState(x: unknown, path: string): AttackTalliesState {
    const o = obj(x, path);
    const tactic = (k: unknown, p: string) => {
      const i = numberKey(k, p);
      if (i >= TACTIC_COUNT) throw new StateError(p, 'a tactic index');
      return i;
    };
    const siteRows = arr(o.sites, `${path}.sites`);
    return {
      province: WindowedCounts.parseState(o.province, `${path}.province`, tactic, TACTIC_COUNT),
      sites: siteRows.map((row, i) => {
        const r = arr(row, `${path}.sites[${i}]`, 2);
        return [stringKey(256)(r[0], `${path}.sites[${i}][0]`), WindowedCounts.parseState(r[1], `${path}.sites[${i}][1]`, tactic, TACTIC_COUNT)];
      }),
      techniques: WindowedCounts.parseState(o.techniques, `${path}.techniques`, stringKey(9, TECHNIQUE_ID), TECHNIQUES_TRACKED),
      sources: WindowedCounts.parseState(o.sources, `${path}.sources`, stringKey(8, /^(tagged|mapped)$/u), 2),
    };
  }
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

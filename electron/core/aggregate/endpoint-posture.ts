// Endpoint posture totals across sites, maintained incrementally (O(1) per report).
import type { EndpointPosture } from '../../contract/index.js';
import { arr, count, numOrNull, obj, str } from './state-codec.js';

/** Posture per site as `[siteId, total, edr, antivirus, infected]`, in report order. */
export interface EndpointPostureState {
  sites: [string, number, number, number, number][];
  updatedAt: number | null;
}

interface SitePosture {
  total: number;
  edr: number;
  antivirus: number;
  infected: number;
}

export class EndpointPostureTotals {
  private readonly bySite = new Map<string, SitePosture>();
  private readonly sum: SitePosture = { total: 0, edr: 0, antivirus: 0, infected: 0 };
  private updatedAt: number | null = null;

  report(siteId: string, posture: { total: number | null; edr: number; antivirus: number; infected: number }, time: number): void {
    const next: SitePosture = {
      // Without a total, the larger of the two agent counts is the best lower bound.
      total: posture.total ?? Math.max(posture.edr, posture.antivirus),
      edr: posture.edr,
      antivirus: posture.antivirus,
      infected: posture.infected,
    };
    const prev = this.bySite.get(siteId);
    if (prev) {
      this.sum.total -= prev.total;
      this.sum.edr -= prev.edr;
      this.sum.antivirus -= prev.antivirus;
      this.sum.infected -= prev.infected;
    }
    this.bySite.set(siteId, next);
    this.sum.total += next.total;
    this.sum.edr += next.edr;
    this.sum.antivirus += next.antivirus;
    this.sum.infected += next.infected;
    if (this.updatedAt === null || time > this.updatedAt) this.updatedAt = time;
  }

  exportState(): EndpointPostureState {
    return {
      sites: [...this.bySite].map(([id, p]) => [id, p.total, p.edr, p.antivirus, p.infected]),
      updatedAt: this.updatedAt,
    };
  }

  static parseState(x: unknown, path: string): EndpointPostureState {
    const o = obj(x, path);
    const sites = arr(o.sites, `${path}.sites`).map((row, i) => {
      const p = `${path}.sites[${i}]`;
      const r = arr(row, p, 5);
      return [str(r[0], p, 256), count(r[1], p), count(r[2], p), count(r[3], p), count(r[4], p)] as [string, number, number, number, number];
    });
    return { sites, updatedAt: numOrNull(o.updatedAt, `${path}.updatedAt`) };
  }

  importState(s: EndpointPostureState): void {
    this.bySite.clear();
    this.sum.total = this.sum.edr = this.sum.antivirus = this.sum.infected = 0;
    for (const [id, total, edr, antivirus, infected] of s.sites) {
      this.bySite.set(id, { total, edr, antivirus, infected });
      this.sum.total += total;
      this.sum.edr += edr;
      this.sum.antivirus += antivirus;
      this.sum.infected += infected;
    }
    this.updatedAt = s.updatedAt;
  }

  totals(): EndpointPosture {
    return { ...this.sum, sitesReporting: this.bySite.size, updatedAt: this.updatedAt };
  }
}

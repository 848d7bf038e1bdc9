// Endpoint posture totals across sites, maintained incrementally (O(1) per report).
import type { EndpointPosture } from '../../contract/index.js';

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

  totals(): EndpointPosture {
    return { ...this.sum, sitesReporting: this.bySite.size, updatedAt: this.updatedAt };
  }
}

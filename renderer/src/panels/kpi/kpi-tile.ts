// What a KPI tile says: its level against the layout's thresholds, its figure in the wall's
// language, and whether the figure is out of date. Pure; KpiPanel.vue renders it.
import type { KpiTileDef, KpiValue } from '../../../../electron/contract/index.js';

/** null: the layout gave no threshold, so the tile states no level. */
export type KpiLevel = 'normal' | 'warning' | 'critical' | null;

export function kpiLevel(value: number, tile: Pick<KpiTileDef, 'warn_at' | 'critical_at' | 'worse'>): KpiLevel {
  if (tile.warn_at === undefined && tile.critical_at === undefined) return null;
  const worse = tile.worse ?? 'higher';
  const reached = (threshold: number | undefined) => threshold !== undefined && (worse === 'higher' ? value >= threshold : value <= threshold);
  if (reached(tile.critical_at)) return 'critical';
  if (reached(tile.warn_at)) return 'warning';
  return 'normal';
}

/** The figure with the tile's decimals, grouped as the language writes numbers (1.234,5 / 1,234.5). */
export function formatKpi(value: number, decimals: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Default age past which a figure is marked out of date (the layout's stale_after_s). */
export const KPI_STALE_AFTER_S = 900;

export function isKpiStale(kpi: Pick<KpiValue, 'time'>, hostNow: number, staleAfterS = KPI_STALE_AFTER_S): boolean {
  return hostNow - kpi.time > staleAfterS * 1000;
}

// Pure layout functions: a LayoutDef to CSS grid styles, the part of a spanning layout a
// window shows, and which layout a screen shows in a preset. No Vue, no DOM: unit-tested.
import type { LayoutDef, PanelOptions, PanelPlacement, ScreenDef, WallConfig } from '../../../electron/contract/index.js';

/**
 * Built-in copy of resources/wall/layouts/overview.yaml: shown until the host's configuration
 * arrives, so the wall never shows nothing.
 */
export const FALLBACK_LAYOUT: LayoutDef = {
  version: 1,
  id: 'overview',
  title: { vi: 'Tổng quan', en: 'Overview' },
  columns: 3,
  rows: 3,
  columnSizes: ['560px', '1fr', '770px'],
  rowSizes: ['112px', '1fr', '390px'],
  panels: [
    { panel: 'header', col: 1, row: 1, colSpan: 3 },
    { panel: 'counters', col: 1, row: 2, rowSpan: 2 },
    { panel: 'map', col: 2, row: 2, rowSpan: 2 },
    { panel: 'ticker', col: 3, row: 2 },
    { panel: 'sensors', col: 3, row: 3 },
  ],
};

/** A track size as CSS: "1fr" becomes minmax(0, 1fr) so content never widens a track. */
function track(size: string): string {
  const s = size.trim();
  return /^\d*\.?\d+fr$/.test(s) ? `minmax(0, ${s})` : s;
}

function tracks(count: number, sizes: readonly string[] | undefined): string {
  const n = Math.max(1, Math.floor(count));
  if (sizes && sizes.length === n) return sizes.map(track).join(' ');
  return `repeat(${n}, minmax(0, 1fr))`;
}

export interface GridStyle {
  gridTemplateColumns: string;
  gridTemplateRows: string;
}

export function gridStyle(layout: Pick<LayoutDef, 'columns' | 'rows' | 'columnSizes' | 'rowSizes'>): GridStyle {
  return {
    gridTemplateColumns: tracks(layout.columns, layout.columnSizes),
    gridTemplateRows: tracks(layout.rows, layout.rowSizes),
  };
}

export interface PlacementStyle {
  gridColumn: string;
  gridRow: string;
}

export function placementStyle(p: Pick<PanelPlacement, 'col' | 'row' | 'colSpan' | 'rowSpan'>): PlacementStyle {
  return {
    gridColumn: `${p.col} / span ${Math.max(1, p.colSpan ?? 1)}`,
    gridRow: `${p.row} / span ${Math.max(1, p.rowSpan ?? 1)}`,
  };
}

export interface SpanStyle {
  width: string;
  height: string;
  transform: string;
}

/**
 * The virtual canvas of a layout spanning C×R screens, inside a viewport of one screen:
 * C×100 % by R×100 %, translated so the viewport shows part (col, row). Percentages of the
 * canvas's own size, so it works in a full window and in a scaled tile alike.
 */
export function spanStyle(span: LayoutDef['span'], part: { col: number; row: number } | undefined): SpanStyle | null {
  const c = Math.max(1, Math.floor(span?.columns ?? 1));
  const r = Math.max(1, Math.floor(span?.rows ?? 1));
  if (c === 1 && r === 1) return null;
  const col = Math.min(c - 1, Math.max(0, Math.floor(part?.col ?? 0)));
  const row = Math.min(r - 1, Math.max(0, Math.floor(part?.row ?? 0)));
  const pct = (n: number): string => `${+n.toFixed(6)}%`;
  return {
    width: pct(c * 100),
    height: pct(r * 100),
    transform: `translate(${pct(-(col * 100) / c)}, ${pct(-(row * 100) / r)})`,
  };
}

/** The screens this window shows: `?screen=` (else the profile's first screen), then `?merge=a,b`. */
export interface WindowScreens {
  screen: string;
  merge: string[];
}

export function windowScreens(search: string, config: Pick<WallConfig, 'profile'> | null): WindowScreens {
  const q = new URLSearchParams(search);
  const asked = q.get('screen')?.trim() || '';
  const screen = asked || config?.profile.screens[0]?.id || '';
  const merge: string[] = [];
  for (const id of (q.get('merge') ?? '').split(',')) {
    const s = id.trim();
    if (s && s !== screen && !merge.includes(s)) merge.push(s);
  }
  return { screen, merge };
}

export type ScreenLayout =
  | { kind: 'layout'; layout: LayoutDef; part: { col: number; row: number } | undefined }
  | { kind: 'fallback'; layout: LayoutDef }
  | { kind: 'missing'; preset: number; screen: string; reason: 'preset' | 'screen' | 'layout'; layoutId?: string };

/** What a screen shows in a preset; the built-in overview until a configuration arrived. */
export function screenLayout(config: Pick<WallConfig, 'profile' | 'layouts'> | null, preset: number, screen: string): ScreenLayout {
  if (!config) return { kind: 'fallback', layout: FALLBACK_LAYOUT };
  const p = config.profile.presets[String(preset)];
  if (!p) return { kind: 'missing', preset, screen, reason: 'preset' };
  const a = p.screens[screen];
  if (a === undefined) return { kind: 'missing', preset, screen, reason: 'screen' };
  const id = typeof a === 'string' ? a : a.layout;
  const layout = config.layouts[id];
  if (!layout) return { kind: 'missing', preset, screen, reason: 'layout', layoutId: id };
  return { kind: 'layout', layout, part: typeof a === 'string' ? undefined : a.part };
}

/** Sites a panel is limited to (`sites` and the sites of `districts`), or null for all. */
export function siteFilter(
  options: PanelOptions | undefined,
  catalogue: readonly { id: string; parent_district: string }[],
): ReadonlySet<string> | null {
  const sites = options?.sites ?? [];
  const districts = options?.districts ?? [];
  if (sites.length === 0 && districts.length === 0) return null;
  const out = new Set<string>();
  const d = new Set(districts);
  for (const s of catalogue) if (sites.includes(s.id) || d.has(s.parent_district)) out.add(s.id);
  return out;
}

/** Scale and offset that fit a base canvas (e.g. 1920×1080) into a box, centred. */
export function fitScale(box: { width: number; height: number }, base: { width: number; height: number }): { scale: number; left: number; top: number } {
  const scale = Math.max(0.01, Math.min(box.width / base.width, box.height / base.height));
  return { scale, left: (box.width - base.width * scale) / 2, top: (box.height - base.height * scale) / 2 };
}

export interface MergedTiles {
  columns: number;
  rows: number;
  /** 1-based grid cells, one per screen, in the order given. */
  tiles: { id: string; col: number; row: number }[];
}

/**
 * How a window arranges its own screen and the screens merged onto it: as they stand on the
 * wall (their profile cells, shifted to the top-left), so the shift lead sees the wall's shape
 * in miniature. Screens without a distinct cell fall back to the grid that gives each tile the
 * largest scale, in the order given.
 */
export function mergedTiles(
  ids: readonly string[],
  screens: readonly Pick<ScreenDef, 'id' | 'cell'>[] | undefined,
  box: { width: number; height: number },
  base: { width: number; height: number },
): MergedTiles {
  const cells = ids.map((id) => screens?.find((s) => s.id === id)?.cell);
  const distinct = new Set(cells.map((c) => (c ? `${c.col},${c.row}` : '')));
  if (cells.every((c) => c !== undefined) && distinct.size === ids.length && ids.length > 0) {
    const known = cells as { col: number; row: number }[];
    const minCol = Math.min(...known.map((c) => c.col));
    const minRow = Math.min(...known.map((c) => c.row));
    return {
      columns: Math.max(...known.map((c) => c.col)) - minCol + 1,
      rows: Math.max(...known.map((c) => c.row)) - minRow + 1,
      tiles: ids.map((id, i) => ({ id, col: known[i]!.col - minCol + 1, row: known[i]!.row - minRow + 1 })),
    };
  }
  const n = Math.max(1, ids.length);
  let best = { columns: n, rows: 1, scale: -1 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const scale = Math.min(box.width / columns / base.width, box.height / rows / base.height);
    // Ties go to the grid with fewer empty cells, then to more columns (screens side by side).
    if (scale > best.scale + 1e-9 || (Math.abs(scale - best.scale) <= 1e-9 && columns * rows <= best.columns * best.rows)) best = { columns, rows, scale };
  }
  return { columns: best.columns, rows: best.rows, tiles: ids.map((id, i) => ({ id, col: (i % best.columns) + 1, row: Math.floor(i / best.columns) + 1 })) };
}

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { LayoutDef, WallConfig } from '../../../electron/contract/index.js';
import {
  FALLBACK_LAYOUT,
  fitScale,
  mergedTiles,
  gridStyle,
  placementStyle,
  screenLayout,
  siteFilter,
  spanStyle,
  windowScreens,
} from '../../../renderer/src/layouts/layout-engine.js';

const root = join(import.meta.dirname, '../../..');
const layoutFile = (id: string): LayoutDef => parse(readFileSync(join(root, 'resources/wall/layouts', `${id}.yaml`), 'utf8')) as LayoutDef;

function config(): Pick<WallConfig, 'profile' | 'layouts'> {
  const layouts: Record<string, LayoutDef> = {};
  for (const f of readdirSync(join(root, 'resources/wall/layouts'))) {
    const l = layoutFile(f.replace(/\.yaml$/, ''));
    layouts[l.id] = l;
  }
  const profile = parse(readFileSync(join(root, 'resources/wall/profiles/wall-2x2.yaml'), 'utf8')) as WallConfig['profile'];
  return { profile, layouts };
}

describe('grid styles', () => {
  it('uses the track sizes, fractions as minmax(0, fr)', () => {
    expect(gridStyle(FALLBACK_LAYOUT)).toEqual({
      gridTemplateColumns: '560px minmax(0, 1fr) 770px',
      gridTemplateRows: '112px minmax(0, 1fr) 390px',
    });
  });
  it('falls back to equal fractions when sizes are missing or do not match the count', () => {
    expect(gridStyle({ columns: 2, rows: 3, rowSizes: ['84px', '1fr', '1fr'] })).toEqual({
      gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
      gridTemplateRows: '84px minmax(0, 1fr) minmax(0, 1fr)',
    });
    expect(gridStyle({ columns: 2, rows: 1, columnSizes: ['1fr'] }).gridTemplateColumns).toBe('repeat(2, minmax(0, 1fr))');
    expect(gridStyle({ columns: 2, rows: 1, columnSizes: ['2.5fr', '560px'] }).gridTemplateColumns).toBe('minmax(0, 2.5fr) 560px');
  });
  it('places panels with 1-based lines and spans', () => {
    expect(placementStyle({ col: 1, row: 1, colSpan: 3 })).toEqual({ gridColumn: '1 / span 3', gridRow: '1 / span 1' });
    expect(placementStyle({ col: 2, row: 2, rowSpan: 2 })).toEqual({ gridColumn: '2 / span 1', gridRow: '2 / span 2' });
  });
  it('the built-in fallback is the bundled overview layout', () => {
    expect(FALLBACK_LAYOUT).toEqual(layoutFile('overview'));
  });
});

describe('spanning layouts', () => {
  it('is null for a one-screen layout', () => {
    expect(spanStyle(undefined, undefined)).toBeNull();
    expect(spanStyle({ columns: 1, rows: 1 }, { col: 0, row: 0 })).toBeNull();
  });
  it('renders C×R times the viewport, translated to the part', () => {
    const span = { columns: 2, rows: 2 };
    expect(spanStyle(span, { col: 0, row: 0 })).toEqual({ width: '200%', height: '200%', transform: 'translate(0%, 0%)' });
    expect(spanStyle(span, { col: 1, row: 0 })).toEqual({ width: '200%', height: '200%', transform: 'translate(-50%, 0%)' });
    expect(spanStyle(span, { col: 1, row: 1 })).toEqual({ width: '200%', height: '200%', transform: 'translate(-50%, -50%)' });
    expect(spanStyle({ columns: 3, rows: 1 }, { col: 2, row: 0 })?.transform).toBe('translate(-66.666667%, 0%)');
  });
  it('clamps a part outside the span', () => {
    expect(spanStyle({ columns: 2, rows: 2 }, { col: 5, row: -1 })?.transform).toBe('translate(-50%, 0%)');
  });
});

describe('which screen, which layout', () => {
  const cfg = config();
  it('takes ?screen=, else the profile first screen; ?merge= lists the other screens once', () => {
    expect(windowScreens('?screen=top-right', cfg)).toEqual({ screen: 'top-right', merge: [] });
    expect(windowScreens('', cfg)).toEqual({ screen: 'top-left', merge: [] });
    expect(windowScreens('', null)).toEqual({ screen: '', merge: [] });
    expect(windowScreens('?screen=top-left&merge=bottom-left,%20bottom-right,top-left,bottom-left', cfg)).toEqual({
      screen: 'top-left',
      merge: ['bottom-left', 'bottom-right'],
    });
  });
  it('resolves a layout id and the part of a spanning layout', () => {
    const a = screenLayout(cfg, 1, 'top-right');
    expect(a.kind === 'layout' && a.layout.id).toBe('incident-response');
    const b = screenLayout(cfg, 2, 'bottom-right');
    expect(b.kind === 'layout' && b.layout.id).toBe('map-wall');
    expect(b.kind === 'layout' && b.part).toEqual({ col: 1, row: 1 });
  });
  it('shows the built-in overview before any configuration, a notice for what is missing', () => {
    expect(screenLayout(null, 1, 'x')).toEqual({ kind: 'fallback', layout: FALLBACK_LAYOUT });
    expect(screenLayout(cfg, 8, 'top-left')).toMatchObject({ kind: 'missing', reason: 'preset', preset: 8 });
    expect(screenLayout(cfg, 1, 'side')).toMatchObject({ kind: 'missing', reason: 'screen', screen: 'side' });
    const broken = { ...cfg, layouts: {} };
    expect(screenLayout(broken, 1, 'top-left')).toMatchObject({ kind: 'missing', reason: 'layout', layoutId: 'overview' });
  });
});

describe('site filter and scaling', () => {
  const cat = [
    { id: 'a', parent_district: 'phu-quoc' },
    { id: 'b', parent_district: 'rach-gia' },
    { id: 'c', parent_district: 'kien-hai' },
  ];
  it('is null without sites or districts, else the union', () => {
    expect(siteFilter(undefined, cat)).toBeNull();
    expect(siteFilter({ sites: [], districts: [] }, cat)).toBeNull();
    expect([...(siteFilter({ districts: ['phu-quoc', 'kien-hai'] }, cat) ?? [])]).toEqual(['a', 'c']);
    expect([...(siteFilter({ sites: ['b'], districts: ['kien-hai'] }, cat) ?? [])]).toEqual(['b', 'c']);
  });
  it('fits a 1920×1080 canvas into a tile, centred', () => {
    expect(fitScale({ width: 960, height: 1080 }, { width: 1920, height: 1080 })).toEqual({ scale: 0.5, left: 0, top: 270 });
  });
});

describe('screens merged onto one window', () => {
  const HD = { width: 1920, height: 1080 };
  const wall2x2 = [
    { id: 'tl', cell: { col: 0, row: 0 } },
    { id: 'tr', cell: { col: 1, row: 0 } },
    { id: 'bl', cell: { col: 0, row: 1 } },
    { id: 'br', cell: { col: 1, row: 1 } },
  ];
  it('shows a whole 2×2 wall on one display as 2×2, each screen where it stands', () => {
    expect(mergedTiles(['tl', 'tr', 'bl', 'br'], wall2x2, HD, HD)).toEqual({
      columns: 2,
      rows: 2,
      tiles: [
        { id: 'tl', col: 1, row: 1 },
        { id: 'tr', col: 2, row: 1 },
        { id: 'bl', col: 1, row: 2 },
        { id: 'br', col: 2, row: 2 },
      ],
    });
  });
  it('keeps the wall order whatever order the window lists its screens in', () => {
    const t = mergedTiles(['br', 'tr'], wall2x2, HD, HD);
    expect(t).toEqual({ columns: 1, rows: 2, tiles: [{ id: 'br', col: 1, row: 2 }, { id: 'tr', col: 1, row: 1 }] });
    expect(mergedTiles(['bl', 'br'], wall2x2, HD, HD)).toEqual({ columns: 2, rows: 1, tiles: [{ id: 'bl', col: 1, row: 1 }, { id: 'br', col: 2, row: 1 }] });
  });
  it('without distinct cells, picks the grid with the largest tiles', () => {
    const same = [
      { id: 'a', cell: { col: 0, row: 0 } },
      { id: 'b', cell: { col: 0, row: 0 } },
      { id: 'c', cell: { col: 0, row: 0 } },
      { id: 'd', cell: { col: 0, row: 0 } },
    ];
    const four = mergedTiles(['a', 'b', 'c', 'd'], same, HD, HD);
    expect([four.columns, four.rows]).toEqual([2, 2]);
    expect(four.tiles.map((t) => [t.col, t.row])).toEqual([[1, 1], [2, 1], [1, 2], [2, 2]]);
    // Two screens on a 16:9 display: side by side (same scale as stacked; screens read left to right).
    const two = mergedTiles(['a', 'b'], undefined, HD, HD);
    expect([two.columns, two.rows]).toEqual([2, 1]);
    // Three on a tall portrait display: stacked.
    const three = mergedTiles(['a', 'b', 'c'], undefined, { width: 1080, height: 1920 }, HD);
    expect([three.columns, three.rows]).toEqual([1, 3]);
  });
});

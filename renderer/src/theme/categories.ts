// Category order, colours and shapes of the wall. The order is the contract's (contract/common);
// a category added there fails the typecheck here until it has a colour and a shape.
import type { Category, Severity, SiteStatus } from '../../../electron/contract/index.js';
import { CATEGORIES } from '../../../electron/contract/common/taxonomy.js';

/** Display order (also the stacking order of the timeline): the contract's one list. */
export const CATEGORY_ORDER: readonly Category[] = CATEGORIES;

/** Shape glyph per category, so colour is never the only cue (CSS class `shape-<name>`, ECharts symbol). */
export type Shape = 'circle' | 'diamond' | 'triangle' | 'square' | 'star' | 'triangle-down' | 'cross';

export interface CategoryStyle {
  /** Okabe-Ito colour-blind-safe palette (grey for "other"). */
  color: string;
  shape: Shape;
}

export const CATEGORY_STYLE: Readonly<Record<Category, CategoryStyle>> = {
  scan: { color: '#56B4E9', shape: 'circle' },
  spoof: { color: '#F0E442', shape: 'diamond' },
  malware: { color: '#CC79A7', shape: 'triangle' },
  combined: { color: '#E69F00', shape: 'square' },
  targeted: { color: '#D55E00', shape: 'star' },
  policy: { color: '#009E73', shape: 'triangle-down' },
  other: { color: '#BBBBBB', shape: 'cross' },
};

/** ECharts symbols matching the CSS shapes (legend icons). */
export const ECHARTS_SYMBOL: Readonly<Record<Shape, string>> = {
  circle: 'circle',
  diamond: 'diamond',
  triangle: 'triangle',
  square: 'rect',
  star: 'path://M50,0 L61,35 L98,35 L68,57 L79,91 L50,70 L21,91 L32,57 L2,35 L39,35 Z',
  'triangle-down': 'path://M0,0 L100,0 L50,90 Z',
  cross: 'path://M35,0 L65,0 L65,35 L100,35 L100,65 L65,65 L65,100 L35,100 L35,65 L0,65 L0,35 L35,35 Z',
};

export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  low: '#9AA4B2',
  medium: '#F0E442',
  high: '#E69F00',
  critical: '#D55E00',
};

export interface StatusStyle {
  stroke: string;
  fill: string;
  fillOpacity: number;
  radius: number;
  weight: number;
  dashArray: string | null;
}

/** Map marker per site status: colour AND fill/dash/size differ, and a glyph inside (site-map.ts): quiet and blind never look alike. */
export const STATUS_STYLE: Readonly<Record<SiteStatus, StatusStyle>> = {
  unknown: { stroke: '#C3CCD8', fill: '#C3CCD8', fillOpacity: 0, radius: 12, weight: 3, dashArray: '5 4' },
  quiet: { stroke: '#E6F4FF', fill: '#56B4E9', fillOpacity: 0.9, radius: 10, weight: 2, dashArray: null },
  attacked: { stroke: '#FFF3D6', fill: '#F2C500', fillOpacity: 0.95, radius: 15, weight: 2.5, dashArray: null },
  critical: { stroke: '#FFFFFF', fill: '#FF7A5C', fillOpacity: 1, radius: 19, weight: 3.5, dashArray: null },
  offline: { stroke: '#C8CDD4', fill: '#3A4048', fillOpacity: 1, radius: 13, weight: 3, dashArray: '3 3' },
};

/** Worse first: used to aggregate a cluster to its worst member. */
export const STATUS_RANK: Readonly<Record<SiteStatus, number>> = {
  quiet: 0,
  unknown: 1,
  offline: 2,
  attacked: 3,
  critical: 4,
};

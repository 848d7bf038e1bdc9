// Health of the optional raster tile layer (an internal tile server). Pure: unit-tested.
// The vector base map is always there; tiles are an extra that must never show as broken.

export type TileState = 'none' | 'loading' | 'ok' | 'failed';
export type TileEvent = 'configure' | 'unconfigure' | 'probe-ok' | 'probe-failed' | 'tileload' | 'tileerror' | 'retry';

/** Tile errors in a row (no tile loaded in between) after which the layer is removed. */
export const TILE_ERRORS_TO_FAIL = 3;
/** A failed tile server is tried again this often. */
export const TILE_RETRY_MS = 5 * 60_000;
/** A probe tile that neither loads nor fails within this time counts as failed. */
export const TILE_PROBE_TIMEOUT_MS = 10_000;
/** Transparent 1×1 PNG: what a tile that failed shows (never a broken-image icon). */
export const TRANSPARENT_TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export interface TileHealth {
  state: TileState;
  /** Tile errors since the last tile that loaded. */
  errorsInARow: number;
}

export interface TileStep {
  next: TileHealth;
  /** What the map does: add the tile layer, remove it (and schedule a retry), probe one tile, or nothing. */
  action: 'add-layer' | 'remove-layer' | 'probe' | 'none';
}

export const INITIAL_TILE_HEALTH: TileHealth = { state: 'none', errorsInARow: 0 };

/**
 * One event in. A configured server is first probed with one tile (the layer is only added
 * when it loads); then the first tile that loads makes it `ok`; TILE_ERRORS_TO_FAIL errors in
 * a row (before any load, or later when the server dies) remove the layer: `failed`, retried
 * every TILE_RETRY_MS.
 */
export function tileStep(h: TileHealth, e: TileEvent, errorsToFail: number = TILE_ERRORS_TO_FAIL): TileStep {
  switch (e) {
    case 'configure':
      return { next: { state: 'loading', errorsInARow: 0 }, action: 'probe' };
    case 'unconfigure':
      return { next: INITIAL_TILE_HEALTH, action: h.state === 'loading' || h.state === 'ok' ? 'remove-layer' : 'none' };
    case 'retry':
      return h.state === 'failed' ? { next: { state: 'loading', errorsInARow: 0 }, action: 'probe' } : { next: h, action: 'none' };
    case 'probe-ok':
      return h.state === 'loading' ? { next: h, action: 'add-layer' } : { next: h, action: 'none' };
    case 'probe-failed':
      return h.state === 'loading' ? { next: { state: 'failed', errorsInARow: 0 }, action: 'none' } : { next: h, action: 'none' };
    case 'tileload':
      return h.state === 'loading' || h.state === 'ok' ? { next: { state: 'ok', errorsInARow: 0 }, action: 'none' } : { next: h, action: 'none' };
    case 'tileerror': {
      if (h.state !== 'loading' && h.state !== 'ok') return { next: h, action: 'none' };
      const n = h.errorsInARow + 1;
      if (n >= errorsToFail) return { next: { state: 'failed', errorsInARow: 0 }, action: 'remove-layer' };
      return { next: { state: h.state, errorsInARow: n }, action: 'none' };
    }
  }
}

/** The URL of the tile holding a point (Web Mercator), from a `{z}/{x}/{y}` template; null when the template has other keys. */
export function tileUrlAt(template: string, lat: number, lon: number, zoom: number): string | null {
  const z = Math.max(0, Math.min(22, Math.round(zoom)));
  const n = 2 ** z;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const rad = (lat * Math.PI) / 180;
  const y = Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)));
  let ok = true;
  const url = template.replace(/\{([a-z-]+)\}/giu, (_, k: string) => {
    if (k === 'z') return String(z);
    if (k === 'x') return String(x);
    if (k === 'y') return String(y);
    if (k === '-y') return String(n - 1 - y);
    if (k === 's') return 'a';
    if (k === 'r') return '';
    ok = false;
    return '';
  });
  return ok ? url : null;
}

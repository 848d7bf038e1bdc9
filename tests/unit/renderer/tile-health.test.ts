import { describe, expect, it } from 'vitest';
import { INITIAL_TILE_HEALTH, TILE_ERRORS_TO_FAIL, tileStep, tileUrlAt, type TileEvent, type TileHealth } from '../../../renderer/src/map/tile-health.js';

function run(events: TileEvent[], from: TileHealth = INITIAL_TILE_HEALTH): { h: TileHealth; actions: string[] } {
  let h = from;
  const actions: string[] = [];
  for (const e of events) {
    const s = tileStep(h, e);
    h = s.next;
    if (s.action !== 'none') actions.push(s.action);
  }
  return { h, actions };
}

describe('tile layer health', () => {
  it('probes first; the layer is only added when the probe tile loads', () => {
    expect(run(['configure']).h.state).toBe('loading');
    expect(run(['configure']).actions).toEqual(['probe']);
    const failed = run(['configure', 'probe-failed']);
    expect(failed.h.state).toBe('failed');
    expect(failed.actions).toEqual(['probe']); // never added: nothing to remove
    const ok = run(['configure', 'probe-ok', 'tileload']);
    expect(ok.h.state).toBe('ok');
    expect(ok.actions).toEqual(['probe', 'add-layer']);
  });

  it(`${TILE_ERRORS_TO_FAIL} errors before any tile loads remove the layer`, () => {
    const r = run(['configure', 'probe-ok', 'tileerror', 'tileerror']);
    expect(r.h).toEqual({ state: 'loading', errorsInARow: 2 });
    const f = run(['tileerror'], r.h);
    expect(f.h.state).toBe('failed');
    expect(f.actions).toEqual(['remove-layer']);
  });

  it('a load resets the error count; a server that dies later is removed too', () => {
    const r = run(['configure', 'probe-ok', 'tileerror', 'tileerror', 'tileload', 'tileerror', 'tileerror']);
    expect(r.h).toEqual({ state: 'ok', errorsInARow: 2 });
    expect(run(['tileerror'], r.h).h.state).toBe('failed');
  });

  it('a failed server is probed again on retry; late events after failure are ignored', () => {
    const failed = run(['configure', 'probe-failed']).h;
    expect(run(['tileerror', 'tileload', 'probe-ok'], failed).h.state).toBe('failed');
    const again = run(['retry'], failed);
    expect(again.h.state).toBe('loading');
    expect(again.actions).toEqual(['probe']);
    expect(run(['retry'], run(['configure', 'probe-ok', 'tileload']).h).actions).toEqual([]);
  });

  it('unconfigure removes a live layer and returns to none', () => {
    const r = run(['configure', 'probe-ok', 'tileload', 'unconfigure']);
    expect(r.h.state).toBe('none');
    expect(r.actions.at(-1)).toBe('remove-layer');
  });

  it('tile URL of a point', () => {
    // Rạch Giá (10.01 N, 105.08 E) at zoom 8
    expect(tileUrlAt('http://t.lan/{z}/{x}/{y}.png', 10.01, 105.08, 8)).toBe('http://t.lan/8/202/120.png');
    expect(tileUrlAt('http://{s}.t.lan/{z}/{x}/{-y}.png', 10.01, 105.08, 8)).toBe('http://a.t.lan/8/202/135.png');
    expect(tileUrlAt('http://t.lan/{z}/{x}/{y}.png?key={apikey}', 10, 105, 8)).toBeNull();
  });
});

// A small wall configuration for the state machine's tests, and a runner of event sequences: two screens, presets 1–3 over two
// layouts (three and two counters panels), and a three-entry rotation unless told otherwise.
import type { KeyPress, LayoutDef, WallConfig, WallProfileDef } from '../../electron/contract/index.js';
import { effectiveBindings } from '../../electron/core/wall/keymap.js';
import { reduce, type ControllerEvent, type ControllerState, type Reduced } from '../../electron/core/wall/wall-reducer.js';

const layout = (id: string, n: number): LayoutDef => ({
  version: 1,
  id,
  title: { vi: id },
  columns: n,
  rows: 1,
  panels: Array.from({ length: n }, (_, i) => ({ panel: 'counters' as const, col: i + 1, row: 1 })),
});

export const DEFAULT_ROTATION: WallProfileDef['rotation'] = {
  playlist: [{ preset: 1, dwell_s: 60 }, { preset: 2, dwell_s: 30 }, { preset: 3, dwell_s: 10 }],
  idle_resume_s: 120,
  autostart: true,
};

/** `rotation: null`: a wall without rotation. */
export function wallConfig(rotation: WallProfileDef['rotation'] | null = DEFAULT_ROTATION): WallConfig {
  const profile: WallProfileDef = {
    version: 1,
    name: { vi: 'P' },
    screens: [{ id: 'a', cell: { col: 0, row: 0 } }, { id: 'b', cell: { col: 1, row: 0 } }],
    presets: {
      '1': { name: { vi: 'Một', en: 'One' }, screens: { a: 'x', b: 'y' } },
      '2': { name: { vi: 'Hai', en: 'Two' }, screens: { a: 'y', b: 'x' } },
      '3': { name: { vi: 'Ba', en: 'Three' }, screens: { a: 'x', b: 'x' } },
    },
    ...(rotation ? { rotation } : {}),
  };
  return { rev: 1, profile, layouts: { x: layout('x', 3), y: layout('y', 2) }, keys: effectiveBindings(undefined).bindings, contacts: [], shifts: null, alarms: null, watch: null, errors: [], source: 'test' };
}

/** The same wall with an outage preset (3 after 60 s down) and no rotation. */
export function outageWallConfig(): WallConfig {
  const c = wallConfig(null);
  c.profile.outage = { preset: 3, after_s: 60 };
  return c;
}

export const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrl: false, shift: false, alt: false, meta: false, ...mods });

/** Runs events through the reducer in order, each at its own time; returns every step. */
export function runEvents(state: ControllerState, steps: [number, ControllerEvent][]): Reduced[] {
  const out: Reduced[] = [];
  for (const [at, event] of steps) {
    const r = reduce(state, event, at);
    out.push(r);
    state = r.state;
  }
  return out;
}

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WallConfig } from '../../../electron/contract/index.js';
import { resourcesDir } from '../../../electron/core/config/resources.js';
import { insideAsar, WallConfigStore } from '../../../electron/core/config/wall-config-store.js';
import { waitFor } from '../../helpers/wait.js';

const catalogue = { sites: new Set(['ubnd-tinh']), districts: new Set(['phu-quoc', 'kien-hai']) };

describe('WallConfigStore', () => {
  let dir = '';
  let store: WallConfigStore | null = null;
  afterEach(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function copyBundled(): string {
    dir = mkdtempSync(join(tmpdir(), 'socwall-config-'));
    cpSync(join(resourcesDir(), 'wall'), dir, { recursive: true });
    return dir;
  }

  it('does not watch a configuration inside a packaged app archive (fs.watch fails there), and says so once', () => {
    expect(insideAsar('/opt/SOC Wall/resources/app.asar/resources/wall')).toBe(true);
    expect(insideAsar('C:\\Program Files\\SOC Wall\\resources\\app.asar\\resources\\wall')).toBe(true);
    expect(insideAsar('/opt/SOC Wall/resources/app.asar')).toBe(true);
    expect(insideAsar('/etc/soc-wall/wall')).toBe(false);
    expect(insideAsar('/srv/backup.asar.d/wall')).toBe(false);
    // A folder that looks like the archive's path (the archive itself is a file Electron reads).
    dir = mkdtempSync(join(tmpdir(), 'socwall-asar-'));
    const bundled = join(dir, 'app.asar', 'resources', 'wall');
    cpSync(join(resourcesDir(), 'wall'), bundled, { recursive: true });
    const logs: string[] = [];
    store = new WallConfigStore({ dir: bundled, profile: 'single', catalogue, log: (_level, message) => logs.push(message) });
    store.watch(20);
    expect(logs.filter((l) => l.includes('inside the app archive'))).toHaveLength(1);
    expect(logs.some((l) => l.startsWith('cannot watch'))).toBe(false);
  });

  it('loads both bundled profiles with every layout they name', () => {
    for (const profile of ['single', 'wall-2x2']) {
      const s = new WallConfigStore({ dir: join(resourcesDir(), 'wall'), profile, catalogue });
      const c = s.config();
      expect(c.errors).toEqual([]);
      for (const preset of Object.values(c.profile.presets)) {
        for (const a of Object.values(preset.screens)) expect(c.layouts[typeof a === 'string' ? a : a.layout]).toBeDefined();
      }
    }
  });

  it('reads the alarm rules and the shift roster beside the profile, refuses an impossible one with its file and keeps the last valid', () => {
    copyBundled();
    store = new WallConfigStore({ dir, profile: 'single', catalogue });
    const first = store.config();
    expect(first.errors).toEqual([]);
    expect(first.alarms?.rules.map((r) => r.id)).toEqual(['targeted', 'malware-critical', 'any-critical']);
    expect(first.shifts?.shifts.map((x) => x.id)).toEqual(['day', 'night']);
    // A priority for a severity below the rule's minimum: the schema allows the shape, the check refuses it.
    const alarms = join(dir, 'alarms.yaml');
    writeFileSync(alarms, readFileSync(alarms, 'utf8').replace('priority: { critical: high }', 'priority: { high: low, critical: high }'));
    // Two shifts with one id.
    const shifts = join(dir, 'shifts.yaml');
    writeFileSync(shifts, readFileSync(shifts, 'utf8').replace('  - id: night', '  - id: day'));
    store.reload();
    const c = store.config();
    expect([...new Set(c.errors.map((e) => e.file))].sort()).toEqual(['alarms.yaml', 'shifts.yaml']);
    expect(c.errors.find((e) => e.file === 'shifts.yaml')?.reason).toMatch(/day/u);
    expect(c.errors.find((e) => e.file === 'alarms.yaml')?.reason).toContain('below its min_severity');
    expect(c.alarms).toEqual(first.alarms);
    expect(c.shifts).toEqual(first.shifts);
    // Without the files: no rules, no roster (the wall raises no alarms and names no shift).
    rmSync(alarms);
    rmSync(shifts);
    store.reload();
    expect(store.config()).toMatchObject({ alarms: null, shifts: null, errors: [] });
  });

  it('applies a valid edit live and keeps the last valid version of an invalid one', async () => {
    copyBundled();
    store = new WallConfigStore({ dir, profile: 'single', catalogue });
    store.watch(20);
    const seen: WallConfig[] = [];
    store.subscribe((c) => seen.push(c));
    const file = join(dir, 'layouts', 'posture.yaml');
    const original = readFileSync(file, 'utf8');

    writeFileSync(file, original.replace('Máy trạm và cảm biến', 'Máy trạm (sửa)'));
    await waitFor(() => store!.config().layouts.posture?.title.vi === 'Máy trạm (sửa)', 'the valid edit', 3000);

    writeFileSync(file, original.replace('columns: 2', 'columns: two'));
    const errs = await waitFor(() => (store!.config().errors.length > 0 ? store!.config().errors : null), 'the rejection', 3000);
    expect(errs[0]).toMatchObject({ file: 'layouts/posture.yaml', line: 6 });
    expect(errs[0]!.reason).toMatch(/^columns: /u);
    // The last valid version stays on the wall.
    expect(store.config().layouts.posture?.title.vi).toBe('Máy trạm (sửa)');

    writeFileSync(file, original);
    await waitFor(() => store!.config().errors.length === 0, 'the error to clear', 3000);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects a profile naming a missing layout and keeps the previous profile', async () => {
    copyBundled();
    store = new WallConfigStore({ dir, profile: 'single', catalogue });
    const file = join(dir, 'profiles', 'single.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('main: posture', 'main: postur'));
    store.reload();
    const c = store.config();
    expect(c.errors.map((e) => [e.line, e.reason])).toEqual([[12, 'preset 4: no layout "postur" (expected layouts/postur.yaml)']]);
    expect(c.profile.presets['4']?.screens.main).toBe('posture');
  });

  it('refuses to start on an unusable profile, naming the file and line', () => {
    copyBundled();
    writeFileSync(join(dir, 'profiles', 'single.yaml'), 'version: 1\nname: {}\nscreens: nope\npresets: {}\n');
    expect(() => new WallConfigStore({ dir, profile: 'single', catalogue })).toThrow(/single\.yaml:3 screens: /u);
  });
});

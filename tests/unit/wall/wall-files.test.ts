import { describe, expect, it } from 'vitest';
import { crossCheck, parseLayoutText, parseProfileText } from '../../../electron/core/config/wall-files.js';
import type { LayoutDef } from '../../../electron/contract/index.js';

const catalogue = { sites: new Set(['ubnd-tinh']), districts: new Set(['phu-quoc']) };

describe('layout and profile files: errors name the line', () => {
  it('accepts a valid layout', () => {
    const r = parseLayoutText('l.yaml', 'version: 1\nid: a\ntitle: { vi: A }\ncolumns: 2\nrows: 1\npanels:\n  - { panel: map, col: 1, row: 1 }\n', catalogue);
    expect(r.errors).toEqual([]);
    expect(r.value?.panels[0]?.panel).toBe('map');
  });

  it('points at the line of a wrong value', () => {
    const text = ['version: 1', 'id: a', 'title: { vi: A }', 'columns: 2', 'rows: 1', 'panels:', '  - panel: map', '    col: 1', '    row: 1', '  - panel: radar', '    col: 2', '    row: 1', ''].join('\n');
    const r = parseLayoutText('l.yaml', text, catalogue);
    expect(r.value).toBeNull();
    expect(r.errors[0]).toMatchObject({ file: 'l.yaml', line: 10 });
    expect(r.errors[0]!.reason).toMatch(/^panels\.1\.panel: /u);
  });

  it('reports a misspelt key (strict) and a YAML syntax error with their lines', () => {
    const typo = parseLayoutText('l.yaml', 'version: 1\nid: a\ntitle: { vi: A }\ncolums: 2\nrows: 1\npanels: []\n', catalogue);
    expect(typo.errors.some((e) => e.reason.includes('colums') && e.line === 4)).toBe(true);
    const syntax = parseLayoutText('l.yaml', 'version: 1\nid: a\npanels: [\n  { panel: map\n', catalogue);
    expect(syntax.value).toBeNull();
    expect(syntax.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('works for JSON too', () => {
    const r = parseLayoutText('l.json', '{\n  "version": 1,\n  "id": "a",\n  "title": {"vi": "A"},\n  "columns": "two",\n  "rows": 1,\n  "panels": [{"panel": "map", "col": 1, "row": 1}]\n}\n', catalogue);
    expect(r.errors[0]).toMatchObject({ line: 5 });
  });

  it('rejects a panel outside the grid and unknown sites', () => {
    const r = parseLayoutText('l.yaml', 'version: 1\nid: a\ntitle: {}\ncolumns: 2\nrows: 1\npanels:\n  - { panel: map, col: 2, row: 1, colSpan: 2 }\n  - { panel: ticker, col: 1, row: 1, options: { sites: [nowhere] } }\n', catalogue);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [7, 'panels.0 (map) ends in column 3 of a 2-column grid'],
      [8, 'panels.1: site "nowhere" is not in the site catalogue'],
    ]);
  });

  it('checks a KPI panel: it names its figures, only it takes them, and critical comes after warning', () => {
    const layout = (panels: string) => parseLayoutText('k.yaml', `version: 1\nid: k\ntitle: {}\ncolumns: 1\nrows: 1\npanels:\n${panels}`, catalogue);
    const ok = layout('  - { panel: kpi, col: 1, row: 1, options: { kpis: [{ name: open-incidents, label: { en: Open }, warn_at: 5, critical_at: 10 }, { name: patched-pct, label: { en: Patched }, worse: lower, warn_at: 90, critical_at: 80 }] } }\n');
    expect(ok.errors).toEqual([]);
    expect(ok.value?.panels[0]?.options?.kpis?.[1]).toMatchObject({ name: 'patched-pct', worse: 'lower' });
    expect(layout('  - { panel: kpi, col: 1, row: 1 }\n').errors.map((e) => e.reason)).toEqual(['panels.0 (kpi) needs options.kpis: the figures to show']);
    expect(layout('  - { panel: map, col: 1, row: 1, options: { stale_after_s: 60 } }\n').errors.map((e) => e.reason)).toEqual(['panels.0 (map): kpis and stale_after_s are options of a kpi panel']);
    expect(layout('  - { panel: kpi, col: 1, row: 1, options: { kpis: [{ name: a, label: {}, warn_at: 10, critical_at: 5 }] } }\n').errors.map((e) => [e.line, e.reason])).toEqual([
      [7, 'panels.0: KPI "a" is critical before it is a warning (critical_at 5, warn_at 10, worse higher)'],
    ]);
    expect(layout('  - { panel: kpi, col: 1, row: 1, options: { kpis: [{ name: a, label: {}, colour: red }] } }\n').errors).toHaveLength(1);
  });

  it('cross-checks a profile against the layouts, with lines', () => {
    const profile = parseProfileText(
      'p.yaml',
      [
        'version: 1',
        'name: { vi: P }',
        'screens:',
        '  - { id: main, cell: { col: 0, row: 0 } }',
        'presets:',
        '  "1": { name: { vi: A }, screens: { main: a } }',
        '  "2": { name: { vi: B }, screens: { main: missing } }',
        '  "3": { name: { vi: C }, screens: { side: a } }',
        '  "4": { name: { vi: D }, screens: { main: { layout: a, part: { col: 1, row: 0 } } } }',
        'rotation: { playlist: [ { preset: 1, dwell_s: 10 }, { preset: 8, dwell_s: 10 } ], idle_resume_s: 60 }',
        '',
      ].join('\n'),
    );
    expect(profile.errors).toEqual([]);
    const layouts = new Map<string, LayoutDef>([['a', { version: 1, id: 'a', title: {}, columns: 1, rows: 1, panels: [{ panel: 'map', col: 1, row: 1 }] }]]);
    const errors = crossCheck(profile, layouts);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [7, 'preset 2: no layout "missing" (expected layouts/missing.yaml)'],
      [8, 'preset 3 names screen "side", which the profile does not define'],
      [9, 'preset 4: part 1,0 is outside layout "a", which spans 1×1 screens'],
      [10, 'rotation: preset 8 is not defined'],
    ]);
  });
});

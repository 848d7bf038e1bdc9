// The report archive: a PDF and an HTML per report, listed newest first only when both are
// there, bounded by count and by bytes (the newest always kept), and serving nothing but a
// kept report's exact name.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportArchive } from '../../../electron/core/reports/report-archive.js';

const T0 = Date.parse('2026-12-02T00:00:00Z');
const H = 3_600_000;
const dir = () => mkdtempSync(join(tmpdir(), 'socwall-archive-'));
const pdf = (n: number) => Buffer.alloc(n, 1);

describe('ReportArchive', () => {
  it('names a report by its shift, time and reason, lists it newest first, and reads it back', () => {
    const a = new ReportArchive({ dir: dir() });
    const first = a.write({ shift: '2026-12-02/day', writtenAt: T0 + 123, reason: 'on-demand' }, pdf(10), '<p>a</p>');
    const second = a.write({ shift: '2026-12-02/night.b', writtenAt: T0 + H, reason: 'shift-end' }, pdf(20), '<p>b</p>');
    expect(first).toMatchObject({ pdf: 'handover-2026-12-02-day-20261202T000000123Z-now.pdf', html: 'handover-2026-12-02-day-20261202T000000123Z-now.html', bytes: 18 });
    expect(a.list()).toEqual([
      { ...second, bytes: 28 },
      { ...first, bytes: 18 },
    ]);
    expect(a.list()[1]).toMatchObject({ shift: '2026-12-02/day', writtenAt: T0 + 123, reason: 'on-demand' });
    expect(a.has('2026-12-02/night.b', 'shift-end')).toBe(true);
    expect(a.has('2026-12-02/night.b', 'on-demand')).toBe(false);
    expect(a.file(first.pdf)).toMatchObject({ contentType: 'application/pdf', bytes: 10 });
    expect(a.file(first.html)).toMatchObject({ contentType: 'text/html; charset=utf-8', bytes: 8 });
  });

  it('serves nothing but the exact name of a kept report', () => {
    const d = dir();
    const a = new ReportArchive({ dir: d });
    const e = a.write({ shift: '2026-12-02/day', writtenAt: T0, reason: 'on-demand' }, pdf(1), 'x');
    writeFileSync(join(d, 'notes.txt'), 'private');
    for (const name of ['notes.txt', `../${e.pdf}`, `${e.pdf}/`, `.${e.pdf}.tmp`, e.pdf.replace('.pdf', '.PDF'), `sub/${e.pdf}`, '', 'handover-2026-12-02-day-20261202T000000000Z-now.pdf.html']) {
      expect(a.file(name), name).toBeNull();
    }
  });

  it('lists a report only once both its files are there', () => {
    const d = dir();
    const a = new ReportArchive({ dir: d });
    writeFileSync(join(d, 'handover-2026-12-02-day-20261202T000000000Z-now.html'), 'half');
    expect(a.list()).toEqual([]);
  });

  it('keeps at most maxReports hand-overs and maxOnDemand reports on request, each removing its own oldest', () => {
    const d = dir();
    const a = new ReportArchive({ dir: d, maxReports: 3, maxOnDemand: 2 });
    for (let i = 0; i < 5; i++) a.write({ shift: '2026-12-02/day', writtenAt: T0 + i * H, reason: 'shift-end' }, pdf(5), 'h');
    expect(a.list().map((e) => e.writtenAt)).toEqual([T0 + 4 * H, T0 + 3 * H, T0 + 2 * H]);
    expect(readdirSync(d)).toHaveLength(6);
    // A run of H presses never removes a hand-over.
    for (let i = 0; i < 5; i++) a.write({ shift: '2026-12-02/night', writtenAt: T0 + 5 * H + i, reason: 'on-demand' }, pdf(5), 'h');
    expect(a.list().map((e) => [e.reason, e.writtenAt])).toEqual([
      ['on-demand', T0 + 5 * H + 4],
      ['on-demand', T0 + 5 * H + 3],
      ['shift-end', T0 + 4 * H],
      ['shift-end', T0 + 3 * H],
      ['shift-end', T0 + 2 * H],
    ]);
  });

  it('keeps the report just written when the clock was set back, and clears what a crash left half-written', () => {
    const d = dir();
    const a = new ReportArchive({ dir: d, maxReports: 2 });
    writeFileSync(join(d, '.handover-2026-12-02-day-20261202T000000000Z-end.pdf.tmp'), pdf(10_000));
    a.write({ shift: '2026-12-02/day', writtenAt: T0 + 8 * H, reason: 'shift-end' }, pdf(10), 'x');
    a.write({ shift: '2026-12-02/night', writtenAt: T0 + 9 * H, reason: 'shift-end' }, pdf(10), 'x');
    // The clock set back: the next report carries an earlier stamp than both.
    const late = a.write({ shift: '2026-12-03/day', writtenAt: T0 + 7 * H, reason: 'shift-end' }, pdf(10), 'x');
    expect(a.list().map((e) => e.pdf)).toEqual([expect.stringContaining('T090000000Z'), late.pdf]);
    expect(readdirSync(d).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps at most maxBytes, reports on request going first, but always the one just written', () => {
    const mixed = new ReportArchive({ dir: dir(), maxBytes: 250 });
    mixed.write({ shift: '2026-12-02/day', writtenAt: T0, reason: 'shift-end' }, pdf(100), 'h');
    mixed.write({ shift: '2026-12-02/day', writtenAt: T0 + H, reason: 'on-demand' }, pdf(100), 'h');
    mixed.write({ shift: '2026-12-02/night', writtenAt: T0 + 2 * H, reason: 'shift-end' }, pdf(100), 'h');
    expect(mixed.list().map((e) => e.reason)).toEqual(['shift-end', 'shift-end']);

    const a = new ReportArchive({ dir: dir(), maxBytes: 250 });
    for (let i = 0; i < 4; i++) a.write({ shift: '2026-12-02/day', writtenAt: T0 + i * H, reason: 'shift-end' }, pdf(100), 'h');
    expect(a.list().map((e) => e.writtenAt)).toEqual([T0 + 3 * H, T0 + 2 * H]);
    const big = new ReportArchive({ dir: dir(), maxBytes: 10 });
    big.write({ shift: '2026-12-02/day', writtenAt: T0, reason: 'shift-end' }, pdf(100), 'h');
    big.write({ shift: '2026-12-02/day', writtenAt: T0 + H, reason: 'shift-end' }, pdf(100), 'h');
    expect(big.list().map((e) => e.writtenAt)).toEqual([T0 + H]);
  });

  it('in a folder that cannot exist, lists nothing and refuses to write with the reason, without throwing at construction', () => {
    const file = join(dir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const a = new ReportArchive({ dir: join(file, 'reports') });
    expect(a.list()).toEqual([]);
    expect(a.file('handover-2026-12-02-day-20261202T000000000Z-now.pdf')).toBeNull();
    expect(() => a.write({ shift: '2026-12-02/day', writtenAt: T0, reason: 'on-demand' }, pdf(1), 'x')).toThrow(/ENOTDIR/u);
  });

  it('refuses a shift key it cannot name a file after', () => {
    const a = new ReportArchive({ dir: dir() });
    expect(() => a.write({ shift: '../../etc/day', writtenAt: T0, reason: 'on-demand' }, pdf(1), 'x')).toThrow(/cannot be named/u);
    expect(a.list()).toEqual([]);
  });
});

// When reports are written: at each shift boundary (the shift that ended, once the clock has
// really passed it), on request, and at start for a shift that ended while the wall was down
// (once). Each audited; a failure is answered and audited, never thrown at the wall.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATEGORIES, type ReportReason } from '../../../electron/contract/index.js';
import { SpaceSavingSketch } from '../../../electron/core/aggregate/space-saving.js';
import type { HandoverInputs } from '../../../electron/core/reports/handover-report.js';
import { HandoverService } from '../../../electron/core/reports/handover-service.js';
import { ReportArchive } from '../../../electron/core/reports/report-archive.js';
import type { ShiftTally, ShiftWindow } from '../../../electron/core/reports/shift-tally.js';

const H = 3_600_000;
const DAY = Date.parse('2026-12-02T00:00:00Z');
/** Hour-long shifts: "2026-12-02/h07" covers 07:00–08:00 UTC. */
const windowAt = (at: number): ShiftWindow => {
  const start = Math.floor(at / H) * H;
  return { key: `2026-12-02/h${String(new Date(start).getUTCHours()).padStart(2, '0')}`, start, end: start + H };
};

/** A kept tally of the shift with this key (no events). */
function tally(key: string): ShiftTally {
  const w = [...Array(24).keys()].map((h) => windowAt(DAY + h * H)).find((x) => x.key === key)!;
  return {
    ...w,
    events: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as ShiftTally['events'],
    bySite: new Map(),
    otherSites: 0,
    signatures: new SpaceSavingSketch(8),
    sources: new SpaceSavingSketch(8),
    ingestAtStart: { received: 0, accepted: 0, rejected: 0, ignored: 0, duplicates: 0 },
  };
}

function inputs(reason: ReportReason, window: ShiftWindow, now: number, tallies: readonly ShiftTally[] = []): HandoverInputs {
  const zero = { received: 0, accepted: 0, rejected: 0, ignored: 0, duplicates: 0 };
  return {
    reason,
    now,
    language: 'en',
    window,
    windowAt,
    off: null,
    on: null,
    tallies,
    ingestNow: { ...zero, rejectedByReason: {}, ignoredByType: {} },
    live: [],
    closed: [],
    floods: [],
    link: { status: 'connected', broker: 'mqtt://127.0.0.1:1883', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null, gaps: [] },
    sensorOutages: [],
    closedFull: false,
    outagesFull: false,
    darkSensors: [],
    siteName: (id) => id,
  };
}

function setup(o: { now: () => number; tallies?: string[]; archive?: ReportArchive; collect?: () => HandoverInputs }) {
  const archive = o.archive ?? new ReportArchive({ dir: mkdtempSync(join(tmpdir(), 'socwall-handover-')) });
  const audits: [string, Readonly<Record<string, unknown>>][] = [];
  const service = new HandoverService({
    archive,
    windowAt,
    keptShifts: () => (o.tallies ?? []).map(tally),
    now: o.now,
    collect: o.collect ?? ((reason, window, now) => inputs(reason, window, now, (o.tallies ?? []).map(tally))),
    audit: (action, fields) => audits.push([action, fields]),
  });
  return { archive, audits, service };
}

/** Lets the report's rendering (real I/O, real streams) finish between fake-timer steps. */
async function settle(service: HandoverService): Promise<void> {
  await service.idle();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HandoverService', () => {
  it('writes the shift that ended at each boundary, and arms the next one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(DAY + 7 * H + H - 2000);
    const { archive, audits, service } = setup({ now: () => Date.now() });
    service.start();
    expect(archive.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    await settle(service);
    expect(archive.list()).toEqual([expect.objectContaining({ shift: '2026-12-02/h07', reason: 'shift-end' })]);
    expect(audits).toEqual([['report-written', expect.objectContaining({ shift: '2026-12-02/h07', reason: 'shift-end', client: 'shift-boundary' })]]);
    await vi.advanceTimersByTimeAsync(H);
    await settle(service);
    expect(archive.list().map((e) => e.shift)).toEqual(['2026-12-02/h08', '2026-12-02/h07']);
    await service.stop();
  });

  it('writes nothing when its timer fires but the clock was set back before the boundary', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = { now: DAY + 7 * H + 30 * 60_000 };
    const { archive, service } = setup({ now: () => clock.now });
    service.start();
    clock.now -= 10 * 60_000; // set back ten minutes while waiting
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await settle(service);
    expect(archive.list()).toEqual([]);
    // Re-armed for the same boundary, still forty minutes away by the wall clock.
    clock.now = DAY + 8 * H;
    await vi.advanceTimersByTimeAsync(40 * 60_000);
    await settle(service);
    expect(archive.list().map((e) => e.shift)).toEqual(['2026-12-02/h07']);
    await service.stop();
  });

  it('at start, writes every shift it saw that ended while the wall was down, once each, and none it did not see', async () => {
    const now = DAY + 9 * H + 5 * 60_000;
    const first = setup({ now: () => now, tallies: ['2026-12-02/h08'] });
    first.service.start();
    await first.service.stop();
    expect(first.archive.list()).toEqual([expect.objectContaining({ shift: '2026-12-02/h08', reason: 'shift-end' })]);
    expect(first.audits[0]?.[1]).toMatchObject({ client: 'catch-up' });
    const again = setup({ now: () => now + 1000, tallies: ['2026-12-02/h08'], archive: first.archive });
    again.service.start();
    await again.service.stop();
    expect(again.archive.list()).toHaveLength(1);
    // Down for more than one shift: both it saw are written; the one on duty now is not (it has not ended).
    const long = setup({ now: () => now, tallies: ['2026-12-02/h06', '2026-12-02/h07', '2026-12-02/h09'] });
    long.service.start();
    await long.service.stop();
    expect(long.archive.list().map((e) => e.shift).sort()).toEqual(['2026-12-02/h06', '2026-12-02/h07']);
    const unseen = setup({ now: () => now, tallies: ['2026-12-02/h09'] });
    unseen.service.start();
    await unseen.service.stop();
    expect(unseen.archive.list()).toEqual([]);
  });

  it('a roster change that ends the shift on duty writes that shift', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = { now: DAY + 9 * H + 40 * 60_000 };
    // From hour-long shifts to half-hour ones: h09 now ended at 09:30, before now.
    let half = false;
    const wAt = (at: number): ShiftWindow => {
      if (!half) return windowAt(at);
      const start = Math.floor(at / (H / 2)) * (H / 2);
      const d = new Date(start);
      return { key: `2026-12-02/h${String(d.getUTCHours()).padStart(2, '0')}${d.getUTCMinutes() ? 'b' : ''}`, start, end: start + H / 2 };
    };
    const archive = new ReportArchive({ dir: mkdtempSync(join(tmpdir(), 'socwall-handover-')) });
    const service = new HandoverService({ archive, windowAt: wAt, keptShifts: () => [], now: () => clock.now, collect: (r, w, n) => ({ ...inputs(r, w, n), windowAt: wAt }) });
    service.start();
    half = true;
    service.rearm();
    await service.idle();
    expect(archive.list()).toEqual([expect.objectContaining({ shift: '2026-12-02/h09', reason: 'shift-end' })]);
    expect(archive.list()[0]!.writtenAt).toBe(clock.now);
    await service.stop();
  });

  it('a clock set back into a shift already reported does not write it again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = { now: DAY + 8 * H - 1000 };
    const { archive, service } = setup({ now: () => clock.now });
    service.start();
    clock.now = DAY + 8 * H + 1;
    await vi.advanceTimersByTimeAsync(1000);
    await service.idle();
    expect(archive.list().map((e) => e.shift)).toEqual(['2026-12-02/h07']);
    // The clock goes back into h07: when the timer armed for h08's end fires, the wall is in
    // h07 again and arms for h07's end; at that end, h07 is not written a second time.
    clock.now = DAY + 8 * H - 10 * 60_000;
    await vi.advanceTimersByTimeAsync(H);
    clock.now = DAY + 8 * H + 5;
    await vi.advanceTimersByTimeAsync(10 * 60_000 + 1000);
    await service.idle();
    expect(archive.list().filter((e) => e.shift === '2026-12-02/h07')).toHaveLength(1);
    await service.stop();
  });

  it('H pressed again while its report is being written gets that report, not a second one', async () => {
    const now = DAY + 10 * H + 60_000;
    const { archive, service } = setup({ now: () => now });
    const [a, b] = await Promise.all([service.writeNow('local'), service.writeNow('host:x')]);
    expect(a).toBe(b);
    expect(archive.list()).toHaveLength(1);
    await service.stop();
  });

  it('writes the current shift on request; a failure is answered and audited, not thrown', async () => {
    const now = DAY + 10 * H + 60_000;
    const ok = setup({ now: () => now });
    const done = await ok.service.writeNow('host:abc');
    expect(done).toMatchObject({ ok: true, entry: { shift: '2026-12-02/h10', reason: 'on-demand' } });
    expect(ok.audits).toEqual([['report-written', expect.objectContaining({ client: 'host:abc', reason: 'on-demand' })]]);
    const broken = setup({
      now: () => now,
      collect: () => {
        throw new Error('disk on fire');
      },
    });
    expect(await broken.service.writeNow('local')).toEqual({ ok: false, reason: 'disk on fire' });
    expect(broken.audits).toEqual([['report-failed', expect.objectContaining({ client: 'local', error: 'disk on fire' })]]);
    // The queue goes on after a failure.
    expect(await ok.service.writeNow('local')).toMatchObject({ ok: true });
    await ok.service.stop();
    await broken.service.stop();
  });
});

// The hand-over report for a scripted shift: the bundled roster, alarm rules and site
// catalogue, wire messages fed to the aggregator at fixed times, an acknowledgement and a
// shelve by the desk. The report's figures are checked as data, then read back from the PDF
// with Debian's pdftotext (poppler-utils) and from the HTML: the same figures, the lead who
// acknowledged, Vietnamese glyphs embedded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { LinkState } from '../../../electron/contract/index.js';
import { AlarmRulesSchema, ShiftRosterSchema } from '../../../electron/contract/wall-config-schemas.js';
import { DEFAULT_SITE_RULES } from '../../../electron/core/aggregate/site-state-tracker.js';
import { WallAggregator } from '../../../electron/core/aggregate/wall-aggregator.js';
import { AlarmDesk } from '../../../electron/core/alarms/alarm-desk.js';
import { compileAlarmRules } from '../../../electron/core/alarms/alarm-rules.js';
import { loadCategoryMap, CategoryMapper } from '../../../electron/core/telemetry/category-map.js';
import { loadSiteCatalogue, readResourceJson, resourcesDir, siteLevelsOf } from '../../../electron/core/config/resources.js';
import { buildHandoverReport } from '../../../electron/core/reports/handover-report.js';
import { collectHandoverInputs } from '../../../electron/core/reports/handover-inputs.js';
import { renderReport } from '../../../electron/core/reports/handover-service.js';
import { shiftInfo, shiftWindow } from '../../../electron/core/shifts/shift-info.js';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';
import { nativeEvent } from '../../helpers/events.js';

const wallDir = join(resourcesDir(), 'wall');
const roster = v.parse(ShiftRosterSchema, parse(readFileSync(join(wallDir, 'shifts.yaml'), 'utf8')));
const rules = compileAlarmRules(v.parse(AlarmRulesSchema, parse(readFileSync(join(wallDir, 'alarms.yaml'), 'utf8'))));
const sites = loadSiteCatalogue();
const at = (local: string) => Date.parse(`${local}+07:00`);
const S = 1000;
const SENSORS = [
  ['so-tttt', 'fw-01'],
  ['so-tttt', 'av-01'],
  ['so-tttt', 'ids-01'],
  ['ubnd-tinh', 'ids-01'],
] as const;

/** Wednesday 2 December 2026, day shift 07:00–19:00: lead Nguyễn Văn Thắng; the night shift after it: Võ Thanh Hải. */
function scriptedShift() {
  const clock = { now: at('2026-12-01T07:00:00') };
  const agg = new WallAggregator({
    siteIds: sites.map((s) => s.id),
    siteRules: { ...DEFAULT_SITE_RULES, sensorTimeoutMs: 15 * 60 * S },
    now: () => clock.now,
    alarms: { rules, siteLevels: siteLevelsOf(sites), shiftAt: (t) => shiftInfo(roster, t) },
    shiftWindowAt: (t) => shiftWindow(roster, t),
  });
  const decoder = new TelemetryDecoder({ categoryMap: new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json'))), knownSites: new Set(sites.map((s) => s.id)) });
  // Every sensor beats each 10 minutes (timeout 15), except the firewall from 11:00:11 to 11:40.
  let beat = clock.now;
  const beatUntil = (t: number) => {
    for (; beat + 10 * 60 * S <= t; ) {
      beat += 10 * 60 * S;
      for (const [site, sensor] of SENSORS) {
        if (sensor === 'fw-01' && site === 'so-tttt' && beat > at('2026-12-02T11:00:11') && beat < at('2026-12-02T11:40:00')) continue;
        agg.apply(decoder.decode(`soc/v1/${site}/${sensor}/heartbeat`, Buffer.from('{}'), beat), beat);
      }
    }
  };
  const send = (local: string, site: string, sensor: string, category: Parameters<typeof nativeEvent>[0], severity: Parameters<typeof nativeEvent>[1], extra: Record<string, unknown> = {}) => {
    beatUntil(at(local));
    clock.now = at(local);
    agg.apply(decoder.decode(`soc/v1/${site}/${sensor}/event`, Buffer.from(nativeEvent(category, severity, { time: new Date(clock.now).toISOString(), ...extra })), clock.now), clock.now);
  };
  const desk = new AlarmDesk({ book: agg.alarms, shiftAt: (t) => shiftInfo(roster, t), now: () => clock.now });

  // The day before (Tuesday's day shift): 5 scans. The night before: 3 malware events.
  for (let i = 0; i < 5; i++) send(`2026-12-01T09:0${i}:00`, 'so-tttt', 'fw-01', 'scan', 'low');
  for (let i = 0; i < 3; i++) send(`2026-12-02T0${1 + i}:00:00`, 'so-tttt', 'av-01', 'malware', 'medium', { signature: 'Trojan.Win32.Agent' });

  // The shift: an APT beacon at the provincial data centre (critical), acknowledged 4 min 30 s later.
  send('2026-12-02T08:00:00', 'ubnd-tinh', 'ids-01', 'targeted', 'critical', { signature: 'APT implant beacon', src_ip: '198.51.100.23' });
  send('2026-12-02T08:02:00', 'ubnd-tinh', 'ids-01', 'targeted', 'critical', { signature: 'APT implant beacon', src_ip: '198.51.100.23' });
  clock.now = at('2026-12-02T08:04:30');
  const [critical] = agg.alarms.view().shown;
  expect(desk.acknowledge([critical!.id], 'local')).toBe(1);
  // A webshell at the Department of Information (high), never acknowledged: handed over.
  send('2026-12-02T09:00:00', 'so-tttt', 'ids-01', 'targeted', 'high', { signature: 'Webshell upload', src_ip: '203.0.113.77' });
  // A malware infection the lead shelves for an hour.
  send('2026-12-02T10:00:00', 'so-tttt', 'av-01', 'malware', 'critical', { signature: 'Ransom.LockBit' });
  const shelvedId = agg.alarms.view().shown.find((a) => a.priority === 'high' && a.siteId === 'so-tttt' && agg.alarms.get(a.id)?.category === 'malware')!.id;
  clock.now = at('2026-12-02T10:01:00');
  expect(desk.shelve(shelvedId, 'local')?.until).toBe(at('2026-12-02T11:01:00'));
  // Scans all day; the firewall goes silent 11:00 → 11:40.
  for (let i = 0; i < 12; i++) send(`2026-12-02T11:00:${String(i).padStart(2, '0')}`, 'so-tttt', 'fw-01', 'scan', 'low');
  send('2026-12-02T11:40:00', 'so-tttt', 'fw-01', 'scan', 'low');
  // Two messages the decoder refuses.
  beatUntil(at('2026-12-02T12:00:00'));
  clock.now = at('2026-12-02T12:00:00');
  agg.apply(decoder.decode('soc/v1/so-tttt/fw-01/event', Buffer.from('{not json'), clock.now), clock.now);
  agg.apply(decoder.decode('soc/v1/so-tttt/fw-01/event', Buffer.from(JSON.stringify({ v: 1, id: 'x', category: 'scan' })), clock.now), clock.now);
  // The night shift's first event (the day shift's ingest ends where the night's begins).
  send('2026-12-02T19:05:00', 'so-tttt', 'fw-01', 'scan', 'low');
  beatUntil(at('2026-12-02T19:06:00'));
  clock.now = at('2026-12-02T19:06:00');
  return { agg, clock, shelvedId };
}

const LINK: LinkState = {
  status: 'connected',
  broker: 'mqtt://127.0.0.1:1883',
  demo: false,
  lastMessageAt: null,
  since: 0,
  reconnects: 1,
  lastError: null,
  gaps: [{ from: at('2026-12-02T13:00:00'), to: at('2026-12-02T13:12:00') }],
};

function reportFor(language: 'vi' | 'en') {
  const { agg, clock, shelvedId } = scriptedShift();
  const window = shiftWindow(roster, at('2026-12-02T12:00:00'));
  const inputs = collectHandoverInputs({ aggregator: agg, link: LINK, roster, sites: new Map(sites.map((s) => [s.id, s])), language }, 'shift-end', window, clock.now);
  return { report: buildHandoverReport(inputs), shelvedId };
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'socwall-report-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  // -layout keeps a table row on one line.
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
}

describe('hand-over report of a scripted shift', () => {
  it('has the period, both leads, events against the shift before and the day before, alarms with who acknowledged and how fast', () => {
    const { report, shelvedId } = reportFor('en');
    expect(report.period).toEqual({ key: '2026-12-02/day', start: at('2026-12-02T07:00:00'), end: at('2026-12-02T19:00:00'), complete: true });
    expect(report.off?.lead).toBe('Nguyễn Văn Thắng');
    expect(report.on?.lead).toBe('Võ Thanh Hải');
    const row = (c: string) => report.events.find((e) => e.category === c);
    expect(row('scan')).toEqual({ category: 'scan', count: 13, previous: 0, dayBefore: 5 });
    expect(row('malware')).toEqual({ category: 'malware', count: 1, previous: 3, dayBefore: 0 });
    expect(row('targeted')).toMatchObject({ count: 3 });
    expect(report.totals).toEqual({ count: 17, previous: 3, dayBefore: 5 });
    expect(report.topSites[0]).toMatchObject({ id: 'so-tttt', count: 15 });
    expect(report.topSignatures.map((s) => s.key)).toEqual(expect.arrayContaining(['APT implant beacon', 'Webshell upload', 'Ransom.LockBit']));
    expect(report.topSources[0]).toEqual({ key: '198.51.100.23', count: 2 });

    const critical = report.alarms.rows.find((a) => a.priority === 'critical')!;
    expect(critical).toMatchObject({ siteId: 'ubnd-tinh', signature: 'APT implant beacon', count: 2, acknowledgedBy: 'Nguyễn Văn Thắng', ackSeconds: 270 });
    const webshell = report.alarms.rows.find((a) => a.signature === 'Webshell upload')!;
    expect(webshell).toMatchObject({ acknowledgedBy: null, ackSeconds: null });
    expect(report.alarmFigures.find((f) => f.priority === 'critical')).toMatchObject({ raised: 1, acknowledged: 1, p50: 270, p95: 270 });
    expect(report.alarmsByHour).toHaveLength(12);
    expect(report.alarmsByHour[1]!.counts.critical).toBe(1);

    expect(report.standing.rows.map((a) => a.signature)).toEqual(expect.arrayContaining(['APT implant beacon', 'Webshell upload']));
    expect(report.shelved.rows).toEqual([expect.objectContaining({ id: shelvedId, shelvedUntil: at('2026-12-02T11:01:00'), shelvedBy: 'Nguyễn Văn Thắng' })]);
    expect(report.outages.link).toEqual([{ from: at('2026-12-02T13:00:00'), to: at('2026-12-02T13:12:00') }]);
    expect(report.outages.sensors.rows).toEqual([expect.objectContaining({ sensorId: 'fw-01', from: at('2026-12-02T11:00:11'), to: at('2026-12-02T11:40:00') })]);
    expect(report.ingest).toMatchObject({ rejected: 2, ignored: 0 });
    // 17 events and 4 heartbeats every 10 minutes from 07:00 to 19:00, less the firewall's silence.
    expect(report.ingest.accepted).toBe(17 + 4 * 72 - 3);
  });

  it('reads back from the PDF (pdftotext) with the figures, the acknowledging lead and Vietnamese text', async () => {
    const { report } = reportFor('vi');
    const { pdf, html } = await renderReport(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Báo cáo bàn giao ca');
    expect(text).toContain('Ca ngày (2026-12-02/day)');
    expect(text).toContain('2026-12-02 07:00 – 2026-12-02 19:00');
    expect(text).toMatch(/Trưởng ca bàn giao\s+Nguyễn Văn Thắng/u);
    expect(text).toMatch(/Trưởng ca nhận ca\s+Võ Thanh Hải/u);
    // Events per category: this shift, the one before, the day before.
    expect(text).toMatch(/Quét\/dò quét\s+13\s+0\s+5/u);
    expect(text).toMatch(/Mã độc\s+1\s+3\s+0/u);
    expect(text).toMatch(/Tổng\s+17\s+3\s+5/u);
    // The critical alarm, who acknowledged it and after how long; the one nobody did.
    expect(text).toMatch(/KHẨN CẤP.*APT implant.*Nguyễn Văn Thắng\s+4 phút 30 giây/u);
    expect(text).toMatch(/Webshell.*CHƯA XÁC NHẬN/u);
    expect(text).toMatch(/tạm gác đến 12-02 11:01 \(Nguyễn Văn/u);
    expect(text).toMatch(/2026-12-02 13:00\s+2026-12-02 13:12\s+12 phút/u);
    expect(text).toMatch(/fw-01\s+2026-12-02 11:00\s+2026-12-02 11:40\s+40 phút/u);
    expect(text).toMatch(/Từ chối\s+2/u);
    expect(text).toMatch(/Trang 1\/\d/u);
    // The font is embedded (a subset), so the glyphs are the document's own.
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    expect(fonts).toMatch(/BeVietnamPro-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/u);
    expect(fonts).toMatch(/BeVietnamPro-Bold/u);
    expect(fonts).not.toMatch(/Helvetica/u);

    // The HTML says the same.
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<td>Nguyễn Văn Thắng</td><td>4 phút 30 giây</td>');
    expect(html).toContain('<td>Quét/dò quét</td><td class="r">13</td><td class="r">0</td><td class="r">5</td>');
    expect(html).toMatch(/<svg[^>]*>/u);
  });

  it('is written in English when the wall is', async () => {
    const { report } = reportFor('en');
    const text = pdfText((await renderReport(report)).pdf);
    expect(text).toContain('Shift hand-over report');
    expect(text).toMatch(/Lead going off\s+Nguyễn Văn Thắng/u);
    expect(text).toMatch(/Scanning\s+13\s+0\s+5/u);
    expect(text).toMatch(/APT implant.*Nguyễn Văn Thắng\s+4 min 30 s/u);
    expect(text).toMatch(/Page 1 of \d/u);
  });

  it('escapes what came from the wire in the HTML', async () => {
    const { report } = reportFor('en');
    report.topSignatures.unshift({ key: '<script>alert(1)</script>', count: 9 });
    const { html } = await renderReport(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain("default-src 'none'");
  });
});

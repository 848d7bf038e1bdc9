// The report at every list's bound, with hostile text from the wire: lists are cut and
// counted, long texts are cut in the tables so the PDF stays a readable size, nothing from
// the wire reaches the HTML as markup (the two charts carry only the wall's own labels), the
// shift's own sensor outages are not pushed out by sensors dark for months, and the report
// says when a core bound may have cut this shift's alarms or outages.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../electron/contract/index.js';
import { buildHandoverReport, type HandoverInputs } from '../../../electron/core/reports/handover-report.js';
import { renderReport } from '../../../electron/core/reports/handover-service.js';
import { CELL_TEXT_MAX } from '../../../electron/core/reports/report-sections.js';
import { alarm } from '../../helpers/alarm-fixtures.js';

const H = 3_600_000;
const START = Date.parse('2026-12-02T00:00:00Z');
const window = { key: '2026-12-02/day', start: START, end: START + 12 * H };
const EVIL = '<img src=x onerror=alert(1)>"\'&';

function inputs(over: Partial<HandoverInputs> = {}): HandoverInputs {
  return {
    reason: 'shift-end',
    now: window.end + 1000,
    language: 'vi',
    window,
    windowAt: (at) => ({ key: `2026-12-0${1 + Math.floor((at - START + 24 * H) / (24 * H))}/s${Math.floor(at / (12 * H)) % 2}`, start: Math.floor(at / (12 * H)) * 12 * H, end: Math.floor(at / (12 * H)) * 12 * H + 12 * H }),
    off: { name: { vi: EVIL }, lead: EVIL, members: [EVIL] },
    on: { name: { vi: EVIL }, lead: EVIL, members: [] },
    tallies: [],
    ingestNow: { received: 0, accepted: 0, rejected: 0, ignored: 0, duplicates: 0, rejectedByReason: { [EVIL]: 3 }, ignoredByType: {} },
    live: [],
    closed: [],
    floods: [],
    link: { status: 'connected', broker: 'x', demo: false, lastMessageAt: null, since: 0, reconnects: 0, lastError: null, gaps: [] },
    sensorOutages: [],
    closedFull: false,
    outagesFull: false,
    darkSensors: [],
    siteName: (id) => id,
    ...over,
  };
}

function atBounds(): HandoverInputs {
  const sig = (i: number) => `${EVIL}${'A'.repeat(512)}${i}`.slice(0, 512);
  const closed: Alarm[] = [...Array(400).keys()].map((i) =>
    alarm(i + 1, { siteId: `${EVIL}site${i}`, signature: sig(i), firstSeen: START + i * 60_000, state: 'active-acknowledged', clearedAt: START + i * 60_000 + H, acknowledged: { at: START + i * 60_000 + 90_000, client: EVIL, lead: null, shift: null } }),
  );
  const live: Alarm[] = [...Array(250).keys()].map((i) =>
    alarm(1000 + i, { siteId: `${EVIL}live${i}`, signature: sig(i), firstSeen: START - H, ...(i % 2 ? { shelvedUntil: START + 13 * H, shelved: { at: START, client: EVIL, lead: null, shift: null } } : {}) }),
  );
  return inputs({
    live,
    closed,
    sensorOutages: [...Array(80).keys()].map((i) => ({ siteId: `${EVIL}s${i}`, sensorId: `${EVIL}${'y'.repeat(200)}`, from: START + i * 60_000, to: START + i * 60_000 + 600_000 })),
  });
}

describe('the report at its bounds', () => {
  it('cuts and counts every list, cuts long wire text in the tables, and stays a readable PDF', async () => {
    const report = buildHandoverReport(atBounds());
    expect([report.alarms.rows.length, report.alarms.more]).toEqual([300, 100]);
    expect([report.standing.rows.length, report.standing.more]).toEqual([100, 25]);
    expect([report.shelved.rows.length, report.shelved.more]).toEqual([100, 25]);
    expect([report.outages.sensors.rows.length, report.outages.sensors.more]).toEqual([50, 30]);
    const { pdf, html } = await renderReport(report);
    const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))?.[1]);
    // 550 rows with texts cut: tens of pages (uncut, 512-character signatures made 258).
    expect(pages).toBeGreaterThan(10);
    expect(pages).toBeLessThan(100);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(text).toContain('… và 100 dòng nữa');
    expect(html).not.toContain('A'.repeat(CELL_TEXT_MAX));
    expect(html).toContain(`${'A'.repeat(CELL_TEXT_MAX - EVIL.length - 20)}`);
    // Nothing from the wire is markup; the only raw SVG is the two charts, without wire text.
    expect(html).not.toContain('<img');
    expect(html.match(/<svg/gu)).toHaveLength(2);
    expect(html.match(/<svg[\s\S]*?<\/svg>/gu)!.join('')).not.toMatch(/onerror|&lt;img/u);
  }, 60_000);

  it("lists the shift's own sensor outages before sensors dark for a month, and those newest-lost first", () => {
    const month = 30 * 24 * H;
    const darkSensors = [...Array(60).keys()].map((i) => ({ siteId: 'old', sensorId: `s${i}`, since: START - month + i }));
    const r = buildHandoverReport(inputs({ darkSensors, sensorOutages: [{ siteId: 'so-tttt', sensorId: 'fw-01', from: START + 10 * 60_000, to: START + 40 * 60_000 }] }));
    expect(r.outages.sensors.rows[0]).toMatchObject({ sensorId: 'fw-01', to: START + 40 * 60_000 });
    expect(r.outages.sensors.rows.slice(1, 3).map((s) => s.sensorId)).toEqual(['s59', 's58']);
    expect(r.outages.sensors.more).toBe(11);
  });

  it('says when the alarm book or the outage list may have dropped some of this shift', async () => {
    const closed = [alarm(1, { state: 'active-acknowledged', firstSeen: START + H, clearedAt: START + 2 * H })];
    const cut = buildHandoverReport(inputs({ closed, closedFull: true, outagesFull: true, sensorOutages: [{ siteId: 'a', sensorId: 'b', from: START + H, to: START + 2 * H }] }));
    expect(cut.incomplete).toEqual({ alarms: true, outages: true });
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: (await renderReport(cut)).pdf, encoding: 'utf8' }).replace(/\s+/gu, ' ');
    expect(text).toContain('Sổ cảnh báo chỉ giữ 1.000 cảnh báo đã kết thúc gần nhất');
    expect(text).toContain('Chỉ giữ 200 lần gián đoạn cảm biến gần nhất');
    // Full lists whose oldest entries are older than the shift lost nothing of it.
    const old = [alarm(1, { state: 'active-acknowledged', firstSeen: START - 5 * H, clearedAt: START - 4 * H })];
    expect(buildHandoverReport(inputs({ closed: old, closedFull: true, outagesFull: true, sensorOutages: [{ siteId: 'a', sensorId: 'b', from: START - 3 * H, to: START - 2 * H }] })).incomplete).toEqual({ alarms: false, outages: false });
  });
});

// The hand-over report through the running wall: a real Mosquitto, the wall as its own
// process with a data folder and both tokens. A critical event is raised and acknowledged
// through the WallApi, `H` (the write-report action) writes the report, the wall confirms it,
// /api/reports lists it to a reader (not to a stranger), serves its PDF (read back with
// pdftotext: the alarm and the lead who acknowledged it) and its HTML under its own policy,
// refuses any other name, and the audit log records it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import * as v from 'valibot';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportEntry, WallState } from '../../electron/contract/index.js';
import { ShiftRosterSchema } from '../../electron/contract/wall-config-schemas.js';
import { verifyAuditDir } from '../../electron/core/audit/audit-verify.js';
import { resourcesDir } from '../../electron/core/config/resources.js';
import { shiftAt } from '../../electron/core/shifts/shift-roster.js';
import { fromHostSocket, type WallClient } from '../../renderer/src/api/index.js';
import { WebSocketTransport } from '../../renderer/src/api/ws-wall-api.js';
import { nativeEvent } from '../helpers/events.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { waitFor } from '../helpers/wait.js';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const g = globalThis as { WebSocket?: unknown };
const READ = 'report-test-read-token-0123456789abcdef';
const CONTROL = 'report-test-control-token-0123456789abcdef';
const roster = v.parse(ShiftRosterSchema, parse(readFileSync(join(resourcesDir(), 'wall', 'shifts.yaml'), 'utf8')));

describe('the hand-over report from the running wall (real Mosquitto, wall process)', () => {
  let broker: MosquittoBroker;
  let sensors: mqtt.MqttClient;
  let wall: WallProcess | null = null;
  let transport: WebSocketTransport | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'socwall-report-'));
  const hadWebSocket = 'WebSocket' in g;
  const savedWebSocket = g.WebSocket;
  const get = (path: string, token: string | null = READ) => fetch(`${wall!.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    g.WebSocket = WebSocket;
    broker = await startMosquitto();
    sensors = await mqtt.connectAsync(broker.url, { clientId: `report-sensors-${process.pid}` });
    wall = await spawnWall(['--broker', broker.url, '--data-dir', dataDir, '--hz', '10'], { SOCWALL_TOKEN: READ, SOCWALL_CONTROL_TOKEN: CONTROL });
  });
  afterAll(async () => {
    transport?.close();
    await sensors?.endAsync();
    await wall?.kill('SIGTERM');
    await broker?.stop();
    if (hadWebSocket) g.WebSocket = savedWebSocket;
    else delete g.WebSocket;
  });

  it('H writes it; /api/reports lists and serves it to a reader; the PDF names the alarm and the lead who acknowledged it', async () => {
    transport = new WebSocketTransport(`${wall!.url.replace('http', 'ws')}api/ws?control=${CONTROL}`);
    await new Promise<void>((resolve) => transport!.onHostConnection((up) => up && resolve()));
    const client: WallClient = fromHostSocket(transport);
    await waitFor(async () => ((await (await get('api/snapshot')).json()) as { link: { status: string } }).link.status === 'connected', 'the wall to connect');

    await sensors.publishAsync('soc/v1/ubnd-tinh/ids-01/event', nativeEvent('targeted', 'critical', { signature: 'APT implant beacon', src_ip: '198.51.100.23' }), { qos: 1 });
    await waitFor(async () => (await client.getState()).selectedAlarm !== null, 'the critical alarm selected');
    await client.command({ type: 'action', action: 'alarm-acknowledge', screen: 'main' });
    await waitFor(async () => (await client.getState()).toast?.message.kind === 'alarms-acknowledged', 'the acknowledgement confirmed');
    const lead = shiftAt(roster, Date.now()).lead;

    // Nothing is listed before H (no shift ended while this wall ran).
    expect(((await (await get('api/reports')).json()) as { reports: ReportEntry[] }).reports).toEqual([]);
    await client.command({ type: 'action', action: 'write-report', screen: 'main' });
    const toast = await waitFor(async () => {
      const s: WallState = await client.getState();
      return s.toast?.message.kind === 'report-written' ? s.toast.message : null;
    }, 'the report confirmed on the wall', 20_000);

    // The listing: a stranger is refused, a reader sees it.
    expect((await get('api/reports', null)).status).toBe(401);
    const listing = (await (await get('api/reports')).json()) as { reports: ReportEntry[] };
    expect(listing.reports).toHaveLength(1);
    const [entry] = listing.reports;
    expect(entry).toMatchObject({ shift: shiftAt(roster, Date.now()).key, reason: 'on-demand', pdf: toast.kind === 'report-written' ? toast.file : '' });

    const pdf = await get(`api/reports/${entry!.pdf}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: Buffer.from(await pdf.arrayBuffer()), encoding: 'utf8' });
    expect(text).toContain('Báo cáo bàn giao ca');
    expect(text).toMatch(new RegExp(`Trưởng ca bàn giao\\s+${lead}`, 'u'));
    expect(text).toMatch(new RegExp(`KHẨN CẤP.*APT implant.*${lead}\\s+\\d+ giây`, 'u'));

    const html = await get(`api/reports/${entry!.html}`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(await html.text()).toContain(lead);

    // Only a kept report's exact name is served.
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'handover-x.pdf', '%2e%2e', `${entry!.pdf}.tmp`, '..%2Faudit']) {
      expect((await get(`api/reports/${bad}`)).status, bad).toBe(404);
    }

    // Audited, and the chain holds.
    const audit = join(dataDir, 'audit');
    expect(verifyAuditDir(audit)).toMatchObject({ ok: true });
    const actions = readdirSync(audit)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(audit, f), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { action: string; pdf?: string; reason?: string });
    expect(actions.find((a) => a.action === 'report-written')).toMatchObject({ pdf: entry!.pdf, reason: 'on-demand' });
  });
});

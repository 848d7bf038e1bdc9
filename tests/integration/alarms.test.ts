// Alarms end to end in the core, with a real Mosquitto and the wall as its own process: a
// critical event raises an alarm in frames; an acknowledgement and a shelve through the
// WallApi (the WebSocket, as a shift lead's browser sends them) change it in frames, are
// recorded with the shift and its lead, and survive a SIGKILL and restart (journal); the
// audit log of those actions verifies, chained across the restart.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import * as v from 'valibot';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm, SnapshotFrame } from '../../electron/contract/index.js';
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
/** The shift lead's browser presents the control token (README, Security). */
const CONTROL = 'alarm-test-control-token-0123456789abcdef';
const roster = v.parse(ShiftRosterSchema, parse(readFileSync(join(resourcesDir(), 'wall', 'shifts.yaml'), 'utf8')));

describe('alarms through the core, the API and a restart (real Mosquitto, wall process)', () => {
  let broker: MosquittoBroker;
  let sensors: mqtt.MqttClient;
  let wall: WallProcess | null = null;
  const transports: WebSocketTransport[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'socwall-alarms-'));
  const args = () => ['--broker', broker.url, '--data-dir', dataDir, '--hz', '10'];
  const env = { SOCWALL_CONTROL_TOKEN: CONTROL };
  const hadWebSocket = 'WebSocket' in g;
  const savedWebSocket = g.WebSocket;

  const api = async (w: WallProcess): Promise<WallClient> => {
    const t = new WebSocketTransport(`${w.url.replace('http', 'ws')}api/ws?control=${CONTROL}`);
    transports.push(t);
    await new Promise<void>((resolve) => t.onHostConnection((up) => up && resolve()));
    return fromHostSocket(t);
  };
  const alarmsOf = (s: SnapshotFrame): Alarm[] => [...s.alarms.alarms].sort((a, b) => a.id - b.id);
  const publish = (site: string, category: 'targeted' | 'malware', severity: 'high' | 'critical', signature: string) =>
    sensors.publishAsync(`soc/v1/${site}/ids-01/event`, nativeEvent(category, severity, { signature }), { qos: 1 });

  beforeAll(async () => {
    g.WebSocket = WebSocket;
    broker = await startMosquitto({ persistence: true });
    sensors = await mqtt.connectAsync(broker.url, { clientId: `alarm-sensors-${process.pid}` });
  });
  afterAll(async () => {
    for (const t of transports) t.close();
    await sensors?.endAsync();
    await wall?.kill('SIGKILL');
    await broker?.stop();
    if (hadWebSocket) g.WebSocket = savedWebSocket;
    else delete g.WebSocket;
  });

  it('raises, acknowledges and shelves through the API, recorded with the lead on duty, and keeps all of it across a SIGKILL', async () => {
    wall = await spawnWall(args(), env);
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'the wall to connect');
    const client = await api(wall);
    expect(await client.getAccess()).toEqual({ control: true });

    // A targeted critical event at the provincial data centre (level 4): a critical alarm;
    // two more at another site: one high alarm with a count of 2; a low scan raises nothing.
    await publish('ubnd-tinh', 'targeted', 'critical', 'APT implant beacon');
    await publish('so-tttt', 'targeted', 'high', 'Webshell upload');
    await publish('so-tttt', 'targeted', 'high', 'Webshell upload');
    await sensors.publishAsync('soc/v1/so-tttt/ids-01/event', nativeEvent('scan', 'low'), { qos: 1 });
    const raised = await waitFor(async () => {
      const s = await wall!.snapshot();
      return s.alarms.alarms.length === 2 && s.ingest.accepted >= 4 ? s : null;
    }, 'two alarms in the snapshot', 10_000);
    const [critical, high] = alarmsOf(raised);
    expect(critical).toMatchObject({ siteId: 'ubnd-tinh', category: 'targeted', priority: 'critical', state: 'active-unacknowledged', count: 1, signature: 'APT implant beacon' });
    expect(high).toMatchObject({ siteId: 'so-tttt', priority: 'high', state: 'active-unacknowledged', count: 2 });
    expect(raised.alarms.summary.unacknowledged).toMatchObject({ critical: 1, high: 1 });
    const metrics = await (await fetch(`${wall.url}metrics`)).text();
    expect(metrics).toContain('socwall_alarms_unacknowledged{priority="critical"} 1');
    expect(metrics).toContain('socwall_alarms_raised_total{priority="high"} 1');
    expect(metrics).toContain('socwall_alarm_flood 0');

    // The wall selected the critical one (the oldest unacknowledged of the highest priority).
    await waitFor(async () => (await client.getState()).selectedAlarm === critical!.id, 'the critical alarm selected');
    await client.command({ type: 'action', action: 'alarm-acknowledge', screen: 'main' });
    const acked = await waitFor(async () => {
      const a = alarmsOf(await wall!.snapshot()).find((x) => x.id === critical!.id);
      return a?.state === 'active-acknowledged' ? a : null;
    }, 'the acknowledgement in frames');
    const expectedLead = shiftAt(roster, acked.acknowledged!.at).lead;
    expect(acked.acknowledged).toMatchObject({ lead: expectedLead, shift: shiftAt(roster, acked.acknowledged!.at).key });
    expect(acked.acknowledged!.client).toMatch(/^host:/u);
    // Time to acknowledge, in this shift, for the critical priority.
    expect(await (await fetch(`${wall.url}metrics`)).text()).toMatch(/socwall_alarm_ack_seconds\{priority="critical",quantile="0.5"\} \d/u);

    // The selection moved to the high alarm by itself; S shelves it for an hour.
    await waitFor(async () => (await client.getState()).selectedAlarm === high!.id, 'the selection on the next unacknowledged alarm');
    const before = Date.now();
    await client.command({ type: 'action', action: 'alarm-shelve', screen: 'main' });
    const shelved = await waitFor(async () => alarmsOf(await wall!.snapshot()).find((x) => x.id === high!.id && x.shelvedUntil !== null) ?? null, 'the shelve in frames');
    expect(shelved.shelvedUntil! - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(shelved.shelvedUntil! - before).toBeLessThanOrEqual(3600_000 + 5000);
    expect(shelved.shelved?.lead).toBe(shiftAt(roster, shelved.shelved!.at).lead);

    // Killed at once: the actions were in the journal before the frames showed them.
    await wall.kill('SIGKILL');
    wall = await spawnWall(args(), env);
    const restored = alarmsOf(await wall.snapshot());
    expect(restored.map((a) => [a.id, a.state, a.shelvedUntil])).toEqual([
      [critical!.id, 'active-acknowledged', null],
      [high!.id, 'active-unacknowledged', shelved.shelvedUntil],
    ]);
    expect(restored[0]!.acknowledged).toEqual(acked.acknowledged);

    // A new event for the acknowledged alarm joins it (same id, count 2) and stays acknowledged.
    await waitFor(async () => (await wall!.snapshot()).link.status === 'connected', 'the restarted wall to connect');
    await publish('ubnd-tinh', 'targeted', 'critical', 'APT implant beacon');
    const joined = await waitFor(async () => alarmsOf(await wall!.snapshot()).find((x) => x.id === critical!.id && x.count === 2) ?? null, 'the new event joined');
    expect(joined.state).toBe('active-acknowledged');

    // The audit log: both actions, chained and intact across the restart.
    const audit = join(dataDir, 'audit');
    const verdict = verifyAuditDir(audit);
    expect(verdict).toMatchObject({ ok: true, breaks: [] });
    const lines = readdirSync(audit)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(audit, f), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { action: string; alarm?: number; lead?: string });
    expect(lines.find((l) => l.action === 'acknowledge')).toMatchObject({ alarm: critical!.id, lead: expectedLead });
    expect(lines.find((l) => l.action === 'shelve')).toMatchObject({ alarm: high!.id });
  });
});

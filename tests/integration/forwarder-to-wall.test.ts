// Issue 13's "done when", end to end: a Wazuh manager's alerts.json, a FortiGate's syslog over
// UDP and a pfSense's filterlog over TCP each reach a real wall (the browser host, --broker)
// through the forwarder (the built bundle, as `npm run forward` runs it) and a real Mosquitto.
// Each source lands on its own site and sensor, decoded by its own decoder: the wall's counters
// gain exactly the categories the format gives, nothing is rejected, the high and critical
// alerts are incidents on the right sensor, and the forwarder's heartbeat shows each sensor.
// The lines are the vendors' documented samples (tests/fixtures/*/README.md) with their times
// made current, as a live source writes them.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, SnapshotFrame } from '../../electron/contract/index.js';
import { requireForwarderBundle, spawnForwarder, type ForwarderProcess } from '../helpers/forwarder-process.js';
import { freePort, startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { sendTcp, sendUdp } from '../helpers/syslog-send.js';
import { waitFor } from '../helpers/wait.js';
import { spawnWall, type WallProcess } from '../helpers/wall-process.js';

const fixture = (path: string) =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l !== '');

/** The six documented Wazuh alerts, stamped now (the manager's +0000 `timestamp`, the indexer's `@timestamp`). */
function wazuhAlerts(now: Date): string[] {
  const manager = now.toISOString().replace('Z', '+0000');
  return fixture('wazuh/wazuh-docs-alerts.ndjson').map((l) => l.replace(/"timestamp":"[^"]*"/u, `"timestamp":"${manager}"`).replace(/"@timestamp":"[^"]*"/u, `"@timestamp":"${now.toISOString()}"`));
}
/** By the category map: invalid_login → combined; local/sshd, syscheck and VirusTotal errors → other; 66 engines → malware. */
const WAZUH_CATEGORIES: Partial<Record<Category, number>> = { combined: 1, other: 4, malware: 1 };

/** FortiOS's documented traffic and anomaly logs (`eventtime` now) after the `<189>` a FortiGate sends, and the SC4S lines as captured. */
function fortigateLines(now: number): string[] {
  const [traffic, anomaly] = fixture('fortigate/fortinet-fortios-docs.log');
  return [
    `<189>${traffic!.replace(/eventtime=\d+/u, `eventtime=${BigInt(now) * 1_000_000n}`)}`,
    `<189>${anomaly!.replace(/eventtime=\d+/u, `eventtime=${Math.floor(now / 1000)}`)}`,
    // No zone in these: the time the forwarder received them.
    ...fixture('fortigate/sc4s-fortinet-ngfw.log'),
  ];
}
/** Allowed traffic (close, two sniffer accepts) → other; the UTM anomaly → combined; webfilter → policy. */
const FORTIGATE_CATEGORIES: Partial<Record<Category, number>> = { other: 3, combined: 1, policy: 1 };

const BLOCKED_IN = 20;
/** pfSense's filterlog with its own HOSTNAME (the route key): inbound blocks from 20 addresses, an outbound block, a pass. */
function pfsenseLines(): string[] {
  const header = '<134>Nov  8 12:37:34 pfSense filterlog: ';
  const lines = Array.from({ length: BLOCKED_IN }, (_, i) => `${header}5,,,1000102433,em0,match,block,in,4,0x0,,128,${24677 + i},0,none,17,udp,186,203.0.113.${i + 1},10.9.0.255,17500,17600,166`);
  lines.push(`${header}7,,,1000102434,em1,match,block,out,4,0x0,,64,1,0,none,6,tcp,60,10.9.0.20,198.51.100.9,50000,445,0,S,1,,64240,,mss`);
  lines.push(`${header}65,,,0,vmx1,match,pass,out,4,0x0,,63,21011,0,none,1,icmp,56,192.168.105.11,192.168.105.1,datalength=36`);
  return lines;
}
/** Inbound blocks → scan, the outbound block → policy, the pass → other (the category map's firewall section). */
const PFSENSE_CATEGORIES: Partial<Record<Category, number>> = { scan: BLOCKED_IN, policy: 1, other: 1 };

function sum(...parts: Partial<Record<Category, number>>[]): Partial<Record<Category, number>> {
  const out: Partial<Record<Category, number>> = {};
  for (const p of parts) for (const [c, n] of Object.entries(p) as [Category, number][]) out[c] = (out[c] ?? 0) + n;
  return out;
}

function gained(before: SnapshotFrame, after: SnapshotFrame): Partial<Record<Category, number>> {
  const out: Partial<Record<Category, number>> = {};
  for (const [c, n] of Object.entries(after.counters.today) as [Category, number][]) {
    const d = n - (before.counters.today[c] ?? 0);
    if (d !== 0) out[c] = d;
  }
  return out;
}

const sensorOf = (s: SnapshotFrame, site: string, sensor: string) => s.sites.find((x) => x.id === site)?.sensors.find((x) => x.id === sensor);

describe('the forwarder carries a Wazuh file, FortiGate syslog and pfSense filterlog to the wall', () => {
  let broker: MosquittoBroker;
  let wall: WallProcess;
  const forwarders: ForwarderProcess[] = [];

  beforeAll(async () => {
    requireForwarderBundle();
    broker = await startMosquitto();
    wall = await spawnWall(['--broker', broker.url, '--data-dir', mkdtempSync(join(tmpdir(), 'socwall-fwd-e2e-wall-'))]);
    await waitFor(async () => (await wall.snapshot()).link.status === 'connected', 'the wall to connect', 30_000);
  });
  afterAll(async () => {
    for (const f of forwarders) await f.kill('SIGTERM');
    await wall?.kill('SIGTERM');
    await broker?.stop();
  });

  it('each source on its own site and sensor, each line counted once in its category, nothing rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-e2e-'));
    const alerts = join(dir, 'alerts.json');
    writeFileSync(alerts, '');
    const udpPort = await freePort();
    const tcpPort = await freePort();
    // The Wazuh manager's host runs one forwarder on its alert file; the centre runs one for syslog.
    forwarders.push(await spawnForwarder(['--broker', broker.url, '--file', alerts, '--site', 'so-tttt', '--sensor', 'wazuh-1', '--state-dir', join(dir, 'wazuh-state')]));
    forwarders.push(
      await spawnForwarder([
        '--broker', broker.url,
        '--syslog', `udp://127.0.0.1:${udpPort}`,
        '--syslog', `tcp://127.0.0.1:${tcpPort}`,
        // Unrouted senders (the FortiGate) take the default; the pfSense is routed by its HOSTNAME.
        '--site', 'ubnd-tinh', '--sensor', 'fortigate-1',
        '--route', 'pfSense=soc-tinh/pfsense-1',
        '--state-dir', join(dir, 'syslog-state'),
      ]),
    );
    await waitFor(async () => {
      const s = await wall.snapshot();
      return [['so-tttt', 'wazuh-1'], ['ubnd-tinh', 'fortigate-1'], ['soc-tinh', 'pfsense-1']].every(([site, sensor]) => sensorOf(s, site!, sensor!)?.online === true);
    }, 'each forwarder heartbeat to show its sensors online', 20_000);

    const before = await wall.snapshot();
    const now = new Date();
    appendFileSync(alerts, wazuhAlerts(now).map((l) => `${l}\n`).join(''));
    await sendUdp('127.0.0.2', udpPort, fortigateLines(now.getTime()));
    await sendTcp('127.0.0.3', tcpPort, pfsenseLines().map((l) => `${l}\n`).join(''));

    const expected = sum(WAZUH_CATEGORIES, FORTIGATE_CATEGORIES, PFSENSE_CATEGORIES);
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    let after = before;
    await waitFor(async () => {
      after = await wall.snapshot();
      return Object.values(gained(before, after)).reduce((a, b) => a + b, 0) >= total;
    }, `${total} events on the wall`, 30_000).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}: gained ${JSON.stringify(gained(before, after))}, ingest ${JSON.stringify(after.ingest)}\n${forwarders.map((f) => f.output().slice(-1500)).join('\n')}`);
    });
    // Settle: nothing more arrives (a second copy of any line would show here).
    await new Promise((r) => setTimeout(r, 1500));
    after = await wall.snapshot();

    expect(after.ingest.rejected - before.ingest.rejected, JSON.stringify(after.ingest.rejectedByReason)).toBe(0);
    expect(after.ingest.duplicates - before.ingest.duplicates).toBe(0);
    expect(gained(before, after)).toEqual(expected);

    // High and critical alerts are incidents, on the sensor their source publishes as.
    const incidents = after.incidents.map((i) => ({ site: i.siteId, sensor: i.sensorId, category: i.category, severity: i.severity, signature: i.signature }));
    expect(incidents).toContainEqual({ site: 'so-tttt', sensor: 'wazuh-1', category: 'malware', severity: 'high', signature: 'VirusTotal: Alert - /media/user/software/eicar.com - 66 engines detected this file' });
    expect(incidents).toContainEqual({ site: 'ubnd-tinh', sensor: 'fortigate-1', category: 'combined', severity: 'critical', signature: 'icmp_flood' });
    // The firewall's blocked senders are the top sources; each sensor's last event is now.
    expect(after.top.sources.map((t) => t.key)).toContain('203.0.113.1');
    for (const [site, sensor] of [['so-tttt', 'wazuh-1'], ['ubnd-tinh', 'fortigate-1'], ['soc-tinh', 'pfsense-1']] as const) {
      expect(sensorOf(after, site, sensor)?.lastSeenAt, `${site}/${sensor}`).toBeGreaterThanOrEqual(now.getTime() - 1000);
    }
    expect(after.sites.find((s) => s.id === 'ubnd-tinh')?.worstSeverity).toBe('critical');
  });

  it("shows the forwarder's own trouble on its sensor: a file it follows is missing, then there", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-e2e-missing-'));
    const alerts = join(dir, 'alerts.json');
    forwarders.push(await spawnForwarder(['--broker', broker.url, '--file', alerts, '--site', 'so-tttt', '--sensor', 'wazuh-2', '--state-dir', join(dir, 'state'), '--heartbeat-s', '1']));
    await waitFor(async () => sensorOf(await wall.snapshot(), 'so-tttt', 'wazuh-2')?.forwarder?.status === 'degraded', 'the degraded forwarder on its sensor', 20_000);
    expect(sensorOf(await wall.snapshot(), 'so-tttt', 'wazuh-2')).toMatchObject({ online: true, forwarder: { status: 'degraded', queued: 0, dropped: 0 } });
    // The manager writes its file: the forwarder is ok again, and the wall says nothing more.
    writeFileSync(alerts, '');
    await waitFor(async () => {
      const s = sensorOf(await wall.snapshot(), 'so-tttt', 'wazuh-2');
      return s?.online === true && s.forwarder === undefined;
    }, 'the forwarder ok again', 20_000);
  });
});

// Syslog into the forwarder over UDP and TCP on loopback, senders told apart by their source
// address (127.0.0.0/8 is all loopback on Linux): routed by address and by HOSTNAME, published
// on the right topic with `via` and `peer`, unrouted senders dropped and said; the heartbeat
// goes to every route target with its counts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardCollector, requireForwarderBundle, spawnForwarder, type ForwarderProcess } from '../helpers/forwarder-process.js';
import { freePort, startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { octetCounted as octet, sendTcp, sendUdp } from '../helpers/syslog-send.js';
import { waitFor } from '../helpers/wait.js';


describe('forwarder: syslog over UDP and TCP', () => {
  let broker: MosquittoBroker;
  let forwarder: ForwarderProcess;
  let collector: ForwardCollector;
  let udpPort: number;
  let tcpPort: number;

  beforeAll(async () => {
    requireForwarderBundle();
    broker = await startMosquitto();
    collector = await ForwardCollector.start(broker.url);
    udpPort = await freePort();
    tcpPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'socwall-fwd-syslog-'));
    const routes = join(dir, 'routes.json');
    writeFileSync(routes, JSON.stringify({ '127.0.0.2': 'ubnd-an-bien/fortigate-1', 'pfsense-rach-gia': 'sxd-rach-gia/pfsense' }));
    forwarder = await spawnForwarder([
      '--broker', broker.url,
      '--syslog', `udp://127.0.0.1:${udpPort}`,
      '--syslog', `tcp://127.0.0.1:${tcpPort}`,
      '--routes', routes,
      '--route', '127.0.0.5=so-tttt/core-switch',
      '--state-dir', join(dir, 'state'),
      '--heartbeat-s', '1',
    ]);
  });
  afterAll(async () => {
    await forwarder?.kill('SIGTERM');
    await collector?.stop();
    await broker?.stop();
  });

  it('routes by address and by hostname, over UDP and TCP (octet counting and LF), with via and peer', async () => {
    const forti = '<189>date=2025-01-31 time=12:00:00 devname="FGT-AN-BIEN" logid="0000000013" type="traffic" action="deny"';
    const pf5424 = '<134>1 2025-01-31T12:00:00.000+07:00 pfsense-rach-gia filterlog 3456 - - 5,,,1000000103,igb0,match,block,in,4,0x0';
    const pf3164 = '<134>Jan 31 12:00:01 pfsense-rach-gia filterlog[3456]: 5,,,1000000103,igb1,match,block,in,4,0x0';
    // 127.0.0.2 routed by address even though its header names the pfSense host.
    const fortiClaimingPf = '<134>Jan 31 12:00:02 pfsense-rach-gia forti: by address wins';
    const sw = '<187>Jan 31 12:00:03 core-sw %LINK-3-UPDOWN: Interface Gi0/1, changed state to down';
    await sendUdp('127.0.0.2', udpPort, [forti, `${fortiClaimingPf}\n`]);
    await sendUdp('127.0.0.3', udpPort, [pf5424]);
    await sendTcp('127.0.0.3', tcpPort, `${octet(pf3164)}${sw.replace('core-sw', 'pfsense-rach-gia')}\n`);
    await sendTcp('127.0.0.5', tcpPort, `${sw}\n${octet(`${sw} again`)}`);
    await waitFor(() => collector.events.length >= 7, '7 syslog messages', 15_000);
    const by = (text: string) => collector.events.find((e) => e.content === text);
    expect(by(forti)).toMatchObject({ topic: 'soc/v1/ubnd-an-bien/fortigate-1/event', via: 'syslog-udp', peer: '127.0.0.2' });
    expect(by(fortiClaimingPf)).toMatchObject({ topic: 'soc/v1/ubnd-an-bien/fortigate-1/event', via: 'syslog-udp', peer: '127.0.0.2' });
    expect(by(pf5424)).toMatchObject({ topic: 'soc/v1/sxd-rach-gia/pfsense/event', via: 'syslog-udp', peer: '127.0.0.3' });
    expect(by(pf3164)).toMatchObject({ topic: 'soc/v1/sxd-rach-gia/pfsense/event', via: 'syslog-tcp', peer: '127.0.0.3' });
    expect(by(sw.replace('core-sw', 'pfsense-rach-gia'))).toMatchObject({ topic: 'soc/v1/sxd-rach-gia/pfsense/event', via: 'syslog-tcp' });
    expect(by(sw)).toMatchObject({ topic: 'soc/v1/so-tttt/core-switch/event', via: 'syslog-tcp', peer: '127.0.0.5' });
    expect(by(`${sw} again`)).toMatchObject({ topic: 'soc/v1/so-tttt/core-switch/event', via: 'syslog-tcp', peer: '127.0.0.5' });
    // Syslog ids: `s.<boot>.<sequence>`, all distinct.
    expect(collector.events.every((e) => /^s\.[0-9a-z]+\.[0-9a-z]+$/u.test(e.id))).toBe(true);
    expect(collector.duplicates().distinctIds).toBe(collector.events.length);
  });

  it('drops an unrouted sender (no default site), says so, and counts it nowhere else', async () => {
    const before = collector.events.length;
    await sendUdp('127.0.0.9', udpPort, ['<13>Jan 31 12:00:00 stranger app: hello']);
    await waitFor(() => forwarder.output().includes('syslog from 127.0.0.9 matches no route'), 'the unrouted sender in the log', 10_000);
    expect(collector.events.length).toBe(before);
  });

  it('heartbeats go to every route target, with that target’s counts', async () => {
    const targets = ['ubnd-an-bien/fortigate-1', 'sxd-rach-gia/pfsense', 'so-tttt/core-switch'];
    const latest = (t: string) => collector.heartbeats.filter((h) => h.topic === `soc/v1/${t}/heartbeat`).at(-1)?.body;
    await waitFor(() => targets.every((t) => (latest(t)?.forwarder as { published?: number } | undefined)?.published), 'a heartbeat per target after the messages', 15_000);
    const pf = latest('sxd-rach-gia/pfsense')!;
    expect(pf).toMatchObject({ status: 'ok', interval_s: 1, forwarder: { read: 3, published: 3, queued: 0, dropped: 0 } });
    expect(Number.isNaN(Date.parse(String(pf.time)))).toBe(false);
    expect(latest('ubnd-an-bien/fortigate-1')).toMatchObject({ forwarder: { read: 2, published: 2 } });
  });
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forwarderOptions, parsePrefix, parseSyslogUrl } from '../../../electron/core/forwarder/forwarder-options.js';
import { heartbeatBody } from '../../../electron/core/forwarder/forwarder-heartbeat.js';
import * as v from 'valibot';
import { HeartbeatSchema } from '../../../electron/contract/schemas.js';

const base = ['--broker', 'mqtt://127.0.0.1:1883'];
const parse = (args: string[], env: Record<string, string> = {}) => forwarderOptions(args, env);

describe('forwarder options', () => {
  it('a file source with defaults', () => {
    const o = parse([...base, '--file', 'eve.json', '--site', 'so-tttt', '--sensor', 'suricata-1']);
    expect(o.files).toEqual([resolve('eve.json')]);
    expect(o.target).toEqual({ site: 'so-tttt', sensor: 'suricata-1' });
    expect(o.prefix).toBe('soc/v1');
    expect(o.stateDir).toBe(resolve('forwarder-state'));
    expect(o.queueMaxBytes).toBe(256 * 1024 * 1024);
    expect(o.heartbeatS).toBe(30);
    expect(o.clientId).toMatch(/^socwall-fwd-/u);
  });

  it('syslog endpoints (IPv6 in brackets) with routes', () => {
    const o = parse([...base, '--syslog', 'udp://[::1]:5514', '--syslog', 'tcp://0.0.0.0:6514', '--route', '10.0.0.5=ubnd-an-bien/fortigate-1']);
    expect(o.syslog).toEqual([
      { transport: 'udp', host: '::1', port: 5514 },
      { transport: 'tcp', host: '0.0.0.0', port: 6514 },
    ]);
    expect(o.routes).toHaveLength(1);
    expect(o.target).toBeNull();
  });

  it('TLS files and the username from flags or SOCWALL_MQTT_*, the password from the environment only', () => {
    const o = parse([...base, '--file', 'a', '--site', 's', '--sensor', 'n', '--ca', 'ca.pem', '--username', 'fwd'], { SOCWALL_MQTT_PASSWORD: 'p w', SOCWALL_MQTT_CERT: 'c.pem', SOCWALL_MQTT_KEY: 'k.pem' });
    expect(o.mqtt).toEqual({ caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem', username: 'fwd', password: 'p w' });
    expect(() => parse([...base, '--password', 'x'])).toThrow(/never taken from the command line/u);
    expect(() => parse([...base, '--file', 'a', '--site', 's', '--sensor', 'n', '--cert', 'c.pem'])).toThrow(/--cert and --key go together/u);
  });

  it('the broker from SOCWALL_BROKER when not given', () => {
    expect(parse(['--file', 'a', '--site', 's', '--sensor', 'n'], { SOCWALL_BROKER: 'mqtts://wall:8883' }).brokerUrl).toBe('mqtts://wall:8883');
  });

  it.each([
    [['--file', 'a', '--site', 's', '--sensor', 'n'], /--broker is required/u],
    [[...base, '--broker', 'http://x'], /not a broker URL/u],
    [[...base, '--bogus'], /Unknown option '--bogus'/u],
    [[...base], /nothing to forward/u],
    [[...base, '--file', 'a'], /--file needs --site and --sensor/u],
    [[...base, '--file', 'a', '--site', 's'], /--site and --sensor go together/u],
    [[...base, '--file', 'a', '--site', 'Bad', '--sensor', 'n'], /--site "Bad" is not a valid site id/u],
    [[...base, '--file', 'a', '--file', 'a', '--site', 's', '--sensor', 'n'], /given twice/u],
    [[...base, '--syslog', 'udp://0.0.0.0:5514'], /every sender would be dropped as unrouted/u],
    [[...base, '--syslog', 'http://0.0.0.0:5514', '--site', 's', '--sensor', 'n'], /udp:\/\/ or tcp:\/\//u],
    [[...base, '--syslog', 'udp://0.0.0.0', '--site', 's', '--sensor', 'n'], /the port is missing/u],
    [[...base, '--syslog', 'udp://0.0.0.0:99999', '--site', 's', '--sensor', 'n'], /expected udp:\/\/ADDR:PORT|from 1 to 65535/u],
    [[...base, '--route', '10.0.0.5=a/b', '--file', 'a', '--site', 's', '--sensor', 'n'], /apply to --syslog sources/u],
    [[...base, '--syslog', 'udp://0.0.0.0:5514', '--route', '10.0.0.5=a/b', '--route', '10.0.0.5=a/c'], /given twice/u],
    [[...base, '--file', 'a', '--site', 's', '--sensor', 'n', '--queue-max-mb', '0'], /--queue-max-mb must be a whole number from 1/u],
    [[...base, '--file', 'a', '--site', 's', '--sensor', 'n', '--heartbeat-s', '5000'], /--heartbeat-s must be a whole number from 1 to 3600/u],
    [[...base, '--file', 'a', '--site', 's', '--sensor', 'n', '--client-id', 'has space'], /--client-id/u],
    [[...base, '--from-start', '--syslog', 'udp://0.0.0.0:5514', '--site', 's', '--sensor', 'n'], /--from-start applies to --file/u],
  ])('refuses %j with a clear error', (args, message) => {
    expect(() => parse(args)).toThrow(message);
  });

  it('prefixes and syslog URLs', () => {
    expect(parsePrefix('soc/v1/')).toBe('soc/v1');
    expect(() => parsePrefix('soc/+/v1')).toThrow(/without wildcards/u);
    expect(() => parsePrefix('soc//v1')).toThrow(/empty levels/u);
    expect(() => parseSyslogUrl('udp://fw.example:514')).toThrow(/must be an IP address/u);
  });
});

describe('forwarder heartbeat', () => {
  it('is a heartbeat the wall takes, with the forwarder counts beside', () => {
    const body = heartbeatBody(Date.UTC(2025, 0, 31), 'degraded', 30, { read: 5, published: 3, dropped: 2, droppedByReason: { too_long: 2 } }, 2);
    expect(body).toEqual({ time: '2025-01-31T00:00:00.000Z', status: 'degraded', interval_s: 30, forwarder: { read: 5, published: 3, queued: 2, dropped: 2, dropped_by_reason: { too_long: 2 } } });
    expect(v.safeParse(HeartbeatSchema, JSON.parse(JSON.stringify(body))).success).toBe(true);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, parseRouteFlag, readRoutesFile, ROUTES_MAX, SyslogRoutes, syslogHostname } from '../../../electron/core/forwarder/syslog-routes.js';

const routes = (specs: string[], fallback: { site: string; sensor: string } | null = null) => new SyslogRoutes(specs.map(parseRouteFlag), fallback);
const file = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'socwall-routes-')), 'routes.json');
  writeFileSync(p, text);
  return p;
};

describe('sender addresses', () => {
  it('normalises IPv4-mapped IPv6 to IPv4 and IPv6 to its compressed form', () => {
    expect(normaliseAddress('::ffff:10.0.0.5')).toBe('10.0.0.5');
    expect(normaliseAddress('::FFFF:a00:5')).toBe('10.0.0.5');
    expect(normaliseAddress('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normaliseAddress('[::1]')).toBe('::1');
    expect(normaliseAddress('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('syslog HOSTNAME', () => {
  it('from RFC 5424', () => {
    expect(syslogHostname('<134>1 2025-01-31T12:00:00.000+07:00 pfsense-rach-gia filterlog 123 - - 5,,,1000,igb0')).toBe('pfsense-rach-gia');
    expect(syslogHostname('<134>1 - - app - - - no hostname')).toBeNull();
  });

  it('from RFC 3164 (space-padded day, optional year) and rsyslog RFC 3339 time', () => {
    expect(syslogHostname('<134>Oct  5 12:00:01 fw-01 filterlog[1234]: 5,,,1000')).toBe('fw-01');
    expect(syslogHostname('<13>Jan 31 23:59:59 host.example sshd[42]: Accepted')).toBe('host.example');
    expect(syslogHostname('<13>Mar  1 2025 08:00:00 core-sw %LINK-3-UPDOWN')).toBe('core-sw');
    expect(syslogHostname('<13>2025-01-31T12:00:00.123+07:00 web-1 nginx: GET /')).toBe('web-1');
  });

  it('none where a sender left it out (the TAG is not a hostname) or gave no header', () => {
    expect(syslogHostname('<13>Oct  5 12:00:01 sshd[42]: no host')).toBeNull();
    expect(syslogHostname('<189>date=2025-01-31 time=12:00:00 devname="FGT" logid="0000000013"')).toBeNull();
    expect(syslogHostname('plain text')).toBeNull();
    expect(syslogHostname('<9999>1 - x')).toBeNull();
  });
});

describe('routes', () => {
  it('by address (IPv4-mapped too) and by hostname, case-insensitive', () => {
    const r = routes(['10.0.0.5=ubnd-an-bien/fortigate-1', 'PFSENSE-Rach-Gia=sxd-rach-gia/pfsense']);
    expect(r.resolve(normaliseAddress('::ffff:10.0.0.5'), '<189>date=2025-01-31 devname="FGT"')).toEqual({ site: 'ubnd-an-bien', sensor: 'fortigate-1' });
    expect(r.resolve('10.9.9.9', '<134>1 2025-01-31T12:00:00Z pfsense-rach-gia filterlog - - - x')).toEqual({ site: 'sxd-rach-gia', sensor: 'pfsense' });
  });

  it('an address route wins over a hostname route', () => {
    const r = routes(['10.0.0.5=site-a/by-address', 'fw-01=site-b/by-hostname']);
    expect(r.resolve('10.0.0.5', '<13>Oct  5 12:00:01 fw-01 x: y')).toEqual({ site: 'site-a', sensor: 'by-address' });
    expect(r.resolve('10.0.0.6', '<13>Oct  5 12:00:01 fw-01 x: y')).toEqual({ site: 'site-b', sensor: 'by-hostname' });
  });

  it('an unrouted sender takes the default, or is dropped (null) without one', () => {
    expect(routes(['10.0.0.5=a/b'], { site: 'dflt', sensor: 'syslog' }).resolve('10.0.0.7', 'x')).toEqual({ site: 'dflt', sensor: 'syslog' });
    expect(routes(['10.0.0.5=a/b']).resolve('10.0.0.7', 'x')).toBeNull();
  });

  it('lists every target once (the heartbeat goes to each)', () => {
    const r = routes(['10.0.0.5=a/b', 'h1=a/b', 'h2=c/d'], { site: 'e', sensor: 'f' });
    expect(r.targets()).toEqual([
      { site: 'a', sensor: 'b' },
      { site: 'c', sensor: 'd' },
      { site: 'e', sensor: 'f' },
    ]);
  });

  it('refuses bad ids and keys with an error naming the route and the rule', () => {
    expect(() => parseRouteFlag('10.0.0.5=Bad/x')).toThrow(/--route 10\.0\.0\.5=Bad\/x: the site id "Bad" is not valid \(lower-case/u);
    expect(() => parseRouteFlag('10.0.0.5=site/-sensor')).toThrow(/the sensor id "-sensor" is not valid/u);
    expect(() => parseRouteFlag('10.0.0.5=site')).toThrow(/expected site\/sensor/u);
    expect(() => parseRouteFlag('no-equals')).toThrow(/expected KEY=site\/sensor/u);
    expect(() => parseRouteFlag('bad key!=a/b')).toThrow(/neither an IP address nor a host name/u);
  });

  it('reads a routes file, refusing what is not an object of strings, bad ids, and too many entries', () => {
    const r = readRoutesFile(file('{"10.0.0.5":"ubnd-an-bien/fortigate-1","pfsense-rach-gia":"sxd-rach-gia/pfsense"}'));
    expect(r.map(([k, t]) => [k.kind, k.key, `${t.site}/${t.sensor}`])).toEqual([
      ['address', '10.0.0.5', 'ubnd-an-bien/fortigate-1'],
      ['hostname', 'pfsense-rach-gia', 'sxd-rach-gia/pfsense'],
    ]);
    expect(() => readRoutesFile(file('[1,2]'))).toThrow(/expected an object/u);
    expect(() => readRoutesFile(file('{"10.0.0.5": 3}'))).toThrow(/"10\.0\.0\.5": expected "site\/sensor"/u);
    expect(() => readRoutesFile(file('{"10.0.0.5": "Site/x"}'))).toThrow(/the site id "Site" is not valid/u);
    expect(() => readRoutesFile(file('{nope'))).toThrow(/not JSON/u);
    const many = Object.fromEntries(Array.from({ length: ROUTES_MAX + 1 }, (_, i) => [`h${i}`, 'a/b']));
    expect(() => readRoutesFile(file(JSON.stringify(many)))).toThrow(/more than the 10000 allowed/u);
    expect(() => readRoutesFile(join(tmpdir(), 'socwall-no-such-routes.json'))).toThrow(/--routes .*no-such-routes/u);
  });

  it('a later route with the same key wins (the command line over the file)', () => {
    const fromFile = readRoutesFile(file('{"10.0.0.5":"a/from-file"}'));
    const r = new SyslogRoutes([...fromFile, parseRouteFlag('10.0.0.5=a/from-flag')], null);
    expect(r.resolve('10.0.0.5', '')).toEqual({ site: 'a', sensor: 'from-flag' });
  });
});

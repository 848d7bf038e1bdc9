// The bundled databases themselves (DB-IP country lite, RouteViews/NRO/DB-IP ASN), through the
// enricher the wall uses. Addresses: the operators' own published resolvers and networks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASN_V4_FILE, ASN_V6_FILE, findGeoData, openGeoDatabase, type GeoDatabase } from '../../../electron/core/origins/geo-data.js';
import { INTERNAL_ORIGIN, OriginEnricher, UNKNOWN_ORIGIN } from '../../../electron/core/origins/origin-enricher.js';
import { AsnTable } from '../../../electron/core/origins/asn-table.js';
import { parseIp } from '../../../electron/core/origins/ip-address.js';

let geo: GeoDatabase;
beforeAll(async () => {
  geo = await openGeoDatabase(findGeoData());
}, 30_000);

describe('the bundled IP databases', () => {
  it('load without problems and say where they came from', () => {
    expect(geo.info.problems).toEqual([]);
    expect(geo.info.from).toEqual({ country: 'bundled', asn: 'bundled' });
    expect(geo.info.countryDate).toMatch(/^20\d\d-\d\d-\d\d$/u);
    expect(geo.info.attribution).toContain('DB-IP');
  });

  it('resolve well-known public addresses to country and operator', () => {
    const enrich = new OriginEnricher(geo);
    expect(enrich.origin('8.8.8.8')).toMatchObject({ internal: false, country: 'US', asn: 15169 });
    expect(enrich.origin('77.88.8.8')).toMatchObject({ country: 'RU', asn: 13238 });
    expect(enrich.origin('114.114.114.114')).toMatchObject({ country: 'CN' });
    expect(enrich.origin('168.126.63.1')).toMatchObject({ country: 'KR', asn: 4766 });
    expect(enrich.origin('::ffff:77.88.8.8')).toMatchObject({ country: 'RU', asn: 13238 });
    expect(enrich.operatorName(15169)).toBe('Google LLC');
  });

  it('name the Vietnamese operators: a domestic source is its ISP, IPv4 and IPv6', () => {
    const enrich = new OriginEnricher(geo);
    const vnpt = enrich.origin('14.160.0.1');
    expect(vnpt).toMatchObject({ country: 'VN', asn: 45899 });
    expect(enrich.operatorName(45899)).toMatch(/VNPT/u);
    // VNPT's IPv6 block: another database of the same family puts it in Australia.
    expect(enrich.origin('2001:ee0::1')).toMatchObject({ country: 'VN', asn: 45899 });
    expect(enrich.origin('27.72.0.1')).toMatchObject({ country: 'VN', asn: 7552 });
    expect(enrich.operatorName(7552)).toMatch(/Viettel/u);
    expect(enrich.origin('118.69.0.1')).toMatchObject({ country: 'VN', asn: 18403 });
    expect(enrich.operatorName(18403)).toMatch(/FPT/u);
  });

  it('never give internal or documentation ranges a country', () => {
    const enrich = new OriginEnricher(geo);
    for (const ip of ['10.0.0.1', '192.168.1.20', '100.64.1.1', '172.20.0.9', '127.0.0.1', '192.0.2.10', '198.51.100.1', '203.0.113.5', 'fd00::1', 'fe80::1', '2001:db8::5', '::ffff:10.1.1.1']) {
      expect(enrich.origin(ip), ip).toBe(INTERNAL_ORIGIN);
    }
    expect(enrich.origin('not-an-ip')).toBe(UNKNOWN_ORIGIN);
  });

  it('keeps at most its capacity of addresses, and answers repeats from the cache', () => {
    const enrich = new OriginEnricher(geo, 1000);
    for (let i = 0; i < 5000; i++) enrich.origin(`45.${(i >> 8) & 255}.${i & 255}.1`);
    expect(enrich.size).toBeLessThanOrEqual(1000);
    expect(enrich.misses).toBe(5000);
    const before = enrich.misses;
    for (let i = 0; i < 100; i++) enrich.origin('45.19.135.1');
    expect(enrich.misses).toBe(before);
    expect(enrich.hits).toBeGreaterThanOrEqual(100);
  });
});

describe('refreshed files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'socwall-geo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an administrator's ASN files in the data folder win over the bundled copies; bad lines are skipped and counted", async () => {
    writeFileSync(join(dir, ASN_V4_FILE), `${16777216},${16777471},64500,"Test, Operator"\nnot,a,line\n`);
    writeFileSync(join(dir, ASN_V6_FILE), '2001:ee0::,2001:ee0:ffff:ffff:ffff:ffff:ffff:ffff,64501,Sáu Operator\n');
    const files = findGeoData(dir);
    expect(files.from).toEqual({ country: 'bundled', asn: 'data' });
    const db = await openGeoDatabase(files);
    expect(db.operator(parseIp('1.0.0.7')!)).toEqual({ asn: 64500, name: 'Test, Operator' });
    expect(db.operator(parseIp('2001:ee0:1::1')!)).toEqual({ asn: 64501, name: 'Sáu Operator' });
    expect(db.info.problems.join(' ')).toMatch(/1 unreadable lines/u);
  });

  it('a wall without any database runs, and says so', async () => {
    const db = await openGeoDatabase({ country: null, asnV4: null, asnV6: null, from: { country: 'missing', asn: 'missing' } });
    expect(db.info.problems).toEqual(['no country database', 'no ASN data']);
    expect(new OriginEnricher(db).origin('8.8.8.8')).toBe(UNKNOWN_ORIGIN);
  });

  it('the ASN table sorts an unsorted file and cuts long names', () => {
    const t = AsnTable.fromCsv(`200,299,2,${'x'.repeat(300)}\n100,199,1,One\n`, '');
    expect(t.lookup(parseIp('0.0.0.150')!)).toEqual({ asn: 1, name: 'One' });
    expect(t.lookup(parseIp('0.0.0.250')!)?.name.length).toBe(80);
    expect(t.lookup(parseIp('0.0.1.44')!)).toBeNull();
  });
});

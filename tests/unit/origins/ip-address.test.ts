import { describe, expect, it } from 'vitest';
import { lookupForm, parseIp, reservedKind } from '../../../electron/core/origins/ip-address.js';

const kind = (s: string) => {
  const ip = parseIp(s);
  if (ip === null) throw new Error(`not parsed: ${s}`);
  return reservedKind(ip);
};

describe('IP literals', () => {
  it('parses IPv4 and IPv6 in their usual forms', () => {
    expect(parseIp('203.113.128.1')).toEqual({ v: 4, n: 203 * 2 ** 24 + 113 * 65536 + 128 * 256 + 1 });
    const v6 = parseIp('2001:ee0::1');
    expect(v6?.v).toBe(6);
    expect(v6?.v === 6 && Array.from(v6.groups)).toEqual([0x2001, 0x0ee0, 0, 0, 0, 0, 0, 1]);
    const full = parseIp('2001:0db8:0000:0000:0000:ff00:0042:8329');
    expect(full?.v === 6 && Array.from(full.groups)).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
    const tail = parseIp('::ffff:192.0.2.128');
    expect(tail?.v === 6 && Array.from(tail.groups)).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0280]);
    expect(parseIp('::')?.v).toBe(6);
    expect(parseIp('fe80::')?.v).toBe(6);
  });

  it('refuses what is not one literal', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', 'a.b.c.d', '1::2::3', ':1:2', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3', '1:']) {
      expect(parseIp(bad), bad).toBeNull();
    }
    expect(parseIp('1'.repeat(65))).toBeNull();
  });
});

describe('internal ranges: never a country', () => {
  it('knows the IPv4 special-purpose blocks (RFC 6890, RFC 6598, RFC 5737, RFC 2544)', () => {
    expect(kind('10.1.2.3')).toBe('private');
    expect(kind('172.16.0.1')).toBe('private');
    expect(kind('172.31.255.255')).toBe('private');
    expect(kind('172.32.0.1')).toBeNull();
    expect(kind('192.168.1.1')).toBe('private');
    expect(kind('100.64.0.1')).toBe('cgnat');
    expect(kind('100.127.255.255')).toBe('cgnat');
    expect(kind('100.128.0.1')).toBeNull();
    expect(kind('127.0.0.1')).toBe('loopback');
    expect(kind('169.254.10.10')).toBe('link-local');
    expect(kind('192.0.2.55')).toBe('documentation');
    expect(kind('198.51.100.7')).toBe('documentation');
    expect(kind('203.0.113.200')).toBe('documentation');
    expect(kind('198.18.0.1')).toBe('benchmarking');
    expect(kind('198.19.255.255')).toBe('benchmarking');
    expect(kind('224.0.0.251')).toBe('multicast');
    expect(kind('255.255.255.255')).toBe('reserved');
    expect(kind('0.1.2.3')).toBe('unspecified');
    expect(kind('8.8.8.8')).toBeNull();
    expect(kind('14.160.0.1')).toBeNull();
  });

  it('knows the IPv6 ones, and judges mapped and NAT64 addresses by their IPv4 address', () => {
    expect(kind('::')).toBe('unspecified');
    expect(kind('::1')).toBe('loopback');
    expect(kind('fe80::1')).toBe('link-local');
    expect(kind('fd12:3456::1')).toBe('unique-local');
    expect(kind('fc00::1')).toBe('unique-local');
    expect(kind('2001:db8::1')).toBe('documentation');
    expect(kind('3fff:0fff::1')).toBe('documentation');
    expect(kind('ff02::1')).toBe('multicast');
    expect(kind('100::1')).toBe('discard');
    expect(kind('2001:2::1')).toBe('benchmarking');
    expect(kind('::ffff:10.0.0.1')).toBe('private');
    expect(kind('::ffff:8.8.8.8')).toBeNull();
    expect(kind('64:ff9b::192.168.0.1')).toBe('private');
    expect(kind('64:ff9b::8.8.8.8')).toBeNull();
    expect(kind('2001:ee0::1')).toBeNull();
    expect(kind('2402:800::1')).toBeNull();
    // Outside 2000::/3 nothing is global unicast yet.
    expect(kind('4000::1')).toBe('reserved');
  });

  it('asks the databases about the IPv4 address inside a mapped or NAT64 address', () => {
    expect(lookupForm(parseIp('::ffff:77.88.8.8')!)).toEqual({ v: 4, n: 77 * 2 ** 24 + 88 * 65536 + 8 * 256 + 8 });
    expect(lookupForm(parseIp('64:ff9b::8.8.8.8')!)).toEqual({ v: 4, n: 8 * 2 ** 24 + 8 * 65536 + 8 * 256 + 8 });
    expect(lookupForm(parseIp('2001:ee0::1')!).v).toBe(6);
  });
});

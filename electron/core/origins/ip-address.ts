// IP literals from the wire, parsed to numbers once, and the ranges that are never "a country":
// private, CGNAT, loopback, link-local, documentation, benchmarking, multicast and the other
// special-purpose blocks of the IANA registries (RFC 6890 and its updates). A mapped or NAT64
// IPv6 address is judged by the IPv4 address inside it.

/** A parsed address: IPv4 as an unsigned 32-bit number; IPv6 as eight 16-bit groups. */
export type ParsedIp = { v: 4; n: number } | { v: 6; groups: Uint16Array };

/** Why an address is internal (README "Attack origins"), or null for a public address. */
export type ReservedKind =
  | 'unspecified'
  | 'private'
  | 'cgnat'
  | 'loopback'
  | 'link-local'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'protocol'
  | 'unique-local'
  | 'discard';

function parseV4(s: string, from: number, to: number): number | null {
  let value = 0;
  let parts = 0;
  let part = -1;
  let digits = 0;
  for (let i = from; i <= to; i++) {
    const c = i === to ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || parts === 4) return null;
      value = value * 256 + part;
      parts++;
      part = -1;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // A leading zero ("010") is octal to some parsers and decimal to others: refused.
      if (digits === 1 && part === 0) return null;
      part = (part < 0 ? 0 : part * 10) + (c - 48);
      if (++digits > 3) return null;
    } else return null;
  }
  return parts === 4 ? value : null;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function parseV6(s: string): Uint16Array | null {
  const groups = new Uint16Array(8);
  let count = 0;
  let gap = -1;
  let i = 0;
  const n = s.length;
  if (n < 2) return null;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return null;
    gap = 0;
    i = 2;
    if (n === 2) return groups;
  }
  while (i < n) {
    if (count === 8) return null;
    let j = i;
    let value = 0;
    while (j < n && j - i < 5) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    const c = j < n ? s.charCodeAt(j) : -1;
    if (c === 46) {
      // Dotted IPv4 in the last 32 bits.
      if (count > 6) return null;
      const v4 = parseV4(s, i, n);
      if (v4 === null) return null;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = n;
      break;
    }
    if (j === i || j - i > 4) return null;
    groups[count++] = value;
    if (j === n) {
      i = n;
      break;
    }
    if (c !== 58) return null;
    if (j + 1 < n && s.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return null;
      gap = count;
      i = j + 2;
      if (i === n) break;
    } else {
      i = j + 1;
      if (i === n) return null;
    }
  }
  if (gap < 0) return count === 8 ? groups : null;
  if (count === 8) return null;
  const tail = count - gap;
  const out = new Uint16Array(8);
  for (let k = 0; k < gap; k++) out[k] = groups[k]!;
  for (let k = 0; k < tail; k++) out[8 - tail + k] = groups[gap + k]!;
  return out;
}

/** Parses an IPv4 or IPv6 literal (no zone, no brackets, no prefix). Null when it is not one. */
export function parseIp(s: string): ParsedIp | null {
  if (s.length === 0 || s.length > 64) return null;
  if (s.includes(':')) {
    const groups = parseV6(s);
    return groups === null ? null : { v: 6, groups };
  }
  const n = parseV4(s, 0, s.length);
  return n === null ? null : { v: 4, n };
}

/** [first address, prefix length, kind] of the IPv4 special-purpose blocks. */
const V4_RESERVED: readonly [string, number, ReservedKind][] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'], // RFC 6598 shared address space
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'protocol'], // IETF protocol assignments
  ['192.0.2.0', 24, 'documentation'], // TEST-NET-1
  ['192.31.196.0', 24, 'protocol'], // AS112-v4
  ['192.52.193.0', 24, 'protocol'], // AMT
  ['192.88.99.0', 24, 'reserved'], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['192.175.48.0', 24, 'protocol'], // direct delegation AS112
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'], // TEST-NET-2
  ['203.0.113.0', 24, 'documentation'], // TEST-NET-3
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const V4_TABLE = V4_RESERVED.map(([first, bits, kind]) => {
  const base = parseV4(first, 0, first.length)!;
  const size = 2 ** (32 - bits);
  return { from: base, to: base + size - 1, kind };
});

export function reservedV4(n: number): ReservedKind | null {
  for (const r of V4_TABLE) if (n >= r.from && n <= r.to) return r.kind;
  return null;
}

function v4Inside(g: Uint16Array): number {
  return g[6]! * 65536 + g[7]!;
}

function isNat64(g: Uint16Array): boolean {
  return g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0;
}

function isMapped(g: Uint16Array): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && (g[5] === 0xffff || (g[5] === 0 && g[6] !== 0));
}

/**
 * The address a database should be asked about: the IPv4 address inside a mapped
 * (::ffff:a.b.c.d), compatible or NAT64 (64:ff9b::a.b.c.d) IPv6 address, else the address.
 */
export function lookupForm(ip: ParsedIp): ParsedIp {
  if (ip.v === 6 && (isMapped(ip.groups) || isNat64(ip.groups))) return { v: 4, n: v4Inside(ip.groups) };
  return ip;
}

/** The IPv6 special-purpose blocks, by their leading groups. */
export function reservedV6(g: Uint16Array): ReservedKind | null {
  const g0 = g[0]!;
  const zeroTo = (k: number) => {
    for (let i = 0; i < k; i++) if (g[i] !== 0) return false;
    return true;
  };
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible): the IPv4 address decides.
  if (zeroTo(5) && (g[5] === 0xffff || g[5] === 0)) return reservedV4(v4Inside(g)) ?? null;
  // 64:ff9b::/96 well-known NAT64 prefix: the IPv4 address inside.
  if (isNat64(g)) return reservedV4(v4Inside(g)) ?? null;
  if (g0 === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'protocol'; // 64:ff9b:1::/48 local NAT64
  if (g0 === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'discard'; // 100::/64
  if (g0 === 0x2001) {
    const g1 = g[1]!;
    if (g1 === 0x0db8) return 'documentation'; // 2001:db8::/32
    if (g1 === 0x0002 && g[2] === 0) return 'benchmarking'; // 2001:2::/48
    if (g1 < 0x0200) return 'protocol'; // 2001::/23 IETF protocol assignments (Teredo, ORCHID, ...)
  }
  if (g0 === 0x3fff && (g[1]! & 0xf000) === 0) return 'documentation'; // 3fff::/20 (RFC 9637)
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'reserved'; // fec0::/10 deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  // Outside 2000::/3 nothing is allocated as global unicast.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

export function reservedKind(ip: ParsedIp): ReservedKind | null {
  return ip.v === 4 ? reservedV4(ip.n) : reservedV6(ip.groups);
}

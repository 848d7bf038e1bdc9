// IP range → autonomous system (number and organisation), from ip-location-db's ASN CSV files
// (RouteViews + the five RIRs + DB-IP's ASN lite; `start,end,asn,"organisation"`). Ranges are
// kept sorted in typed arrays and found by binary search: O(log n), no allocation per lookup.
// IPv6 ranges are compared on their first 64 bits: routed IPv6 prefixes are /64 or shorter.
import type { ParsedIp } from './ip-address.js';
import { parseIp } from './ip-address.js';

/** Organisation names are cut to this many characters. */
export const OPERATOR_NAME_MAX = 80;

export interface AsnEntry {
  asn: number;
  name: string;
}

/** Sorted ranges of one address family; v6 holds the high and low 32 bits of the first 64. */
interface Ranges {
  startHi: Uint32Array;
  startLo: Uint32Array;
  endHi: Uint32Array;
  endLo: Uint32Array;
  asn: Uint32Array;
  length: number;
}

function cutName(raw: string): string {
  let name = raw;
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replaceAll('""', '"');
  name = name.trim();
  // A copy, not a slice of the whole file (a slice would keep 30 MB of text alive).
  return name.length > OPERATOR_NAME_MAX ? `${name.slice(0, OPERATOR_NAME_MAX - 1)}…` : (' ' + name).slice(1);
}

class RangeBuilder {
  private cap = 1 << 16;
  private n = 0;
  private a = { startHi: new Uint32Array(this.cap), startLo: new Uint32Array(this.cap), endHi: new Uint32Array(this.cap), endLo: new Uint32Array(this.cap), asn: new Uint32Array(this.cap) };

  push(sHi: number, sLo: number, eHi: number, eLo: number, asn: number): void {
    if (this.n === this.cap) {
      this.cap *= 2;
      for (const k of Object.keys(this.a) as (keyof typeof this.a)[]) {
        const grown = new Uint32Array(this.cap);
        grown.set(this.a[k]);
        this.a[k] = grown;
      }
    }
    const i = this.n++;
    this.a.startHi[i] = sHi;
    this.a.startLo[i] = sLo;
    this.a.endHi[i] = eHi;
    this.a.endLo[i] = eLo;
    this.a.asn[i] = asn;
  }

  /** Sorted by start (the files are sorted; a refreshed file that is not gets sorted here). */
  build(): Ranges {
    const n = this.n;
    const { startHi, startLo } = this.a;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) if (startHi[i]! < startHi[i - 1]! || (startHi[i] === startHi[i - 1] && startLo[i]! < startLo[i - 1]!)) sorted = false;
    if (!sorted) {
      const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => startHi[x]! - startHi[y]! || startLo[x]! - startLo[y]!);
      for (const k of Object.keys(this.a) as (keyof typeof this.a)[]) {
        const src = this.a[k];
        this.a[k] = Uint32Array.from(order, (i) => src[i]!);
      }
    }
    const cut = (x: Uint32Array) => x.slice(0, n);
    return { startHi: cut(this.a.startHi), startLo: cut(this.a.startLo), endHi: cut(this.a.endHi), endLo: cut(this.a.endLo), asn: cut(this.a.asn), length: n };
  }
}

function find(r: Ranges, hi: number, lo: number): number {
  let low = 0;
  let high = r.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const sHi = r.startHi[mid]!;
    if (sHi < hi || (sHi === hi && r.startLo[mid]! <= lo)) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (found < 0) return -1;
  const eHi = r.endHi[found]!;
  return eHi > hi || (eHi === hi && r.endLo[found]! >= lo) ? r.asn[found]! : -1;
}

/** Lines that could not be read, per file (a refreshed file with a bad line still loads). */
export interface AsnLoadReport {
  v4Ranges: number;
  v6Ranges: number;
  operators: number;
  badLines: number;
}

export class AsnTable {
  private constructor(
    private readonly v4: Ranges,
    private readonly v6: Ranges,
    private readonly names: Map<number, string>,
    readonly report: AsnLoadReport,
  ) {}

  /**
   * Reads the two CSV files' text: `asn-ipv4-num.csv` (numeric IPv4 bounds) and
   * `asn-ipv6.csv` (IPv6 literals). Either may be empty. ~0.3 s for the full files.
   */
  static fromCsv(v4NumCsv: string, v6Csv: string): AsnTable {
    const names = new Map<number, string>();
    let badLines = 0;
    const v4 = new RangeBuilder();
    eachLine(v4NumCsv, (line) => {
      const a = line.indexOf(',');
      const b = line.indexOf(',', a + 1);
      const c = line.indexOf(',', b + 1);
      const start = Number(line.slice(0, a));
      const end = Number(line.slice(a + 1, b));
      const asn = Number(line.slice(b + 1, c));
      if (a < 0 || b < 0 || c < 0 || !isU32(start) || !isU32(end) || !isU32(asn) || end < start) return void badLines++;
      v4.push(0, start, 0, end, asn);
      if (!names.has(asn)) names.set(asn, cutName(line.slice(c + 1)));
    });
    const v6 = new RangeBuilder();
    eachLine(v6Csv, (line) => {
      const a = line.indexOf(',');
      const b = line.indexOf(',', a + 1);
      const c = line.indexOf(',', b + 1);
      const start = a > 0 ? parseIp(line.slice(0, a)) : null;
      const end = b > a ? parseIp(line.slice(a + 1, b)) : null;
      const asn = Number(line.slice(b + 1, c));
      if (c < 0 || start?.v !== 6 || end?.v !== 6 || !isU32(asn)) return void badLines++;
      const s = start.groups;
      const e = end.groups;
      v6.push(s[0]! * 65536 + s[1]!, s[2]! * 65536 + s[3]!, e[0]! * 65536 + e[1]!, e[2]! * 65536 + e[3]!, asn);
      if (!names.has(asn)) names.set(asn, cutName(line.slice(c + 1)));
    });
    const r4 = v4.build();
    const r6 = v6.build();
    return new AsnTable(r4, r6, names, { v4Ranges: r4.length, v6Ranges: r6.length, operators: names.size, badLines });
  }

  /** The autonomous system announcing `ip`, or null (unrouted, or not in the data). */
  lookup(ip: ParsedIp): AsnEntry | null {
    const asn = ip.v === 4 ? find(this.v4, 0, ip.n) : find(this.v6, ip.groups[0]! * 65536 + ip.groups[1]!, ip.groups[2]! * 65536 + ip.groups[3]!);
    if (asn < 0) return null;
    return { asn, name: this.names.get(asn) ?? `AS${asn}` };
  }

  /** The organisation name of an ASN, or null when the data does not have it. */
  nameOf(asn: number): string | null {
    return this.names.get(asn) ?? null;
  }
}

function isU32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

function eachLine(text: string, fn: (line: string) => void): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    if (end > pos) fn(text.slice(pos, end));
    pos = nl + 1;
  }
}

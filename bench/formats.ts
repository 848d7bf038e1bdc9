// Decoding throughput per sensor format, each as a ratio to the least any parser of that
// format pays over the same payloads: JSON.parse for the JSON formats, a split on `|` and `=`
// (CEF), on `=` (FortiGate key=value) or on `,` (filterlog) for the text ones, each after the
// same UTF-8 decode. The corpus for a format is its fixture lines (tests/fixtures/, vendors'
// documentation and well-kept parsers' test data) repeated with a distinct source address,
// time and identity in every copy, as real sensors send them; nothing is a duplicate.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readResourceJson } from '../electron/core/config/resources.js';
import { AttackMapper } from '../electron/core/attack/attack-map.js';
import { CategoryMapper, loadCategoryMap } from '../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../electron/core/telemetry/decoder.js';
import { forwardedPayload } from '../electron/core/telemetry/forwarded.js';

const COPIES = 40_000;
const ROUNDS = 5;
const TOPIC = 'soc/v1/ubnd-tinh/sensor-01/event';

export interface FormatResult {
  name: string;
  baselineName: string;
  lines: number;
  baselinePerSecond: number;
  decoderPerSecond: number;
  ratio: number;
  /** Share of the corpus the decoder accepted as events (the rest: ignored or rejected, named). */
  accepted: number;
  outcomes: Record<string, number>;
}

const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../tests/fixtures/${path}`, import.meta.url)), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/u, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

type Json = Record<string, unknown>;
const ip = (i: number) => `${45 + (i % 150)}.${(i >> 8) & 255}.${(i >> 3) & 255}.${1 + (i % 253)}`;

/** A JSON line with its identity fields made distinct per copy. */
function jsonCopies(lines: string[], vary: (o: Json, i: number) => void): string[] {
  const out: string[] = [];
  for (let i = 0; i < COPIES; i++) {
    const o = JSON.parse(lines[i % lines.length]!) as Json;
    vary(o, i);
    out.push(JSON.stringify(o));
  }
  return out;
}

/** A text line with its first source address (after `key`, else the first IPv4) made distinct per copy. */
function textCopies(lines: string[], key: RegExp | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < COPIES; i++) {
    const line = lines[i % lines.length]!;
    const m = key ? key.exec(line) : null;
    out.push(m ? line.replace(key!, `${m[1]}${ip(i)}`) : line.replace(/\b\d{1,3}(\.\d{1,3}){3}\b/u, ip(i)));
  }
  return out;
}

const obj = (o: Json, k: string): Json => (typeof o[k] === 'object' && o[k] !== null ? (o[k] as Json) : ((o[k] = {}) as Json));
const NOW = Date.now();
const iso = (i: number) => new Date(NOW - 3_600_000 + i * 50).toISOString();

/**
 * The sample lines that decode as security events: the headline is the work a wall does for
 * each event. Heartbeats, ignored classes (OCSF compliance and passed checks, FortiGate system
 * events) and the Wazuh ruleset's PRI-less lines short-circuit and would flatter the figure.
 */
function eventsOnly(decoder: TelemetryDecoder, name: string, lines: string[]): string[] {
  const kept = lines.filter((l) => decoder.decode(TOPIC, Buffer.from(l), NOW).kind === 'event');
  if (kept.length === 0) throw new Error(`${name}: no sample line decodes as an event`);
  return kept;
}

function corpora(decoder: TelemetryDecoder): { name: string; baseline: 'json' | 'cef' | 'kv' | 'csv' | 'envelope-kv'; payloads: string[] }[] {
  const only = (name: string, lines: string[]) => eventsOnly(decoder, name, lines);
  const suricata = only('Suricata', fixture('suricata/suricata-alerts-wrccdc-2018.ndjson'));
  const wazuh = only('Wazuh', fixture('wazuh/wazuh-docs-alerts.ndjson'));
  const ocsf = only('OCSF', fixture('ocsf/ocsf-examples.ndjson'));
  const cef = only('CEF', [...fixture('cef/fortinet-fortios-docs.log'), ...fixture('cef/kaspersky-sc4s.log'), ...fixture('cef/eset-protect-docs.log')]);
  const fortigate = only('FortiGate', [...fixture('fortigate/fortinet-fortios-docs.log'), ...fixture('fortigate/sc4s-fortinet-ngfw.log')]);
  // Wazuh's test lines lack the `<134>` a pfSense sends (its collector strips it): put it back.
  const filterlog = only('filterlog', [...fixture('filterlog/wazuh-ruleset-pfsense.log'), ...fixture('filterlog/sc4s-pfsense.log')].map((l) => (l.startsWith('1 ') ? `<134>${l}` : l)));
  return [
    {
      name: 'native JSON',
      baseline: 'json',
      payloads: jsonCopies(['{"v":1,"category":"scan","severity":"medium","action":"blocked","src_port":40112,"dest_ip":"10.91.0.5","dest_port":22,"proto":"TCP","signature":"ET SCAN Potential SSH Scan","signature_id":2001219}'], (o, i) => {
        o.id = `ids-01-${i}`;
        o.time = iso(i);
        o.src_ip = ip(i);
      }),
    },
    {
      name: 'Suricata EVE',
      baseline: 'json',
      payloads: jsonCopies(suricata, (o, i) => {
        o.flow_id = 1_000_000 + i;
        o.timestamp = iso(i);
        o.src_ip = ip(i);
      }),
    },
    {
      name: 'Wazuh alerts.json',
      baseline: 'json',
      payloads: jsonCopies(wazuh, (o, i) => {
        o.id = `${1_700_000_000 + i}.${i}`;
        o.timestamp = iso(i);
        obj(o, 'data').srcip = ip(i);
      }),
    },
    {
      name: 'OCSF Detection Finding',
      baseline: 'json',
      payloads: jsonCopies(ocsf, (o, i) => {
        obj(o, 'finding_info').uid = `finding-${i}`;
        o.time = NOW - 3_600_000 + i * 50;
        obj(o, 'src_endpoint').ip = ip(i);
      }),
    },
    { name: 'CEF', baseline: 'cef', payloads: textCopies(cef, /(\bsrc=)\d{1,3}(?:\.\d{1,3}){3}/u) },
    { name: 'FortiGate key=value', baseline: 'kv', payloads: textCopies(fortigate, /(\bsrcip=)\d{1,3}(?:\.\d{1,3}){3}/u) },
    { name: 'pfSense filterlog', baseline: 'csv', payloads: textCopies(filterlog, null) },
    {
      name: 'FortiGate key=value in the forwarder envelope',
      baseline: 'envelope-kv',
      payloads: textCopies(fortigate, /(\bsrcip=)\d{1,3}(?:\.\d{1,3}){3}/u).map((line, i) =>
        forwardedPayload({ v: 1, id: `s.1.${i.toString(36)}`, received: NOW - 60_000 + i, via: 'syslog-udp', peer: '10.0.0.5' }, line, false),
      ),
    },
  ];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
let sink = 0;

/** The floor of each format: what any parser of it must at least do. */
function baselineOf(kind: 'json' | 'cef' | 'kv' | 'csv' | 'envelope-kv'): (b: Uint8Array) => void {
  switch (kind) {
    case 'json':
      return (b) => {
        sink += (JSON.parse(utf8.decode(b)) as Json) ? 1 : 0;
      };
    case 'cef':
      return (b) => {
        const parts = utf8.decode(b).split('|');
        sink += parts.length + (parts[parts.length - 1] ?? '').split('=').length;
      };
    case 'kv':
      return (b) => {
        sink += utf8.decode(b).split('=').length;
      };
    case 'csv':
      return (b) => {
        sink += utf8.decode(b).split(',').length;
      };
    case 'envelope-kv':
      return (b) => {
        const o = JSON.parse(utf8.decode(b)) as { line: string };
        sink += o.line.split('=').length;
      };
  }
}

function perSecond(payloads: Uint8Array[], fn: (b: Uint8Array) => void): number {
  const t0 = process.hrtime.bigint();
  for (const p of payloads) fn(p);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return payloads.length / s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchFormats(): FormatResult[] {
  const decoder = new TelemetryDecoder({
    categoryMap: new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json'))),
    attackMap: AttackMapper.fromJson(readResourceJson('attack-map.json')),
    knownSites: new Set(['ubnd-tinh']),
  });
  const results: FormatResult[] = [];
  for (const c of corpora(decoder)) {
    const payloads = c.payloads.map((p) => Buffer.from(p));
    const base = baselineOf(c.baseline);
    const outcomes: Record<string, number> = {};
    let accepted = 0;
    for (const p of payloads) {
      const r = decoder.decode(TOPIC, p, NOW);
      const key = r.kind === 'rejected' ? `rejected:${r.reason}` : r.kind === 'ignored' ? `ignored:${r.type}` : r.kind;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (r.kind === 'event') accepted++;
    }
    // Warm both paths, then interleave them so neither gets the quieter moments of the run.
    perSecond(payloads, base);
    perSecond(payloads, (b) => void decoder.decode(TOPIC, b, NOW));
    const baseRuns: number[] = [];
    const decRuns: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      baseRuns.push(perSecond(payloads, base));
      decRuns.push(perSecond(payloads, (b) => void decoder.decode(TOPIC, b, NOW)));
    }
    const baselinePerSecond = median(baseRuns);
    const decoderPerSecond = median(decRuns);
    results.push({
      name: c.name,
      baselineName: { json: 'JSON.parse', cef: "split('|') + split('=')", kv: "split('=')", csv: "split(',')", 'envelope-kv': "JSON.parse + split('=')" }[c.baseline],
      lines: payloads.length,
      baselinePerSecond,
      decoderPerSecond,
      ratio: decoderPerSecond / baselinePerSecond,
      accepted: accepted / payloads.length,
      outcomes,
    });
  }
  if (sink === -1) console.log(sink); // keeps the baselines' work observable
  return results;
}

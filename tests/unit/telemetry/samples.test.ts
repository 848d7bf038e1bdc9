// Every line of every sample file through the decoder, with exact counts per outcome.
import { describe, it, expect } from 'vitest';
import type { DecodeResult } from '../../../electron/core/telemetry/decoder.js';
import {
  ALERT_FILES,
  DOCS_FILE,
  EVENT_TOPIC,
  MIXED_FILE,
  NOW,
  makeDecoder,
  sampleFiles,
  sampleLines,
} from './fixtures.js';

const decoder = makeDecoder();
const td = new TextDecoder();

function label(r: DecodeResult): string {
  if (r.kind === 'ignored') return r.type;
  if (r.kind === 'rejected') return `rejected:${r.reason}`;
  return r.kind;
}

function tally(files: readonly string[]): { outcomes: Record<string, number>; results: [unknown, DecodeResult][] } {
  const outcomes: Record<string, number> = {};
  const results: [unknown, DecodeResult][] = [];
  for (const f of files) {
    for (const line of sampleLines(f)) {
      const r = decoder.decode(EVENT_TOPIC, line, NOW);
      outcomes[label(r)] = (outcomes[label(r)] ?? 0) + 1;
      results.push([JSON.parse(td.decode(line)), r]);
    }
  }
  return { outcomes, results };
}

/** Independent oracle for EVE timestamps: make them RFC 3339 and let Date.parse read them. */
function oracleTime(ts: string): number {
  const m = /([+-]\d\d)(\d\d)$/u.exec(ts);
  const iso = m ? `${ts.slice(0, -2)}:${m[2]}` : `${ts}Z`;
  return Date.parse(iso.replace(/(\.\d{3})\d+/u, '$1'));
}

function sevFor(n: number): string {
  return n === 1 ? 'high' : n === 2 ? 'medium' : 'low';
}

describe('sample files', () => {
  it('finds the sample directory beside the repository', () => {
    expect(sampleFiles()).toEqual([...ALERT_FILES, DOCS_FILE, MIXED_FILE].sort());
  });

  it('decodes every line of every sample file without throwing or an internal reject', () => {
    let lines = 0;
    for (const f of sampleFiles()) {
      for (const line of sampleLines(f)) {
        const r = decoder.decode(EVENT_TOPIC, line, NOW);
        expect(r.kind === 'rejected' && r.reason === 'internal').toBe(false);
        lines++;
      }
    }
    expect(lines).toBe(161 + 207 + 136 + 44 + 9 + 498);
  });

  describe('the four alert files', () => {
    const { outcomes, results } = tally(ALERT_FILES);

    it('turn all 548 alerts into events', () => {
      expect(outcomes).toEqual({ event: 548 });
    });

    it('keep fields, time, severity and action of every alert', () => {
      for (const [raw, r] of results) {
        const o = raw as { timestamp: string; src_ip: string; src_port?: number; dest_ip: string; dest_port?: number; proto: string; alert: { signature: string; signature_id: number; severity: number } };
        if (r.kind !== 'event') throw new Error('not an event');
        const e = r.event;
        expect(e.time).toBe(oracleTime(o.timestamp));
        expect(e.siteId).toBe('soc-tinh');
        expect(e.sensorId).toBe('ids-1');
        expect(e.srcIp).toBe(o.src_ip);
        expect(e.destIp).toBe(o.dest_ip);
        expect(e.srcPort).toBe(o.src_port ?? null);
        expect(e.destPort).toBe(o.dest_port ?? null);
        expect(e.proto).toBe(o.proto);
        expect(e.signature).toBe(o.alert.signature);
        expect(e.signatureId).toBe(o.alert.signature_id);
        expect(e.action).toBe('allowed');
        expect(e.count).toBe(1);
        const expected = e.category === 'targeted' && o.alert.severity > 1 ? 'high' : sevFor(o.alert.severity);
        expect(e.severity).toBe(expected);
      }
    });

    it('map the 17 Suricata categories to the wall categories (resources/category-map.json)', () => {
      const cats: Record<string, number> = {};
      for (const [, r] of results) if (r.kind === 'event') cats[r.event.category] = (cats[r.event.category] ?? 0) + 1;
      expect(cats).toEqual({ combined: 173, other: 136, policy: 126, scan: 61, malware: 48, targeted: 4 });
      const sev: Record<string, number> = {};
      for (const [, r] of results) if (r.kind === 'event') sev[r.event.severity] = (sev[r.event.severity] ?? 0) + 1;
      expect(sev).toEqual({ high: 203, medium: 217, low: 128 });
    });

    it('give every alert a distinct dedup key built from flow_id, timestamp and signature id', () => {
      const keys = new Set<string>();
      for (const [raw, r] of results) {
        if (r.kind !== 'event') throw new Error('not an event');
        const o = raw as { flow_id: number; timestamp: string; alert: { signature_id: number } };
        expect(r.dedupKey).toBe(`soc-tinh/ids-1/${o.flow_id}:${o.timestamp}:${o.alert.signature_id}`);
        keys.add(r.dedupKey as string);
      }
      expect(keys.size).toBe(548);
      // the same line again gives the same key (redelivery)
      const again = decoder.decode(EVENT_TOPIC, sampleLines(ALERT_FILES[0])[0] as Uint8Array, NOW);
      expect(again.kind === 'event' && keys.has(again.dedupKey as string)).toBe(true);
    });

    it('parse the -0600 offset to the right epoch milliseconds', () => {
      const first = results.find(([raw]) => (raw as { timestamp: string }).timestamp === '2017-03-25T16:49:58.856335-0600');
      expect(first).toBeDefined();
      const r = (first as [unknown, DecodeResult])[1];
      // 16:49:58.856 at UTC-6 is 22:49:58.856 UTC
      expect(r.kind === 'event' && r.event.time).toBe(Date.UTC(2017, 2, 25, 22, 49, 58, 856));
      expect(Date.UTC(2017, 2, 25, 22, 49, 58, 856)).toBe(1490482198856);
    });

    it('read the zone-less honeypot timestamps as UTC', () => {
      const [raw, r] = results.find(([o]) => (o as { timestamp: string }).timestamp === '2019-01-02T03:50:11.315110') as [unknown, DecodeResult];
      expect(raw).toBeDefined();
      expect(r.kind === 'event' && r.event.time).toBe(Date.UTC(2019, 0, 2, 3, 50, 11, 315));
    });
  });

  describe('the mixed file', () => {
    const { outcomes, results } = tally([MIXED_FILE]);

    it('yields 121 alert events, 25 anomaly events, per-type ignores and one unknown_format', () => {
      expect(outcomes).toEqual({
        event: 146,
        'eve:flow': 80,
        'eve:dns': 60,
        'eve:tls': 60,
        'eve:http': 35,
        'eve:fileinfo': 33,
        'eve:smb': 30,
        'eve:krb5': 20,
        'eve:dcerpc': 20,
        'eve:smtp': 10,
        'eve:dhcp': 3,
        'rejected:unknown_format': 1,
      });
      const alerts = results.filter(([raw, r]) => (raw as { event_type?: string }).event_type === 'alert' && r.kind === 'event');
      const anomalies = results.filter(([raw, r]) => (raw as { event_type?: string }).event_type === 'anomaly' && r.kind === 'event');
      expect(alerts.length).toBe(121);
      expect(anomalies.length).toBe(25);
    });

    it('treats the odd last line (its event_type key reads "F") as unknown_format, not a crash', () => {
      const [raw, r] = results[results.length - 1] as [Record<string, unknown>, DecodeResult];
      expect(raw.event_type).toBeUndefined();
      expect(raw.F).toBe('stats');
      expect(r).toMatchObject({ kind: 'rejected', reason: 'unknown_format' });
      expect(results.filter(([, x]) => x.kind === 'rejected').length).toBe(1);
    });

    it('maps its signatures: FormBook and JA3 Dridex → malware, ET POLICY → policy, anomalies low', () => {
      const bySig = new Map<string, string>();
      for (const [, r] of results) if (r.kind === 'event' && r.event.signature) bySig.set(r.event.signature, `${r.event.category}/${r.event.severity}`);
      expect(bySig.get('ET MALWARE FormBook CnC Checkin (GET)')).toBe('malware/high');
      expect(bySig.get('ET JA3 Hash - [Abuse.ch] Possible Dridex')).toBe('malware/low');
      expect(bySig.get('ET POLICY PE EXE or DLL Windows file download HTTP')).toMatch(/^policy\//u);
      expect(bySig.get('SURICATA Applayer Detect protocol only one direction')).toBe('other/low');
      for (const [raw, r] of results) {
        if ((raw as { event_type?: string }).event_type !== 'anomaly') continue;
        expect(r).toMatchObject({ kind: 'event', event: { severity: 'low', action: 'unknown', category: 'other' } });
        const an = (raw as { anomaly: { event?: string; type: string } }).anomaly;
        expect(r.kind === 'event' && r.event.signature).toBe(an.event ?? an.type);
      }
    });

    it('parses the +0100 offset', () => {
      const alert = results.find(([, x]) => x.kind === 'event') as [{ timestamp: string }, DecodeResult];
      expect(alert[0].timestamp.endsWith('+0100')).toBe(true);
      expect(alert[1].kind === 'event' && alert[1].event.time).toBe(oracleTime(alert[0].timestamp));
      for (const [o, x] of results) if (x.kind === 'event') expect(x.event.time).toBe(oracleTime((o as { timestamp: string }).timestamp));
    });
  });

  describe('the documentation examples', () => {
    const { outcomes } = tally([DOCS_FILE]);
    it('give 2 alerts + 1 anomaly as events and ignore the rest by type', () => {
      expect(outcomes).toEqual({ event: 3, 'eve:fileinfo': 1, 'eve:http': 1, 'eve:flow': 1, 'eve:mqtt': 1, 'eve:pgsql': 2 });
    });
  });
});

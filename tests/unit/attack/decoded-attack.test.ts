// ATT&CK through the decoders the wall runs, on the fixtures of tests/fixtures/attack/: the
// rule's own tags win, a rule without tags falls back to its classtype, and an event whose
// sensor gives none carries no `attack` (the aggregator's category fallback applies then).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../electron/core/telemetry/result.js';
import { AttackMapper } from '../../../electron/core/attack/attack-map.js';
import { readResourceJson } from '../../../electron/core/config/resources.js';
import { CategoryMapper, loadCategoryMap } from '../../../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';

const lines = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/attack/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'));
const decoder = new TelemetryDecoder({
  categoryMap: new CategoryMapper(loadCategoryMap(readResourceJson('category-map.json'))),
  attackMap: AttackMapper.fromJson(readResourceJson('attack-map.json')),
  knownSites: new Set(['so-tttt']),
});
const decode = (payload: string): DecodeResult => decoder.decode('soc/v1/so-tttt/ids-01/event', Buffer.from(payload), Date.now());
const attackOf = (r: DecodeResult) => (r.kind === 'event' ? r.event.attack : 'not an event');

describe('ATT&CK in decoded events', () => {
  it("an Emerging Threats alert carries its own tactics and techniques, marked as the sensor's", () => {
    const [first] = lines('suricata-et-mitre.ndjson');
    const attack = attackOf(decode(first!));
    expect(attack).toMatchObject({ source: 'sensor' });
    expect(typeof attack === 'object' && attack.tactics.length).toBeGreaterThan(0);
    expect(typeof attack === 'object' && attack.techniques.every((t) => /^T\d{4}(\.\d{3})?$/u.test(t))).toBe(true);
  });

  it("a Suricata alert without tags takes its classtype's tactics, marked as mapped", () => {
    const untagged = JSON.stringify({
      timestamp: '2026-12-02T08:00:00.000000+0700', flow_id: 42, event_type: 'alert', src_ip: '45.134.26.10', dest_ip: '10.91.0.5', proto: 'TCP',
      alert: { signature_id: 2_000_001, signature: 'ET SCAN Nmap', category: 'Detection of a Network Scan', severity: 2 },
    });
    expect(attackOf(decode(untagged))).toEqual({ tactics: ['TA0043'], techniques: [], source: 'mapping' });
    const unmapped = untagged.replace('Detection of a Network Scan', 'Not Suspicious Traffic');
    expect(attackOf(decode(unmapped))).toBeUndefined();
  });

  it('an ECS document with threat.* carries its tactics; a native event carries none', () => {
    const [ecs] = lines('ecs-threat.ndjson');
    const attack = attackOf(decode(ecs!));
    expect(attack).toMatchObject({ source: 'sensor' });
    expect(typeof attack === 'object' && attack.tactics.length).toBeGreaterThan(0);
    const native = JSON.stringify({ v: 1, id: 'n-1', time: new Date().toISOString(), category: 'scan', severity: 'low', src_ip: '45.134.26.10', count: 1 });
    expect(attackOf(decode(native))).toBeUndefined();
  });

  it('hostile metadata neither rejects the alert nor tags it', () => {
    const hostile = JSON.stringify({
      timestamp: '2026-12-02T08:00:00.000000+0700', flow_id: 43, event_type: 'alert', src_ip: '45.134.26.10', proto: 'TCP',
      alert: { signature_id: 1, signature: 'x', category: 'Misc Attack', severity: 2, metadata: { mitre_tactic_id: [{ a: 1 }, 'TA9999', 'x'.repeat(10_000)], mitre_technique_id: 7 } },
    });
    const r = decode(hostile);
    expect(r.kind).toBe('event');
    expect(attackOf(r)).toBeUndefined();
  });
});

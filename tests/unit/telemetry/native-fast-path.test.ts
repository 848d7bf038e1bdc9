// The native decoder's plain checks accept exactly what NativeEventSchema (valibot) accepts:
// 30,000 generated payloads, each field drawn from valid values, boundary values and wrong
// types. A payload the checks refuse still goes to the schema, which names the failing field.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NativeEventSchema } from '../../../electron/contract/schemas.js';
import { plainNativeEvent } from '../../../electron/core/telemetry/native.js';

const ABSENT = Symbol('absent');
const text = (n: number, c = 'a') => c.repeat(n);
const POOLS: Record<string, unknown[]> = {
  v: [ABSENT, 1, 2, 0, '1', null],
  id: [ABSENT, 'sim-1', '', text(128), text(129), 5, null, ['x']],
  time: ['2026-12-01T10:00:00Z', text(40, '1'), text(41, '1'), 0, 1.5, -3, 1e300, null, true, ABSENT],
  category: ['scan', 'spoof', 'malware', 'combined', 'targeted', 'policy', 'other', 'Scan', '', null, 3, ABSENT],
  severity: ['low', 'medium', 'high', 'critical', 'info', null, ABSENT],
  action: [ABSENT, 'blocked', 'allowed', 'unknown', 'dropped', null, 1],
  src_ip: [ABSENT, null, '10.0.0.1', 'fe80::1', 'ABCDEF:12', '', text(64, '1'), text(65, '1'), '10.0.0.1 ', 'g::1', 7],
  src_port: [ABSENT, null, 0, 65535, 65536, -1, 80.5, '80'],
  dest_ip: [ABSENT, null, '192.168.1.10', '::', 'x'],
  dest_port: [ABSENT, null, 443, 70000],
  proto: [ABSENT, null, 'tcp', '', text(16), text(17), 6],
  signature: [ABSENT, null, 'ET SCAN', '', text(512), text(513), {}],
  signature_id: [ABSENT, null, 2_000_001, -5, 1.25, 2 ** 60, '2000001'],
  count: [ABSENT, 1, 1_000_000, 0, 1_000_001, 2.5, null, '3'],
  extra: [ABSENT, 'ignored', { nested: true }],
};

function generate(seed: number, n: number): Record<string, unknown>[] {
  // mulberry32: every bit random (an LCG's low bits cycle, and picks would correlate).
  let s = seed >>> 0;
  const rnd = (k: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * k);
  };
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const o: Record<string, unknown> = {};
    // Mostly valid fields (the first two values of each pool are valid), so accepted payloads are common.
    for (const [key, pool] of Object.entries(POOLS)) {
      const value = rnd(6) === 0 ? pool[rnd(pool.length)] : pool[rnd(2)];
      if (value !== ABSENT) o[key] = value;
    }
    out.push(JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
  }
  return out;
}

describe('native event: plain checks ≡ NativeEventSchema', () => {
  it('accept and refuse the same 30,000 generated payloads', () => {
    const payloads = generate(42, 30_000);
    let accepted = 0;
    for (const o of payloads) {
      const schema = v.safeParse(NativeEventSchema, o).success;
      const plain = plainNativeEvent(o as never) !== null;
      if (plain !== schema) expect.fail(`plain ${plain}, schema ${schema} for ${JSON.stringify(o)}`);
      if (schema) accepted++;
    }
    // Both sides of the rule are exercised.
    expect(accepted).toBeGreaterThan(3_000);
    expect(accepted).toBeLessThan(27_000);
  });
});

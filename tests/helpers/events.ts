// Builders for test telemetry in the native schema.
import type { Category, Severity } from '../../electron/contract/index.js';

let n = 0;

export function nativeEvent(
  category: Category,
  severity: Severity = 'low',
  extra: Record<string, unknown> = {},
): string {
  n++;
  return JSON.stringify({
    v: 1,
    id: `test-${process.pid}-${n}`,
    time: new Date().toISOString(),
    category,
    severity,
    action: 'blocked',
    src_ip: '203.0.113.7',
    src_port: 40000 + (n % 1000),
    dest_ip: '10.91.0.5',
    dest_port: 443,
    proto: 'TCP',
    signature: `TEST ${category} signature`,
    signature_id: 9_999_000 + n,
    count: 1,
    ...extra,
  });
}

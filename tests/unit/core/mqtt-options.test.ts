import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mqttClientOptions } from '../../../electron/core/ingest/mqtt-security.js';

describe('MQTT TLS and credential options', () => {
  it('reads CA, certificate and key files and passes credentials', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socwall-tls-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
    const o = mqttClientOptions({ caFile: join(dir, 'ca.pem'), certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem'), username: 'wall', password: 's3cret' });
    expect(String(o.ca)).toBe('-----ca.pem-----');
    expect(String(o.cert)).toBe('-----cert.pem-----');
    expect(String(o.key)).toBe('-----key.pem-----');
    expect([o.username, o.password]).toEqual(['wall', 's3cret']);
    expect(o.rejectUnauthorized).toBeUndefined();
  });

  it('names the missing file in its error', () => {
    const missing = join(tmpdir(), 'socwall-nonexistent', 'ca.pem');
    expect(() => mqttClientOptions({ caFile: missing })).toThrow(`MQTT CA file ${missing}`);
  });

  it('adds nothing without security options', () => {
    expect(mqttClientOptions(undefined)).toEqual({});
  });
});

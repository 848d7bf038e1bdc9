// mqtt.js options for TLS (CA, client certificate) and credentials, shared by the wall's ingest
// (wall-core.ts) and the forwarder (forwarder/), so both read the same files the
// same way and say the same thing when one cannot be read.
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { MqttSecurityOptions } from '../wall-core-api.js';

export type { MqttSecurityOptions } from '../wall-core-api.js';

/** mqtt.js options for TLS (CA, client certificate) and credentials. */
export function mqttClientOptions(sec: MqttSecurityOptions | undefined): Partial<IClientOptions> {
  if (!sec) return {};
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`Cannot read the MQTT ${what} file ${file}: ${(err as Error).message}`, { cause: err });
    }
  };
  const out: Partial<IClientOptions> = {};
  if (sec.caFile) out.ca = read(sec.caFile, 'CA');
  if (sec.certFile) out.cert = read(sec.certFile, 'client certificate');
  if (sec.keyFile) out.key = read(sec.keyFile, 'client key');
  if (sec.username !== undefined) out.username = sec.username;
  if (sec.password !== undefined) out.password = sec.password;
  if (sec.rejectUnauthorized !== undefined) out.rejectUnauthorized = sec.rejectUnauthorized;
  return out;
}

// Settings of one installation: defaults, the electron-store schema and the
// environment overrides. Pure; settings.ts holds the electron-store adapter.
import { randomUUID } from 'node:crypto';
import type { Language } from '../contract/api.js';
import { LANGUAGES } from '../contract/api.js';

export interface WallSettings {
  /** MQTT broker URLs (mqtts://…); empty = the embedded demo. */
  brokerUrls: string[];
  language: Language;
  /** MQTT client id, generated once per installation (persistent sessions). */
  clientId: string;
}

export function settingsDefaults(): Omit<WallSettings, 'clientId'> {
  return { brokerUrls: [], language: 'vi' };
}

export function newClientId(uuid: () => string = randomUUID): string {
  return `socwall-${uuid().replaceAll('-', '').slice(0, 12)}`;
}

const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'];

/** JSON schema of the store (electron-store validates the file with it). */
export const SETTINGS_SCHEMA = {
  brokerUrls: { type: 'array', items: { type: 'string', maxLength: 2048 }, maxItems: 16 },
  language: { type: 'string', enum: [...LANGUAGES] },
  clientId: { type: 'string', minLength: 1, maxLength: 128 },
} as const;

export function isBrokerUrl(value: string): boolean {
  try {
    return BROKER_PROTOCOLS.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Parses `SOCWALL_BROKER` (comma-separated URLs); invalid entries are dropped and reported. */
export function parseBrokerList(value: string): { urls: string[]; invalid: string[] } {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { urls: entries.filter(isBrokerUrl), invalid: entries.filter((s) => !isBrokerUrl(s)) };
}

export interface EffectiveSettings {
  brokerUrls: string[];
  /** true = embedded demo forced; undefined = demo only when no broker is configured. */
  demo: true | undefined;
  language: Language;
  clientId: string;
  /** Human-readable notes about overrides (logged by the shell). */
  notes: string[];
}

/** Applies `SOCWALL_BROKER` and `SOCWALL_DEMO=1` over the stored settings. */
export function effectiveSettings(stored: WallSettings, env: Readonly<Record<string, string | undefined>>): EffectiveSettings {
  const notes: string[] = [];
  let brokerUrls = [...stored.brokerUrls];
  const fromEnv = env.SOCWALL_BROKER;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const parsed = parseBrokerList(fromEnv);
    if (parsed.invalid.length > 0) notes.push(`SOCWALL_BROKER: ignored ${parsed.invalid.length} entry(ies) that are not broker URLs`);
    brokerUrls = parsed.urls;
    notes.push(`SOCWALL_BROKER overrides the stored broker list (${brokerUrls.length} URL(s))`);
  }
  if (env.SOCWALL_DEMO === '1') {
    notes.push('SOCWALL_DEMO=1: the embedded demo broker and simulator feed the wall');
    return { brokerUrls: [], demo: true, language: stored.language, clientId: stored.clientId, notes };
  }
  return { brokerUrls, demo: undefined, language: stored.language, clientId: stored.clientId, notes };
}

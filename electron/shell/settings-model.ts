// Settings of one installation: defaults, the electron-store schema and the
// environment overrides. Pure; settings.ts holds the electron-store adapter.
import { randomUUID } from 'node:crypto';
import { toJsonSchema, type JSONSchema7 } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { LANGUAGES, type Language } from '../contract/api.js';
import type { MqttSecurityOptions } from '../core/wall-core-api.js';
import { kioskEnabled } from './kiosk-model.js';

/** A profile file name (without extension), as the core's ids: lower-case, digits, '.', '_', '-'. */
// No `u` flag on the patterns the JSON Schema carries: JSON Schema has no regex flags (ASCII only here).
const PROFILE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const filePath = v.pipe(v.string(), v.maxLength(4096));

/**
 * The settings file of one installation: the one definition. `WallSettings` is inferred
 * from it and the JSON Schema electron-store validates the file with is generated from it.
 */
export const WallSettingsSchema = v.object({
  /** MQTT broker URLs (mqtts://…); empty = the embedded demo. */
  brokerUrls: v.pipe(v.array(v.pipe(v.string(), v.maxLength(2048))), v.maxLength(16)),
  language: v.picklist(LANGUAGES),
  /** MQTT client id, generated once per installation (persistent sessions). */
  clientId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  /** Kiosk mode; null = on when packaged, off in development. */
  kiosk: v.nullable(v.boolean()),
  /** scrypt hash of the kiosk PIN (`npx tsx electron/core/wall/pin-cli.ts`); null = no lock. */
  kioskPinHash: v.nullable(v.pipe(v.string(), v.maxLength(512))),
  /** Wall profile in `<configDir>/profiles`, or 'auto' (wall-2x2 with 4+ displays, else single). */
  profile: v.pipe(v.string(), v.regex(PROFILE_PATTERN)),
  /** Folder of the administrator's profiles and layouts; null = the bundled resources/wall. */
  configDir: v.nullable(filePath),
  /** Verify the broker's certificate (only a lab broker turns it off). */
  mqttRejectUnauthorized: v.boolean(),
  /** CA file (PEM) that signed the broker's certificate. */
  mqttCaFile: v.optional(filePath),
  /** Client certificate and key (PEM) for mutual TLS. */
  mqttCertFile: v.optional(filePath),
  mqttKeyFile: v.optional(filePath),
  mqttUsername: v.optional(v.pipe(v.string(), v.maxLength(1024))),
  /** base64 of `safeStorage.encryptString(password)`; never the password itself. */
  mqttPasswordEncrypted: v.optional(v.pipe(v.string(), v.maxLength(16384), v.regex(/^[A-Za-z0-9+/]*={0,2}$/))),
  /** Loopback TCP port serving the wall's Prometheus `/metrics` (and nothing else); null = off. */
  metricsPort: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))),
});

export type WallSettings = v.InferOutput<typeof WallSettingsSchema>;

/** The stored keys mqttSecurityFrom reads, plus a plain-text `mqttPassword` if one was found in the file (refused). */
export type StoredMqttSettings = Pick<
  WallSettings,
  'mqttRejectUnauthorized' | 'mqttCaFile' | 'mqttCertFile' | 'mqttKeyFile' | 'mqttUsername' | 'mqttPasswordEncrypted'
> & { mqttPassword?: unknown };

export function settingsDefaults(): Omit<WallSettings, 'clientId'> {
  return { brokerUrls: [], language: 'vi', kiosk: null, kioskPinHash: null, profile: 'auto', configDir: null, mqttRejectUnauthorized: true, metricsPort: null };
}

export function newClientId(uuid: () => string = randomUUID): string {
  return `socwall-${uuid().replaceAll('-', '').slice(0, 12)}`;
}

const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'];

/** JSON Schema of each stored key (electron-store validates the file with it), generated from WallSettingsSchema. */
export const SETTINGS_SCHEMA = settingsJsonSchema();

function settingsJsonSchema(): Record<keyof WallSettings, JSONSchema7> {
  const { properties } = toJsonSchema(WallSettingsSchema, { errorMode: 'throw' });
  // toJsonSchema writes one property per entry of the object schema; a boolean property
  // (an always-true schema) would come from a schema we do not use.
  return properties as Record<keyof WallSettings, JSONSchema7>;
}

/** Stored keys that may be absent (no default). */
export const OPTIONAL_SETTINGS = ['mqttCaFile', 'mqttCertFile', 'mqttKeyFile', 'mqttUsername', 'mqttPasswordEncrypted'] as const;

/** 'auto': the 2×2 wall when four or more displays are connected, else one screen. */
export function resolveProfile(setting: string, displayCount: number): string {
  if (setting !== 'auto') return setting;
  return displayCount >= 4 ? 'wall-2x2' : 'single';
}

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
  kiosk: boolean;
  pinHash: string | null;
  /** Resolved profile name (never 'auto'). */
  profile: string;
  /** undefined = the core's default (bundled resources/wall). */
  configDir: string | undefined;
  /** Loopback port for `/metrics`, or null (off). */
  metricsPort: number | null;
  /** Human-readable notes about overrides (logged by the shell). */
  notes: string[];
}

export interface SettingsContext {
  /** `app.isPackaged`. */
  packaged: boolean;
  /** Displays connected at start (for profile 'auto'). */
  displayCount: number;
}

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

/**
 * Applies the environment over the stored settings: `SOCWALL_BROKER`, `SOCWALL_DEMO=1`,
 * `SOCWALL_KIOSK=1/0`, `SOCWALL_KIOSK_PIN_HASH`, `SOCWALL_PROFILE`, `SOCWALL_CONFIG_DIR`,
 * `SOCWALL_METRICS_PORT` (a port, or `off`).
 */
export function effectiveSettings(
  stored: WallSettings,
  env: Readonly<Record<string, string | undefined>>,
  context: SettingsContext = { packaged: false, displayCount: 1 },
): EffectiveSettings {
  const notes: string[] = [];
  let brokerUrls = [...stored.brokerUrls];
  const fromEnv = env.SOCWALL_BROKER;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const parsed = parseBrokerList(fromEnv);
    if (parsed.invalid.length > 0) notes.push(`SOCWALL_BROKER: ignored ${parsed.invalid.length} entry(ies) that are not broker URLs`);
    brokerUrls = parsed.urls;
    notes.push(`SOCWALL_BROKER overrides the stored broker list (${brokerUrls.length} URL(s))`);
  }
  const kiosk = kioskEnabled(stored.kiosk, context.packaged, env);
  if (kiosk.note !== null) notes.push(kiosk.note);

  let pinHash = stored.kioskPinHash;
  const pinFromEnv = nonEmpty(env.SOCWALL_KIOSK_PIN_HASH);
  if (pinFromEnv !== undefined) {
    pinHash = pinFromEnv;
    notes.push('SOCWALL_KIOSK_PIN_HASH overrides the stored kiosk PIN');
  }

  let profileSetting = stored.profile;
  const profileFromEnv = nonEmpty(env.SOCWALL_PROFILE);
  if (profileFromEnv !== undefined) {
    if (profileFromEnv === 'auto' || PROFILE_PATTERN.test(profileFromEnv)) {
      profileSetting = profileFromEnv;
      notes.push(`SOCWALL_PROFILE=${profileFromEnv}`);
    } else notes.push(`SOCWALL_PROFILE ignored: not a profile name`);
  }
  const profile = resolveProfile(profileSetting, context.displayCount);
  if (profileSetting === 'auto') notes.push(`profile auto: ${profile} (${context.displayCount} display(s))`);

  let configDir = stored.configDir ?? undefined;
  const dirFromEnv = nonEmpty(env.SOCWALL_CONFIG_DIR);
  if (dirFromEnv !== undefined) {
    configDir = dirFromEnv;
    notes.push(`SOCWALL_CONFIG_DIR=${dirFromEnv}`);
  }

  let metricsPort = stored.metricsPort ?? null;
  const portFromEnv = nonEmpty(env.SOCWALL_METRICS_PORT);
  if (portFromEnv !== undefined) {
    const parsed = parseMetricsPort(portFromEnv);
    if (parsed === undefined) notes.push(`SOCWALL_METRICS_PORT ignored: "${portFromEnv.slice(0, 32)}" is neither a TCP port (1-65535) nor "off"`);
    else {
      metricsPort = parsed;
      notes.push(parsed === null ? 'SOCWALL_METRICS_PORT=off: no metrics port' : `SOCWALL_METRICS_PORT=${parsed}`);
    }
  }

  const common = { language: stored.language, clientId: stored.clientId, kiosk: kiosk.kiosk, pinHash, profile, configDir, metricsPort };
  if (env.SOCWALL_DEMO === '1') {
    notes.push('SOCWALL_DEMO=1: the embedded demo broker and simulator feed the wall');
    return { brokerUrls: [], demo: true, ...common, notes };
  }
  return { brokerUrls, demo: undefined, ...common, notes };
}

/** A metrics port from the environment: 1-65535, or null for `off`/`0`; undefined when it is neither. */
export function parseMetricsPort(value: string): number | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === '0') return null;
  if (!/^\d{1,5}$/u.test(v)) return undefined;
  const port = Number(v);
  return port >= 1 && port <= 65_535 ? port : undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** How to set the password again (a note, never the password). */
export const MQTT_PASSWORD_HOW_TO_SET =
  'start the wall once with SOCWALL_MQTT_PASSWORD_SET=<password> (stored encrypted with safeStorage), or pass SOCWALL_MQTT_PASSWORD';

/**
 * The broker TLS files and credentials for the core: `SOCWALL_MQTT_CA`, `SOCWALL_MQTT_CERT`,
 * `SOCWALL_MQTT_KEY`, `SOCWALL_MQTT_USERNAME`, `SOCWALL_MQTT_PASSWORD` (then the one-shot
 * `SOCWALL_MQTT_PASSWORD_SET`) win over the stored keys. The stored password is only ever the safeStorage-encrypted one: `decrypt` returns
 * null (or throws) when it cannot be decrypted here, which gives a note and no password.
 * A plain-text `mqttPassword` in the file is refused, never used. Notes never hold a secret.
 */
export function mqttSecurityFrom(
  stored: StoredMqttSettings,
  env: Env,
  decrypt: (base64: string) => string | null,
): { options: MqttSecurityOptions | undefined; notes: string[] } {
  const notes: string[] = [];
  const pick = (envName: string, key: 'mqttCaFile' | 'mqttCertFile' | 'mqttKeyFile' | 'mqttUsername'): string | undefined => {
    const fromEnv = nonEmpty(env[envName]);
    if (fromEnv !== undefined) {
      notes.push(`${envName} overrides the stored ${key}`);
      return fromEnv;
    }
    return nonEmpty(stored[key]);
  };
  const caFile = pick('SOCWALL_MQTT_CA', 'mqttCaFile');
  const certFile = pick('SOCWALL_MQTT_CERT', 'mqttCertFile');
  const keyFile = pick('SOCWALL_MQTT_KEY', 'mqttKeyFile');
  const username = pick('SOCWALL_MQTT_USERNAME', 'mqttUsername');

  if (stored.mqttPassword !== undefined) {
    notes.push(`settings.json holds a plain-text "mqttPassword": refused and not used; delete it and re-enter the password: ${MQTT_PASSWORD_HOW_TO_SET}`);
  }
  let password: string | undefined;
  const passwordFromEnv = env.SOCWALL_MQTT_PASSWORD;
  const passwordBeingSet = env.SOCWALL_MQTT_PASSWORD_SET; // one-shot: stored by mqttPasswordSetDecision, used as is
  if (passwordFromEnv !== undefined && passwordFromEnv !== '') {
    password = passwordFromEnv; // not trimmed: a password may have any characters
    notes.push('SOCWALL_MQTT_PASSWORD overrides the stored MQTT password');
  } else if (passwordBeingSet !== undefined && passwordBeingSet !== '') {
    password = passwordBeingSet;
  } else if (nonEmpty(stored.mqttPasswordEncrypted) !== undefined) {
    let plain: string | null;
    try {
      plain = decrypt(stored.mqttPasswordEncrypted!.trim());
    } catch {
      plain = null;
    }
    if (plain === null) notes.push(`the stored MQTT password cannot be decrypted on this machine: set it again with ${MQTT_PASSWORD_HOW_TO_SET}; connecting without a password`);
    else password = plain;
  }

  if ((certFile === undefined) !== (keyFile === undefined)) notes.push('MQTT client certificate: both mqttCertFile and mqttKeyFile are needed (only one is set)');
  if (password !== undefined && username === undefined) notes.push('an MQTT password is set without a username (MQTT 3.1.1 brokers refuse it)');
  const rejectUnauthorized = stored.mqttRejectUnauthorized;
  if (!rejectUnauthorized) notes.push("mqttRejectUnauthorized is false: the broker's certificate is NOT verified (lab brokers only)");

  const options: MqttSecurityOptions = {};
  if (caFile !== undefined) options.caFile = caFile;
  if (certFile !== undefined) options.certFile = certFile;
  if (keyFile !== undefined) options.keyFile = keyFile;
  if (username !== undefined) options.username = username;
  if (password !== undefined) options.password = password;
  if (!rejectUnauthorized) options.rejectUnauthorized = false;
  return { options: Object.keys(options).length === 0 ? undefined : options, notes };
}

export type LogLine = { level: 'info' | 'warn' | 'error'; message: string };

/** What to do with the one-shot `SOCWALL_MQTT_PASSWORD_SET`. */
export type MqttPasswordSetDecision =
  | { action: 'none' }
  /** Store `mqttPasswordEncrypted` (and delete a refused plain-text `mqttPassword`), then log. */
  | { action: 'store'; mqttPasswordEncrypted: string; deletePlainPassword: boolean; log: LogLine[] }
  /** Nothing stored (no encryption here); the password is still used for this run. */
  | { action: 'refuse'; log: LogLine[] };

/**
 * `SOCWALL_MQTT_PASSWORD_SET=<password>`: encrypt and store it, and say to remove it from the
 * environment. `encrypt` returns the base64 of `safeStorage.encryptString` or null when
 * encryption is unavailable; `backend` is safeStorage's Linux backend ('basic_text' = no
 * keyring: the value would only be obfuscated, so nothing is stored).
 */
export function mqttPasswordSetDecision(
  env: Env,
  stored: Pick<StoredMqttSettings, 'mqttPassword'>,
  encrypt: (plain: string) => string | null,
  backend?: string,
): MqttPasswordSetDecision {
  const plain = env.SOCWALL_MQTT_PASSWORD_SET;
  if (plain === undefined || plain === '') return { action: 'none' };
  // Without an OS keyring (Linux 'basic_text') safeStorage only obfuscates: that counts as
  // plain text, so nothing is stored then either.
  let encrypted: string | null = null;
  if (backend !== 'basic_text') {
    try {
      encrypted = encrypt(plain);
    } catch {
      encrypted = null;
    }
  }
  if (encrypted === null) {
    return {
      action: 'refuse',
      log: [
        {
          level: 'error',
          message:
            backend === 'basic_text'
              ? 'SOCWALL_MQTT_PASSWORD_SET: this machine has no OS keyring (safeStorage basic_text only obfuscates), nothing stored; run a keyring (gnome-libsecret, kwallet) or give SOCWALL_MQTT_PASSWORD from a root-only environment file; it is used for this run only'
              : 'SOCWALL_MQTT_PASSWORD_SET: safeStorage encryption is not available on this machine, nothing stored (a password is never stored in plain text); it is used for this run only',
        },
      ],
    };
  }
  const log: LogLine[] = [{ level: 'info', message: 'MQTT password stored encrypted; remove SOCWALL_MQTT_PASSWORD_SET from the environment' }];
  const deletePlainPassword = stored.mqttPassword !== undefined;
  if (deletePlainPassword) log.push({ level: 'info', message: 'the refused plain-text "mqttPassword" was removed from settings.json' });
  return { action: 'store', mqttPasswordEncrypted: encrypted, deletePlainPassword, log };
}

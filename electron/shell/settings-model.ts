// Settings of one installation: defaults, the electron-store schema and the
// environment overrides. Pure; settings.ts holds the electron-store adapter.
import { randomUUID } from 'node:crypto';
import { toJsonSchema, type JSONSchema7 } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { LANGUAGES, type Language } from '../contract/api.js';
import { envOptions, nonEmpty, PROFILE_PATTERN, resolveProfile } from '../core/config/env-options.js';
import type { MqttSecurityOptions } from '../core/wall-core-api.js';
import { kioskEnabled } from './kiosk-model.js';

// No `u` flag on the patterns the JSON Schema carries: JSON Schema has no regex flags (ASCII only here).
const STORED_PROFILE_PATTERN = new RegExp(PROFILE_PATTERN.source);
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
  profile: v.pipe(v.string(), v.regex(STORED_PROFILE_PATTERN)),
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

/**
 * Applies the environment over the stored settings: the variables both hosts read
 * (core/config/env-options.ts: `SOCWALL_BROKER`, `SOCWALL_DEMO=1`, `SOCWALL_CLIENT_ID`,
 * `SOCWALL_KIOSK_PIN_HASH`, `SOCWALL_PROFILE`, `SOCWALL_CONFIG_DIR`), and the app's own
 * `SOCWALL_KIOSK=1/0` and `SOCWALL_METRICS_PORT` (a port, or `off`).
 */
export function effectiveSettings(
  stored: WallSettings,
  env: Readonly<Record<string, string | undefined>>,
  context: SettingsContext = { packaged: false, displayCount: 1 },
): EffectiveSettings {
  const fromEnv = envOptions(env);
  const notes: string[] = [...fromEnv.notes];
  let brokerUrls = [...stored.brokerUrls];
  if (fromEnv.brokerUrls !== undefined) {
    brokerUrls = fromEnv.brokerUrls;
    notes.push(`SOCWALL_BROKER overrides the stored broker list (${brokerUrls.length} URL(s))`);
  }
  const kiosk = kioskEnabled(stored.kiosk, context.packaged, env);
  if (kiosk.note !== null) notes.push(kiosk.note);

  let pinHash = stored.kioskPinHash;
  if (fromEnv.pinHash !== undefined) {
    pinHash = fromEnv.pinHash;
    notes.push('SOCWALL_KIOSK_PIN_HASH overrides the stored kiosk PIN');
  }

  let profileSetting = stored.profile;
  if (fromEnv.profile !== undefined) {
    profileSetting = fromEnv.profile;
    notes.push(`SOCWALL_PROFILE=${fromEnv.profile}`);
  }
  const profile = resolveProfile(profileSetting, context.displayCount);
  if (profileSetting === 'auto') notes.push(`profile auto: ${profile} (${context.displayCount} display(s))`);

  let configDir = stored.configDir ?? undefined;
  if (fromEnv.configDir !== undefined) {
    configDir = fromEnv.configDir;
    notes.push(`SOCWALL_CONFIG_DIR=${fromEnv.configDir}`);
  }

  let clientId = stored.clientId;
  if (fromEnv.clientId !== undefined) {
    clientId = fromEnv.clientId;
    notes.push(`SOCWALL_CLIENT_ID overrides the stored MQTT client id (${clientId})`);
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

  const common = { language: stored.language, clientId, kiosk: kiosk.kiosk, pinHash, profile, configDir, metricsPort };
  if (fromEnv.demo) {
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
  const fromEnv = envOptions(env).mqtt;
  const pick = (envName: string, key: 'mqttCaFile' | 'mqttCertFile' | 'mqttKeyFile' | 'mqttUsername', value: string | undefined): string | undefined => {
    if (value !== undefined) {
      notes.push(`${envName} overrides the stored ${key}`);
      return value;
    }
    return nonEmpty(stored[key]);
  };
  const caFile = pick('SOCWALL_MQTT_CA', 'mqttCaFile', fromEnv.caFile);
  const certFile = pick('SOCWALL_MQTT_CERT', 'mqttCertFile', fromEnv.certFile);
  const keyFile = pick('SOCWALL_MQTT_KEY', 'mqttKeyFile', fromEnv.keyFile);
  const username = pick('SOCWALL_MQTT_USERNAME', 'mqttUsername', fromEnv.username);

  if (stored.mqttPassword !== undefined) {
    notes.push(`settings.json holds a plain-text "mqttPassword": refused and not used; delete it and re-enter the password: ${MQTT_PASSWORD_HOW_TO_SET}`);
  }
  let password: string | undefined;
  const passwordBeingSet = env.SOCWALL_MQTT_PASSWORD_SET; // one-shot: stored by mqttPasswordSetDecision, used as is
  if (fromEnv.password !== undefined) {
    password = fromEnv.password;
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

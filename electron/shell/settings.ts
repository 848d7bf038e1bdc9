// Settings of this installation in electron-store (userData/settings.json), validated by
// the schema. An unreadable file never stops the wall: it runs on defaults and says so.
// The MQTT password is only stored encrypted with safeStorage (decisions in settings-model.ts).
import { safeStorage } from 'electron';
import type Store from 'electron-store';
import type { Schema } from 'electron-store';
import type { MqttSecurityOptions } from '../core/wall-core-api.js';
import {
  mqttPasswordSetDecision,
  mqttSecurityFrom,
  newClientId,
  settingsDefaults,
  SETTINGS_SCHEMA,
  type StoredMqttSettings,
  type WallSettings,
} from './settings-model.js';
import type { WallLog } from '../core/log/wall-log.js';
import { electronStore } from './settings-store.js';

type Stored = Omit<WallSettings, 'clientId'> & { clientId?: string };
/** The settings as read, with a plain-text `mqttPassword` if the file has one (refused, never used). */
export type ReadSettings = WallSettings & Pick<StoredMqttSettings, 'mqttPassword'>;
type Env = Readonly<Record<string, string | undefined>>;

// The generated JSON Schema (@valibot/to-json-schema's JSONSchema7) in the type conf declares for it.
const storeSchema = SETTINGS_SCHEMA as unknown as Schema<Stored>;
const openStore = () => new (electronStore())<Stored>({ name: 'settings', schema: storeSchema, defaults: settingsDefaults(), clearInvalidConfig: false });

export function readSettings(log: WallLog): ReadSettings {
  try {
    const store = openStore();
    let clientId = store.get('clientId');
    if (clientId === undefined) {
      clientId = newClientId();
      store.set('clientId', clientId); // generated once, stable afterwards (persistent MQTT session)
    }
    const raw = store.store as Record<string, unknown>;
    const optional = <K extends 'mqttCaFile' | 'mqttCertFile' | 'mqttKeyFile' | 'mqttUsername' | 'mqttPasswordEncrypted'>(key: K) => {
      const value = store.get(key);
      return value === undefined ? {} : { [key]: value };
    };
    return {
      brokerUrls: store.get('brokerUrls'),
      language: store.get('language'),
      clientId,
      kiosk: store.get('kiosk'),
      kioskPinHash: store.get('kioskPinHash'),
      profile: store.get('profile'),
      configDir: store.get('configDir'),
      mqttRejectUnauthorized: store.get('mqttRejectUnauthorized'),
      metricsPort: store.get('metricsPort') ?? null,
      ...optional('mqttCaFile'),
      ...optional('mqttCertFile'),
      ...optional('mqttKeyFile'),
      ...optional('mqttUsername'),
      ...optional('mqttPasswordEncrypted'),
      ...(Object.hasOwn(raw, 'mqttPassword') ? { mqttPassword: raw.mqttPassword } : {}),
    };
  } catch (err) {
    log('error', `settings unreadable, running on defaults: ${err instanceof Error ? err.message : String(err)}`);
    return { ...settingsDefaults(), clientId: newClientId() };
  }
}

function encryptPassword(plain: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return safeStorage.encryptString(plain).toString('base64');
}

function decryptPassword(base64: string): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  try {
    return safeStorage.decryptString(Buffer.from(base64, 'base64'));
  } catch {
    return null; // encrypted on another machine or by another user
  }
}

/**
 * The one-shot `SOCWALL_MQTT_PASSWORD_SET`: encrypts and stores the password (after app
 * ready: safeStorage needs it). Returns the settings as now stored.
 */
export function applyMqttPasswordSet(settings: ReadSettings, env: Env, log: WallLog): ReadSettings {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  const decision = mqttPasswordSetDecision(env, settings, encryptPassword, backend);
  if (decision.action === 'none') return settings;
  if (decision.action === 'store') {
    try {
      const store = openStore();
      store.set('mqttPasswordEncrypted', decision.mqttPasswordEncrypted);
      if (decision.deletePlainPassword) (store as unknown as Store<Record<string, unknown>>).delete('mqttPassword');
    } catch (err) {
      log('error', `SOCWALL_MQTT_PASSWORD_SET: the settings could not be written, nothing stored: ${err instanceof Error ? err.message : String(err)}`);
      return settings;
    }
  }
  decision.log.forEach(({ level, message }) => log(level, message));
  if (decision.action === 'refuse') return settings;
  const { mqttPassword: _refused, ...rest } = settings;
  return { ...rest, mqttPasswordEncrypted: decision.mqttPasswordEncrypted };
}

/** Broker TLS and credentials for the core, decrypting the stored password with safeStorage; notes are logged. */
export function mqttSecurity(settings: ReadSettings, env: Env, log: WallLog): MqttSecurityOptions | undefined {
  const { options, notes } = mqttSecurityFrom(settings, env, decryptPassword);
  notes.forEach((note) => log(note.includes('cannot be decrypted') || note.includes('refused') || note.includes('NOT verified') ? 'warn' : 'info', note));
  return options;
}

// Settings of one installation: defaults, the electron-store schema and the
// environment overrides. Pure; settings.ts holds the electron-store adapter.
import { randomUUID } from 'node:crypto';
import type { Language } from '../contract/api.js';
import { LANGUAGES } from '../contract/api.js';
import { kioskEnabled } from './kiosk-model.js';

export interface WallSettings {
  /** MQTT broker URLs (mqtts://…); empty = the embedded demo. */
  brokerUrls: string[];
  language: Language;
  /** MQTT client id, generated once per installation (persistent sessions). */
  clientId: string;
  /** Kiosk mode; null = on when packaged, off in development. */
  kiosk: boolean | null;
  /** scrypt hash of the kiosk PIN (`npx tsx electron/core/wall/pin-cli.ts`); null = no lock. */
  kioskPinHash: string | null;
  /** Wall profile in `<configDir>/profiles`, or 'auto' (wall-2x2 with 4+ displays, else single). */
  profile: string;
  /** Folder of the administrator's profiles and layouts; null = the bundled resources/wall. */
  configDir: string | null;
}

export function settingsDefaults(): Omit<WallSettings, 'clientId'> {
  return { brokerUrls: [], language: 'vi', kiosk: null, kioskPinHash: null, profile: 'auto', configDir: null };
}

export function newClientId(uuid: () => string = randomUUID): string {
  return `socwall-${uuid().replaceAll('-', '').slice(0, 12)}`;
}

/** A profile file name (without extension), as the core's ids: lower-case, digits, '.', '_', '-'. */
const PROFILE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/u;

const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'];

/** JSON schema of the store (electron-store validates the file with it). */
export const SETTINGS_SCHEMA = {
  brokerUrls: { type: 'array', items: { type: 'string', maxLength: 2048 }, maxItems: 16 },
  language: { type: 'string', enum: [...LANGUAGES] },
  clientId: { type: 'string', minLength: 1, maxLength: 128 },
  kiosk: { type: ['boolean', 'null'] },
  kioskPinHash: { type: ['string', 'null'], maxLength: 512 },
  profile: { type: 'string', pattern: PROFILE_PATTERN.source },
  configDir: { type: ['string', 'null'], maxLength: 4096 },
} as const;

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
 * `SOCWALL_KIOSK=1/0`, `SOCWALL_KIOSK_PIN_HASH`, `SOCWALL_PROFILE`, `SOCWALL_CONFIG_DIR`.
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

  const common = { language: stored.language, clientId: stored.clientId, kiosk: kiosk.kiosk, pinHash, profile, configDir };
  if (env.SOCWALL_DEMO === '1') {
    notes.push('SOCWALL_DEMO=1: the embedded demo broker and simulator feed the wall');
    return { brokerUrls: [], demo: true, ...common, notes };
  }
  return { brokerUrls, demo: undefined, ...common, notes };
}

// The environment both hosts read, read one way: the Electron app (over its stored settings,
// shell/settings-model.ts) and the browser host (under its command line, host/cli-options.ts).
// README, "Configuration", lists the variables. Pure: the caller passes process.env.

export type Env = Readonly<Record<string, string | undefined>>;

/** A profile file name (without extension), as the core's ids: lower-case, digits, '.', '_', '-'. */
export const PROFILE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/u;
/** An MQTT client id both brokers and logs take: short and plain. */
const CLIENT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/u;
const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'];

export function isBrokerUrl(value: string): boolean {
  try {
    return BROKER_PROTOCOLS.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Parses a comma-separated broker list (`SOCWALL_BROKER`, `--broker`); invalid entries are dropped and reported. */
export function parseBrokerList(value: string): { urls: string[]; invalid: string[] } {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { urls: entries.filter(isBrokerUrl), invalid: entries.filter((s) => !isBrokerUrl(s)) };
}

/** 'auto': the 2×2 wall when four or more displays are connected, else one screen. */
export function resolveProfile(setting: string, displayCount: number): string {
  if (setting !== 'auto') return setting;
  return displayCount >= 4 ? 'wall-2x2' : 'single';
}

export const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);

export interface EnvOptions {
  /** `SOCWALL_BROKER`: the valid URLs of the list (undefined when unset or empty). */
  brokerUrls: string[] | undefined;
  /** `SOCWALL_DEMO=1`: the embedded demo broker and simulator, whatever brokers are configured. */
  demo: boolean;
  /** `SOCWALL_CLIENT_ID`: the MQTT client id (the broker keeps the wall's queue under it). */
  clientId: string | undefined;
  /** `SOCWALL_PROFILE`: a profile name or `auto`. */
  profile: string | undefined;
  /** `SOCWALL_CONFIG_DIR`: the administrator's folder of profiles and layouts. */
  configDir: string | undefined;
  /** `SOCWALL_KIOSK_PIN_HASH`: scrypt hash of the kiosk PIN. */
  pinHash: string | undefined;
  /** `SOCWALL_MQTT_CA`, `_CERT`, `_KEY`, `_USERNAME`, `_PASSWORD` (the password is never trimmed). */
  mqtt: { caFile?: string; certFile?: string; keyFile?: string; username?: string; password?: string };
  /** What was ignored and why (never a secret). */
  notes: string[];
}

export function envOptions(env: Env): EnvOptions {
  const notes: string[] = [];
  let brokerUrls: string[] | undefined;
  const brokers = nonEmpty(env.SOCWALL_BROKER);
  if (brokers !== undefined) {
    const parsed = parseBrokerList(brokers);
    if (parsed.invalid.length > 0) notes.push(`SOCWALL_BROKER: ignored ${parsed.invalid.length} entry(ies) that are not broker URLs`);
    brokerUrls = parsed.urls;
  }
  let profile = nonEmpty(env.SOCWALL_PROFILE);
  if (profile !== undefined && profile !== 'auto' && !PROFILE_PATTERN.test(profile)) {
    notes.push('SOCWALL_PROFILE ignored: not a profile name');
    profile = undefined;
  }
  let clientId = nonEmpty(env.SOCWALL_CLIENT_ID);
  if (clientId !== undefined && !CLIENT_ID_PATTERN.test(clientId)) {
    notes.push('SOCWALL_CLIENT_ID ignored: an MQTT client id here is 1-128 of A-Z a-z 0-9 . _ -');
    clientId = undefined;
  }
  const mqtt: EnvOptions['mqtt'] = {};
  const setIf = (key: Exclude<keyof EnvOptions['mqtt'], 'password'>, name: string) => {
    const value = nonEmpty(env[name]);
    if (value !== undefined) mqtt[key] = value;
  };
  setIf('caFile', 'SOCWALL_MQTT_CA');
  setIf('certFile', 'SOCWALL_MQTT_CERT');
  setIf('keyFile', 'SOCWALL_MQTT_KEY');
  setIf('username', 'SOCWALL_MQTT_USERNAME');
  // Not trimmed: a password may have any characters.
  if (env.SOCWALL_MQTT_PASSWORD !== undefined && env.SOCWALL_MQTT_PASSWORD !== '') mqtt.password = env.SOCWALL_MQTT_PASSWORD;
  return {
    brokerUrls,
    demo: env.SOCWALL_DEMO === '1',
    clientId,
    profile,
    configDir: nonEmpty(env.SOCWALL_CONFIG_DIR),
    pinHash: nonEmpty(env.SOCWALL_KIOSK_PIN_HASH),
    mqtt,
    notes,
  };
}

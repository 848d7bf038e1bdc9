import { Ajv2020 } from 'ajv/dist/2020.js'; // what electron-store (conf) validates with
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  effectiveSettings,
  newClientId,
  OPTIONAL_SETTINGS,
  settingsDefaults,
  SETTINGS_SCHEMA,
  WallSettingsSchema,
  type WallSettings,
} from '../../../electron/shell/settings-model.js';
import { isBrokerUrl, parseBrokerList, resolveProfile } from '../../../electron/core/config/env-options.js';

const stored: WallSettings = {
  brokerUrls: ['mqtts://broker.soc.local:8883'],
  language: 'vi',
  clientId: 'socwall-abc',
  kiosk: null,
  kioskPinHash: null,
  profile: 'auto',
  configDir: null,
  mqttRejectUnauthorized: true,
  metricsPort: null,
};
const dev = { packaged: false, displayCount: 1 };

describe('settings defaults', () => {
  it('default to Vietnamese and no broker (the demo)', () => {
    expect(settingsDefaults()).toEqual({
      brokerUrls: [],
      language: 'vi',
      kiosk: null,
      kioskPinHash: null,
      profile: 'auto',
      configDir: null,
      mqttRejectUnauthorized: true,
      metricsPort: null,
    });
    expect(settingsDefaults()).not.toBe(settingsDefaults());
  });

  it('describe every stored key in the schema', () => {
    expect(Object.keys(SETTINGS_SCHEMA).sort()).toEqual([
      'brokerUrls',
      'clientId',
      'configDir',
      'kiosk',
      'kioskPinHash',
      'language',
      'metricsPort',
      'mqttCaFile',
      'mqttCertFile',
      'mqttKeyFile',
      'mqttPasswordEncrypted',
      'mqttRejectUnauthorized',
      'mqttUsername',
      'profile',
    ]);
    expect(Object.keys(SETTINGS_SCHEMA).sort()).toEqual(Object.keys({ ...settingsDefaults(), clientId: '' }).concat(OPTIONAL_SETTINGS).sort());
    expect(Object.keys(SETTINGS_SCHEMA)).not.toContain('mqttPassword'); // a plain-text password has no place in the file
    expect(SETTINGS_SCHEMA.language.enum).toEqual(['vi', 'en']);
  });

  it('come from one valibot schema: its keys, its optional keys, and the same verdicts as the JSON Schema', () => {
    expect(Object.keys(SETTINGS_SCHEMA)).toEqual(Object.keys(WallSettingsSchema.entries));
    const optional = Object.entries(WallSettingsSchema.entries).filter(([, s]) => s.type === 'optional').map(([k]) => k);
    expect(optional).toEqual([...OPTIONAL_SETTINGS]);
    const validate = new Ajv2020({ strict: true }).compile({ type: 'object', properties: SETTINGS_SCHEMA });
    const full = { ...settingsDefaults(), clientId: 'socwall-abc' };
    for (const sample of [full, { ...full, profile: '../x' }, { ...full, kiosk: 'yes' }, { ...full, metricsPort: 70000 }, { ...full, metricsPort: 9464 }, { ...full, mqttPasswordEncrypted: 'not base64!' }, { ...full, brokerUrls: ['x'.repeat(2049)] }]) {
      expect(v.safeParse(WallSettingsSchema, sample).success, JSON.stringify(sample).slice(0, 80)).toBe(validate(sample));
    }
  });

  it('compile in strict Ajv as electron-store uses it, accept the defaults and refuse bad values', () => {
    const validate = new Ajv2020({ allErrors: true, useDefaults: true, strict: true }).compile({ type: 'object', properties: SETTINGS_SCHEMA });
    expect(validate({ ...settingsDefaults(), clientId: 'socwall-abc' })).toBe(true);
    expect(validate({ kiosk: true, kioskPinHash: 'scrypt$16384$8$1$a$b', profile: 'wall-2x2', configDir: '/etc/socwall' })).toBe(true);
    expect(validate({ profile: '../x' })).toBe(false);
    expect(validate({ kiosk: 'yes' })).toBe(false);
    const tls = { mqttCaFile: '/etc/socwall/ca.pem', mqttCertFile: '/etc/socwall/wall.crt', mqttKeyFile: '/etc/socwall/wall.key', mqttUsername: 'wall-01' };
    expect(validate({ ...tls, mqttPasswordEncrypted: 'djEwAAAB+/x=', mqttRejectUnauthorized: false })).toBe(true);
    expect(validate({ mqttPasswordEncrypted: 'not base64!' })).toBe(false);
    expect(validate({ mqttRejectUnauthorized: 'no' })).toBe(false);
    expect(validate({ mqttCaFile: 42 })).toBe(false);
    // A stray plain-text key does not invalidate the file (it would drop every setting): the shell refuses it instead.
    expect(validate({ mqttPassword: 'hunter2' })).toBe(true);
  });

  it('generate a client id once per call, short and MQTT-safe', () => {
    expect(newClientId(() => '123e4567-e89b-12d3-a456-426614174000')).toBe('socwall-123e4567e89b');
    const a = newClientId();
    expect(a).toMatch(/^socwall-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(a);
  });
});

describe('environment overrides', () => {
  it('use the stored settings when nothing is set', () => {
    expect(effectiveSettings(stored, {}, dev)).toEqual({
      brokerUrls: stored.brokerUrls,
      language: 'vi',
      clientId: 'socwall-abc',
      demo: undefined,
      kiosk: false,
      pinHash: null,
      profile: 'single',
      configDir: undefined,
      metricsPort: null,
      notes: ['profile auto: single (1 display(s))'],
    });
  });

  it('SOCWALL_METRICS_PORT turns the metrics port on or off; anything else is ignored with a note', () => {
    expect(effectiveSettings(stored, { SOCWALL_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(effectiveSettings({ ...stored, metricsPort: 9464 }, {}).metricsPort).toBe(9464);
    expect(effectiveSettings({ ...stored, metricsPort: 9464 }, { SOCWALL_METRICS_PORT: 'off' }).metricsPort).toBeNull();
    for (const bad of ['70000', '-1', '94 64', 'http', '1e3']) {
      const s = effectiveSettings({ ...stored, metricsPort: 9464 }, { SOCWALL_METRICS_PORT: bad });
      expect(s.metricsPort, bad).toBe(9464);
      expect(s.notes.some((n) => n.startsWith('SOCWALL_METRICS_PORT ignored')), bad).toBe(true);
    }
    // A settings file from before the key existed.
    const { metricsPort: _gone, ...older } = stored;
    expect(effectiveSettings(older as typeof stored, {}).metricsPort).toBeNull();
  });

  it('SOCWALL_BROKER (comma-separated) replaces the stored broker list', () => {
    const s = effectiveSettings(stored, { SOCWALL_BROKER: ' mqtt://a:1883 , mqtts://b:8883,,' });
    expect(s.brokerUrls).toEqual(['mqtt://a:1883', 'mqtts://b:8883']);
    expect(s.demo).toBeUndefined();
    expect(s.notes.join(' ')).toContain('SOCWALL_BROKER');
  });

  it('SOCWALL_BROKER drops entries that are not broker URLs, and says so', () => {
    const s = effectiveSettings(stored, { SOCWALL_BROKER: 'mqtt://a,http://x,not a url' });
    expect(s.brokerUrls).toEqual(['mqtt://a']);
    expect(s.notes[0]).toMatch(/ignored 2/);
  });

  it('an empty SOCWALL_BROKER is ignored', () => {
    expect(effectiveSettings(stored, { SOCWALL_BROKER: '  ' }).brokerUrls).toEqual(stored.brokerUrls);
  });

  it('SOCWALL_DEMO=1 forces the demo, even with brokers configured', () => {
    const s = effectiveSettings(stored, { SOCWALL_DEMO: '1', SOCWALL_BROKER: 'mqtt://a' });
    expect(s.demo).toBe(true);
    expect(s.brokerUrls).toEqual([]);
    expect(s.language).toBe('vi');
    expect(s.clientId).toBe('socwall-abc');
  });

  it('only SOCWALL_DEMO=1 forces the demo', () => {
    expect(effectiveSettings(stored, { SOCWALL_DEMO: '0' }).demo).toBeUndefined();
    expect(effectiveSettings(stored, { SOCWALL_DEMO: 'true' }).demo).toBeUndefined();
  });

  it('recognises broker URL schemes', () => {
    expect(['mqtt://h', 'mqtts://h:8883', 'wss://h/mqtt', 'tcp://h', 'ssl://h'].every(isBrokerUrl)).toBe(true);
    expect(['http://h', 'h:1883', '', 'file:///x'].some(isBrokerUrl)).toBe(false);
    expect(parseBrokerList('')).toEqual({ urls: [], invalid: [] });
  });
});

describe('kiosk, PIN, profile and config folder', () => {
  it('kiosk mode defaults to on when packaged, off in development', () => {
    expect(effectiveSettings(stored, {}, { packaged: true, displayCount: 1 }).kiosk).toBe(true);
    expect(effectiveSettings(stored, {}, dev).kiosk).toBe(false);
  });

  it('a stored kiosk setting wins over the default, SOCWALL_KIOSK=1/0 over both', () => {
    expect(effectiveSettings({ ...stored, kiosk: false }, {}, { packaged: true, displayCount: 1 }).kiosk).toBe(false);
    expect(effectiveSettings({ ...stored, kiosk: false }, { SOCWALL_KIOSK: '1' }, dev).kiosk).toBe(true);
    expect(effectiveSettings({ ...stored, kiosk: true }, { SOCWALL_KIOSK: '0' }, { packaged: true, displayCount: 1 }).kiosk).toBe(false);
    const odd = effectiveSettings(stored, { SOCWALL_KIOSK: 'yes' }, dev);
    expect(odd.kiosk).toBe(false);
    expect(odd.notes.join(' ')).toMatch(/SOCWALL_KIOSK=yes ignored/);
  });

  it('passes the PIN hash from the settings, SOCWALL_KIOSK_PIN_HASH overriding it', () => {
    expect(effectiveSettings({ ...stored, kioskPinHash: 'scrypt$a' }, {}, dev).pinHash).toBe('scrypt$a');
    const s = effectiveSettings({ ...stored, kioskPinHash: 'scrypt$a' }, { SOCWALL_KIOSK_PIN_HASH: 'scrypt$b' }, dev);
    expect(s.pinHash).toBe('scrypt$b');
    expect(s.notes.join(' ')).not.toContain('scrypt$b'); // never logged
    expect(effectiveSettings(stored, { SOCWALL_KIOSK_PIN_HASH: ' ' }, dev).pinHash).toBeNull();
  });

  it('profile auto is the 2×2 wall with four or more displays, else one screen', () => {
    expect(resolveProfile('auto', 1)).toBe('single');
    expect(resolveProfile('auto', 3)).toBe('single');
    expect(resolveProfile('auto', 4)).toBe('wall-2x2');
    expect(resolveProfile('auto', 6)).toBe('wall-2x2');
    expect(resolveProfile('control-room', 1)).toBe('control-room');
    expect(effectiveSettings(stored, {}, { packaged: true, displayCount: 4 }).profile).toBe('wall-2x2');
  });

  it('SOCWALL_PROFILE and SOCWALL_CONFIG_DIR override the stored ones', () => {
    const s = effectiveSettings({ ...stored, profile: 'single', configDir: '/etc/socwall' }, { SOCWALL_PROFILE: 'wall-2x2', SOCWALL_CONFIG_DIR: '/srv/wall' }, dev);
    expect(s.profile).toBe('wall-2x2');
    expect(s.configDir).toBe('/srv/wall');
    expect(effectiveSettings({ ...stored, configDir: '/etc/socwall' }, {}, dev).configDir).toBe('/etc/socwall');
    expect(effectiveSettings(stored, { SOCWALL_PROFILE: 'auto' }, { packaged: false, displayCount: 4 }).profile).toBe('wall-2x2');
    const bad = effectiveSettings({ ...stored, profile: 'single' }, { SOCWALL_PROFILE: '../../etc/passwd' }, dev);
    expect(bad.profile).toBe('single');
    expect(bad.notes.join(' ')).toMatch(/SOCWALL_PROFILE ignored/);
  });
});

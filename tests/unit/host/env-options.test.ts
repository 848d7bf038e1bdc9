// Both hosts read the shared environment the same way: the Electron app over its stored
// settings (effectiveSettings, mqttSecurityFrom) and the browser host under its command line
// (hostCommandLine). Variables that once worked in one host only (SOCWALL_CLIENT_ID in the
// browser host, SOCWALL_DEMO in Electron) work in both.
import { describe, expect, it } from 'vitest';
import { envOptions } from '../../../electron/core/config/env-options.js';
import { hostCommandLine } from '../../../electron/core/host/cli-options.js';
import { effectiveSettings, mqttSecurityFrom, settingsDefaults, type WallSettings } from '../../../electron/shell/settings-model.js';

const stored: WallSettings = { ...settingsDefaults(), profile: 'single', clientId: 'socwall-stored' };

/** What each host would start the core with, for the same environment. */
function bothHosts(env: Record<string, string>) {
  const app = effectiveSettings(stored, env, { packaged: false, displayCount: 1 });
  const appMqtt = mqttSecurityFrom(stored, env, () => null).options ?? {};
  const host = hostCommandLine([], env).core;
  return {
    app: { brokerUrls: app.brokerUrls, demo: app.demo === true, clientId: app.clientId, profile: app.profile, configDir: app.configDir, pinHash: app.pinHash, mqtt: appMqtt },
    host: {
      brokerUrls: host.brokerUrls,
      demo: host.demo === true,
      clientId: host.clientId,
      profile: host.profile ?? 'single',
      configDir: host.configDir,
      pinHash: host.pinHash,
      mqtt: Object.fromEntries(Object.entries(host.mqtt ?? {}).filter(([, v]) => v !== undefined)),
    },
  };
}

describe('the environment both hosts read', () => {
  it.each<[string, Record<string, string>]>([
    ['brokers', { SOCWALL_BROKER: 'mqtts://a.soc.lan:8883, mqtt://b.soc.lan' }],
    ['the demo forced over configured brokers', { SOCWALL_BROKER: 'mqtts://a.soc.lan:8883', SOCWALL_DEMO: '1' }],
    ['a client id', { SOCWALL_BROKER: 'mqtts://a.soc.lan:8883', SOCWALL_CLIENT_ID: 'wall-kien-giang-01' }],
    ['profile, folder and PIN', { SOCWALL_BROKER: 'mqtt://a', SOCWALL_PROFILE: 'wall-2x2', SOCWALL_CONFIG_DIR: '/etc/socwall', SOCWALL_KIOSK_PIN_HASH: 'scrypt$16384$8$1$a$b' }],
    ['profile auto with no display to count', { SOCWALL_BROKER: 'mqtt://a', SOCWALL_PROFILE: 'auto' }],
    ['broker TLS and credentials', { SOCWALL_BROKER: 'mqtts://a', SOCWALL_MQTT_CA: '/etc/ca.pem', SOCWALL_MQTT_CERT: '/etc/w.crt', SOCWALL_MQTT_KEY: '/etc/w.key', SOCWALL_MQTT_USERNAME: 'wall', SOCWALL_MQTT_PASSWORD: ' p w ' }],
  ])('%s: the same in the Electron app and the browser host', (_name, env) => {
    const { app, host } = bothHosts(env);
    // The browser host has no stored client id: without the variable it has none of its own.
    if (env.SOCWALL_CLIENT_ID === undefined) host.clientId = app.clientId;
    expect(host).toEqual(app);
  });

  it('takes SOCWALL_CLIENT_ID in the Electron app and SOCWALL_DEMO in the browser host', () => {
    expect(effectiveSettings(stored, { SOCWALL_CLIENT_ID: 'wall-02' }).clientId).toBe('wall-02');
    const host = hostCommandLine([], { SOCWALL_DEMO: '1', SOCWALL_BROKER: 'mqtt://a' }).core;
    expect(host).toMatchObject({ demo: true, brokerUrls: [] });
  });

  it('ignores bad values with a note saying which and why, in both', () => {
    const env = { SOCWALL_CLIENT_ID: 'wall 01/#', SOCWALL_PROFILE: '../etc', SOCWALL_BROKER: 'http://x, mqtt://ok' };
    const notes = envOptions(env).notes;
    expect(notes).toEqual([
      'SOCWALL_BROKER: ignored 1 entry(ies) that are not broker URLs',
      'SOCWALL_PROFILE ignored: not a profile name',
      'SOCWALL_CLIENT_ID ignored: an MQTT client id here is 1-128 of A-Z a-z 0-9 . _ -',
    ]);
    const app = effectiveSettings(stored, env);
    const host = hostCommandLine([], env);
    for (const n of notes) {
      expect(app.notes).toContain(n);
      expect(host.notes).toContain(n);
    }
    expect(app).toMatchObject({ clientId: 'socwall-stored', profile: 'single', brokerUrls: ['mqtt://ok'] });
    expect(host.core).toMatchObject({ clientId: undefined, profile: undefined, brokerUrls: ['mqtt://ok'] });
  });
});

describe('the browser host command line', () => {
  it('wins over the environment, flag by flag', () => {
    const env = { SOCWALL_BROKER: 'mqtt://env', SOCWALL_PROFILE: 'single', SOCWALL_MQTT_CA: '/env/ca.pem', SOCWALL_CONFIG_DIR: '/env/wall' };
    const { core } = hostCommandLine(['--broker', 'mqtts://flag:8883', '--profile', 'wall-2x2', '--ca', '/flag/ca.pem', '--config', '/flag/wall'], env);
    expect(core).toMatchObject({ brokerUrls: ['mqtts://flag:8883'], profile: 'wall-2x2', configDir: '/flag/wall', mqtt: { caFile: '/flag/ca.pem' } });
  });

  it('is the demo without a broker, and journals in its data folder', () => {
    const a = hostCommandLine(['--data-dir', '/srv/socwall'], {});
    expect(a.core).toMatchObject({ demo: true, brokerUrls: [], journalDir: '/srv/socwall/journal', clientId: undefined });
    expect(a.dataDir).toBe('/srv/socwall');
  });

  it('refuses what it cannot use, saying which flag', () => {
    expect(() => hostCommandLine(['--token', 'x'], {})).toThrow(/never taken from the command line/u);
    expect(() => hostCommandLine(['--port', '70000'], {})).toThrow('--port is out of range: 70000');
    expect(() => hostCommandLine(['--hz', '0'], {})).toThrow('--hz is out of range: 0');
    expect(() => hostCommandLine(['--broker', 'http://x'], {})).toThrow(/--broker: not a broker URL/u);
    expect(() => hostCommandLine(['--bogus'], {})).toThrow(/bogus/u);
  });
});

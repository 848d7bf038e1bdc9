import { describe, expect, it } from 'vitest';
import { mqttPasswordSetDecision, mqttSecurityFrom, type StoredMqttSettings } from '../../../electron/shell/settings-model.js';

const none: StoredMqttSettings = { mqttRejectUnauthorized: true };
const full: StoredMqttSettings = {
  mqttRejectUnauthorized: true,
  mqttCaFile: '/etc/socwall/ca.pem',
  mqttCertFile: '/etc/socwall/wall.crt',
  mqttKeyFile: '/etc/socwall/wall.key',
  mqttUsername: 'wall-01',
  mqttPasswordEncrypted: 'ZW5jcnlwdGVk',
};
const decrypt = (b64: string) => (b64 === 'ZW5jcnlwdGVk' ? 's3cret' : null);
const noDecrypt = () => null;
const SECRETS = ['s3cret', 'from-env', 'hunter2', 'n3w-pass'];
const noSecret = (notes: readonly string[]) => SECRETS.forEach((secret) => expect(notes.join('\n')).not.toContain(secret));

describe('mqttSecurityFrom', () => {
  it('gives no options (mqtt.js defaults, certificate verified) when nothing is set', () => {
    expect(mqttSecurityFrom(none, {}, decrypt)).toEqual({ options: undefined, notes: [] });
    expect(mqttSecurityFrom({ ...none, mqttCaFile: ' ', mqttUsername: '' }, {}, decrypt).options).toBeUndefined();
  });

  it('passes the stored files, username and the decrypted password', () => {
    const { options, notes } = mqttSecurityFrom(full, {}, decrypt);
    expect(options).toEqual({
      caFile: '/etc/socwall/ca.pem',
      certFile: '/etc/socwall/wall.crt',
      keyFile: '/etc/socwall/wall.key',
      username: 'wall-01',
      password: 's3cret',
    });
    expect(notes).toEqual([]);
  });

  it('lets the environment win over every stored key, and says so without the secret', () => {
    const env = {
      SOCWALL_MQTT_CA: '/run/ca.pem',
      SOCWALL_MQTT_CERT: '/run/c.crt',
      SOCWALL_MQTT_KEY: '/run/c.key',
      SOCWALL_MQTT_USERNAME: 'ops',
      SOCWALL_MQTT_PASSWORD: 'from-env',
    };
    const throwing = () => {
      throw new Error('must not decrypt when the environment gives the password');
    };
    const { options, notes } = mqttSecurityFrom(full, env, throwing);
    expect(options).toEqual({ caFile: '/run/ca.pem', certFile: '/run/c.crt', keyFile: '/run/c.key', username: 'ops', password: 'from-env' });
    expect(notes).toHaveLength(5);
    expect(notes.join(' ')).toContain('SOCWALL_MQTT_PASSWORD overrides');
    noSecret(notes);
  });

  it('ignores empty environment values', () => {
    const { options } = mqttSecurityFrom(full, { SOCWALL_MQTT_CA: '  ', SOCWALL_MQTT_PASSWORD: '' }, decrypt);
    expect(options?.caFile).toBe('/etc/socwall/ca.pem');
    expect(options?.password).toBe('s3cret');
  });

  it('keeps a password as given (no trimming)', () => {
    expect(mqttSecurityFrom(full, { SOCWALL_MQTT_PASSWORD: ' p w ' }, decrypt).options?.password).toBe(' p w ');
  });

  it('a password that cannot be decrypted here gives a clear note and no password, not a crash', () => {
    for (const fail of [
      noDecrypt,
      () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString');
      },
    ]) {
      const { options, notes } = mqttSecurityFrom(full, {}, fail);
      expect(options).toEqual({ caFile: full.mqttCaFile, certFile: full.mqttCertFile, keyFile: full.mqttKeyFile, username: 'wall-01' });
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^the stored MQTT password cannot be decrypted on this machine: set it again with .*SOCWALL_MQTT_PASSWORD_SET=<password>/);
    }
  });

  it('refuses a plain-text mqttPassword found in the file, telling to re-enter it', () => {
    const { options, notes } = mqttSecurityFrom({ ...none, mqttUsername: 'wall-01', mqttPassword: 'hunter2' }, {}, decrypt);
    expect(options).toEqual({ username: 'wall-01' });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/plain-text "mqttPassword": refused and not used; delete it and re-enter the password/);
    noSecret(notes);
    // Refused even next to a valid encrypted one (which is used).
    const both = mqttSecurityFrom({ ...full, mqttPassword: 'hunter2' }, {}, decrypt);
    expect(both.options?.password).toBe('s3cret');
    expect(both.notes[0]).toMatch(/refused/);
  });

  it('uses the one-shot SOCWALL_MQTT_PASSWORD_SET for this run, after SOCWALL_MQTT_PASSWORD', () => {
    expect(mqttSecurityFrom(full, { SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass' }, noDecrypt)).toEqual({
      options: expect.objectContaining({ password: 'n3w-pass' }),
      notes: [],
    });
    expect(mqttSecurityFrom(full, { SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass', SOCWALL_MQTT_PASSWORD: 'from-env' }, decrypt).options?.password).toBe('from-env');
  });

  it('turns certificate verification off only when stored false, with a warning', () => {
    const { options, notes } = mqttSecurityFrom({ ...none, mqttRejectUnauthorized: false }, {}, decrypt);
    expect(options).toEqual({ rejectUnauthorized: false });
    expect(notes[0]).toMatch(/NOT verified/);
  });

  it('points out a half client certificate and a password without a username', () => {
    expect(mqttSecurityFrom({ ...none, mqttCertFile: '/c.crt' }, {}, decrypt).notes[0]).toMatch(/both mqttCertFile and mqttKeyFile/);
    const lone = mqttSecurityFrom({ ...none, mqttPasswordEncrypted: 'ZW5jcnlwdGVk' }, {}, decrypt);
    expect(lone.options).toEqual({ password: 's3cret' });
    expect(lone.notes[0]).toMatch(/without a username/);
  });
});

describe('mqttPasswordSetDecision (SOCWALL_MQTT_PASSWORD_SET)', () => {
  const encrypt = (plain: string) => Buffer.from(`enc:${plain}`).toString('base64');

  it('does nothing without the variable (or with it empty)', () => {
    expect(mqttPasswordSetDecision({}, {}, encrypt)).toEqual({ action: 'none' });
    expect(mqttPasswordSetDecision({ SOCWALL_MQTT_PASSWORD_SET: '' }, {}, encrypt)).toEqual({ action: 'none' });
  });

  it('stores the encrypted password and tells to remove the variable', () => {
    const d = mqttPasswordSetDecision({ SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass' }, {}, encrypt, 'gnome_libsecret');
    expect(d).toEqual({
      action: 'store',
      mqttPasswordEncrypted: Buffer.from('enc:n3w-pass').toString('base64'),
      deletePlainPassword: false,
      log: [{ level: 'info', message: 'MQTT password stored encrypted; remove SOCWALL_MQTT_PASSWORD_SET from the environment' }],
    });
  });

  it('removes a refused plain-text mqttPassword once the password is re-entered', () => {
    const d = mqttPasswordSetDecision({ SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass' }, { mqttPassword: 'hunter2' }, encrypt);
    expect(d.action === 'store' && d.deletePlainPassword).toBe(true);
    if (d.action === 'store') noSecret(d.log.map((l) => l.message));
  });

  it('stores nothing with the basic_text backend (no keyring): obfuscation is not encryption', () => {
    const d = mqttPasswordSetDecision({ SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass' }, {}, encrypt, 'basic_text');
    expect(d.action).toBe('refuse');
    expect(d).not.toHaveProperty('mqttPasswordEncrypted');
    if (d.action === 'refuse') expect(d.log[0]).toEqual({ level: 'error', message: expect.stringMatching(/no OS keyring.*nothing stored/u) });
  });

  it('stores nothing when encryption is unavailable (or fails): never in plain text', () => {
    for (const fail of [
      () => null,
      () => {
        throw new Error('Encryption is not available.');
      },
    ]) {
      const d = mqttPasswordSetDecision({ SOCWALL_MQTT_PASSWORD_SET: 'n3w-pass' }, {}, fail);
      expect(d.action).toBe('refuse');
      expect(d).not.toHaveProperty('mqttPasswordEncrypted');
      if (d.action === 'refuse') {
        expect(d.log).toEqual([{ level: 'error', message: expect.stringMatching(/not available.*nothing stored.*this run only/) }]);
        noSecret(d.log.map((l) => l.message));
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  effectiveSettings,
  isBrokerUrl,
  newClientId,
  parseBrokerList,
  settingsDefaults,
  SETTINGS_SCHEMA,
  type WallSettings,
} from '../../../electron/shell/settings-model.js';

const stored: WallSettings = { brokerUrls: ['mqtts://broker.soc.local:8883'], language: 'vi', clientId: 'socwall-abc' };

describe('settings defaults', () => {
  it('default to Vietnamese and no broker (the demo)', () => {
    expect(settingsDefaults()).toEqual({ brokerUrls: [], language: 'vi' });
    expect(settingsDefaults()).not.toBe(settingsDefaults());
  });

  it('describe every stored key in the schema', () => {
    expect(Object.keys(SETTINGS_SCHEMA).sort()).toEqual(['brokerUrls', 'clientId', 'language']);
    expect(SETTINGS_SCHEMA.language.enum).toEqual(['vi', 'en']);
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
    expect(effectiveSettings(stored, {})).toEqual({ ...stored, demo: undefined, notes: [] });
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

// Settings of this installation in electron-store (userData/settings.json), validated by
// the schema. An unreadable file never stops the wall: it runs on defaults and says so.
import Store from 'electron-store';
import { newClientId, settingsDefaults, SETTINGS_SCHEMA, type WallSettings } from './settings-model.js';
import type { Log } from './security.js';

type Stored = Omit<WallSettings, 'clientId'> & { clientId?: string };

export function readSettings(log: Log): WallSettings {
  try {
    const store = new Store<Stored>({ name: 'settings', schema: SETTINGS_SCHEMA, defaults: settingsDefaults(), clearInvalidConfig: false });
    let clientId = store.get('clientId');
    if (clientId === undefined) {
      clientId = newClientId();
      store.set('clientId', clientId); // generated once, stable afterwards (persistent MQTT session)
    }
    return {
      brokerUrls: store.get('brokerUrls'),
      language: store.get('language'),
      clientId,
      kiosk: store.get('kiosk'),
      kioskPinHash: store.get('kioskPinHash'),
      profile: store.get('profile'),
      configDir: store.get('configDir'),
    };
  } catch (err) {
    log('error', `settings unreadable, running on defaults: ${err instanceof Error ? err.message : String(err)}`);
    return { ...settingsDefaults(), clientId: newClientId() };
  }
}

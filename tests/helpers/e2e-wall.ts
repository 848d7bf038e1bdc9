// The setup the end-to-end tests share: a copy of the shipped wall configuration, a real
// Mosquitto, the wall core and its browser host on free ports, a sensors' MQTT client, and
// Debian's Chromium. The tests open their own screens on it.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { launchChromium } from './chromium.js';
import { startMosquitto, type MosquittoBroker } from './mosquitto.js';
import { copyWallConfig } from './wall-config-dir.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface E2eWall {
  /** The wall's configuration folder (a copy, removed by stop). */
  dir: string;
  broker: MosquittoBroker;
  /** Publishes as the sensors do. */
  sensors: mqtt.MqttClient;
  core: WallCoreHandle;
  host: BrowserHost;
  browser: Browser;
  stop(): Promise<void>;
}

export interface E2eWallOptions {
  /** Names the temporary folder and the MQTT client ids. */
  name: string;
  profile: string;
  /** Keep the shipped profiles' alarm preset (copyWallConfig removes it otherwise). */
  alarmPreset?: boolean;
  /** Edits the copied configuration before the wall starts. */
  configure?: (dir: string) => void;
  chromiumArgs?: readonly string[];
}

export async function startE2eWall(o: E2eWallOptions): Promise<E2eWall> {
  const dir = copyWallConfig(`socwall-e2e-${o.name}-`, { alarmPreset: o.alarmPreset ?? false });
  o.configure?.(dir);
  const parts: Partial<E2eWall> = { dir };
  const stop = async () => {
    await parts.browser?.close();
    await parts.host?.close();
    await parts.sensors?.endAsync();
    await parts.core?.stop();
    await parts.broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    parts.broker = await startMosquitto();
    parts.core = await startWallCore({ brokerUrls: [parts.broker.url], demo: false, configDir: dir, profile: o.profile, clientId: `${o.name}-e2e-${process.pid}`, log: () => undefined });
    parts.host = await startBrowserHost({ core: parts.core, rendererDir, port: 0 });
    parts.sensors = await mqtt.connectAsync(parts.broker.url, { clientId: `${o.name}-e2e-sensors-${process.pid}` });
    parts.browser = await launchChromium(o.chromiumArgs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...(parts as Omit<E2eWall, 'stop'>), stop };
}

// Wall state persistence for the browser host: a small JSON file, written atomically
// (temporary file + rename) so a crash never leaves half a file.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PersistedWallState, WallStatePersistence } from '../wall-core-api.js';

export class JsonStateFile implements WallStatePersistence {
  constructor(private readonly file: string) {}

  load(): Partial<PersistedWallState> | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    const v = JSON.parse(text) as Record<string, unknown>;
    const out: Partial<PersistedWallState> = {};
    if (typeof v.preset === 'number' && Number.isInteger(v.preset)) out.preset = v.preset;
    if (typeof v.rotationEnabled === 'boolean') out.rotationEnabled = v.rotationEnabled;
    if (v.language === 'vi' || v.language === 'en') out.language = v.language;
    return out;
  }

  save(state: PersistedWallState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.file);
  }
}

/**
 * The MQTT client id of this installation, made once and kept in the data folder: the
 * broker keeps the wall's queued messages under it while the wall is away.
 */
export function stableClientId(dataDir: string): string {
  const file = join(dataDir, 'mqtt-client-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{1,64}$/u.test(id)) return id;
  } catch {
    // first start
  }
  const id = `soc-wall-${randomUUID().slice(0, 12)}`;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${id}\n`);
  } catch (err) {
    // The wall still runs; only its broker session will not survive a restart.
    console.warn(`[soc-wall] cannot keep the MQTT client id in ${dataDir} (${(err as Error).message}): queued messages are lost if the wall restarts`);
  }
  return id;
}

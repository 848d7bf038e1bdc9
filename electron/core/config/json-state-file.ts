// Wall state persistence for the browser host: a small JSON file, written atomically
// (temporary file + rename) so a crash never leaves half a file.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PersistedWallState, WallStatePersistence } from '../wall-core-api.js';
import { consoleLog, type WallLog } from '../log/wall-log.js';

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
 * Only a missing file is a first start. A file that cannot be read (permissions, a folder in
 * its place, an I/O error) is logged and left alone, and this run uses a temporary id; a
 * file without a valid id is logged, kept aside as `<file>.corrupt-<time>`, and replaced.
 */
export function stableClientId(dataDir: string, log: WallLog = consoleLog): string {
  const file = join(dataDir, 'mqtt-client-id');
  const fresh = `soc-wall-${randomUUID().slice(0, 12)}`;
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a file where the data folder should be, so no id file either (writing it fails next).
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      log('warn', `cannot read the MQTT client id file ${file} (${code ?? (err as Error).message}): left as it is; this run uses the temporary id ${fresh}, so the broker session (messages queued while the wall is away) does not survive a restart until the file is readable`);
      return fresh;
    }
  }
  if (text !== null) {
    const id = text.trim();
    if (/^[A-Za-z0-9_-]{1,64}$/u.test(id)) return id;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
    let kept = `kept as ${aside}`;
    try {
      renameSync(file, aside);
    } catch (err) {
      kept = `could not be kept aside (${(err as Error).message})`;
    }
    log('warn', `the MQTT client id file ${file} holds no valid id (${text.length} characters; ${kept}): a new id ${fresh} is made and kept; messages the broker queued under the old id are not delivered`);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${fresh}\n`);
  } catch (err) {
    // The wall still runs; only its broker session will not survive a restart.
    log('warn', `cannot keep the MQTT client id in ${dataDir} (${(err as Error).message}): queued messages are lost if the wall restarts`);
  }
  return fresh;
}

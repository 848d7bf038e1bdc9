// Wall state persistence for the browser host: a small JSON file, written atomically
// (temporary file + rename) so a crash never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

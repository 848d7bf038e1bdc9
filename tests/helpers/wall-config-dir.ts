// A private copy of the shipped wall files (resources/wall) for a test to run on or edit.
// Without `alarmPreset`, the profiles' `alarm:` line is taken out: a random critical alarm
// from the demo must not switch presets under a test that is about something else.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourcesDir } from '../../electron/core/config/resources.js';

export function copyWallConfig(prefix: string, options: { alarmPreset?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(resourcesDir(), 'wall'), dir, { recursive: true });
  if (!options.alarmPreset) {
    for (const name of readdirSync(join(dir, 'profiles'))) {
      const file = join(dir, 'profiles', name);
      const text = readFileSync(file, 'utf8');
      const without = text.replace(/^alarm: .*\n/mu, '');
      if (without === text) throw new Error(`${name}: no "alarm:" line to take out (has the profile's format changed?)`);
      writeFileSync(file, without);
    }
  }
  return dir;
}

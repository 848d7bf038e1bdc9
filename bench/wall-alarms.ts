// The alarm book as the wall runs it: the bundled rules (resources/wall/alarms.yaml) and the
// catalogue's site levels, so a benchmark pays for alarms as the wall does.
import { join } from 'node:path';
import type { AlarmBookOptions } from '../electron/core/alarms/alarm-book.js';
import { compileAlarmRules } from '../electron/core/alarms/alarm-rules.js';
import { resourcesDir, siteLevelsOf, type CatalogueSite } from '../electron/core/config/resources.js';
import { readAlarmRulesFile } from '../electron/core/config/wall-files.js';

export function wallAlarmOptions(sites: readonly CatalogueSite[]): AlarmBookOptions {
  const file = join(resourcesDir(), 'wall', 'alarms.yaml');
  const parsed = readAlarmRulesFile(file);
  if (!parsed.value) throw new Error(`${file}: ${parsed.errors.map((e) => e.reason).join('; ')}`);
  return { rules: compileAlarmRules(parsed.value), siteLevels: siteLevelsOf(sites) };
}

// The wall's configuration as files: loads a profile and its layouts, keeps the last valid
// version of each file, and (optionally) watches the folder so a valid edit applies live.
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import type { AlarmRulesDef, ConfigError, Contact, LayoutDef, ShiftRosterDef, WallConfig, WallProfileDef, WatchRulesDef } from '../../contract/index.js';
import { effectiveBindings } from '../wall/keymap.js';
import { crossCheck, readAlarmRulesFile, readContactsFile, readWatchRulesFile, readLayoutFile, readProfileFile, readShiftsFile, type CatalogueIds, type ParsedFile } from './wall-files.js';
import type { WallLog } from '../log/wall-log.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

export interface WallConfigStoreOptions {
  dir: string;
  profile: string;
  catalogue: CatalogueIds;
  log?: WallLog;
  now?: () => number;
}

/** Which profile file a name refers to (`profiles/<name>.yaml|yml|json`). */
export function profileFile(dir: string, name: string): string | null {
  for (const ext of EXTENSIONS) {
    const f = join(dir, 'profiles', `${name}${ext}`);
    if (existsSync(f)) return f;
  }
  return null;
}

function listLayoutFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'layouts'))
      .filter((f) => EXTENSIONS.includes(extname(f)))
      .sort()
      .map((f) => join(dir, 'layouts', f));
  } catch {
    return [];
  }
}

interface OptionalFiles {
  contacts: Contact[];
  shifts: ShiftRosterDef | null;
  alarms: AlarmRulesDef | null;
  watch: WatchRulesDef | null;
}

/** True for a path inside an Electron archive (`…/resources/app.asar/…`). */
export function insideAsar(path: string): boolean {
  return /[\\/][^\\/]+\.asar(?:[\\/]|$)/u.test(path);
}

export class WallConfigStore {
  private profile: WallProfileDef | null = null;
  /** Last valid version of each layout file (by path). */
  private readonly layoutByFile = new Map<string, LayoutDef>();
  private errors: ConfigError[] = [];
  /** The optional files' last valid values. */
  private readonly extras: OptionalFiles = { contacts: [], shifts: null, alarms: null, watch: null };
  private rev = 0;
  private readonly listeners = new Set<(c: WallConfig) => void>();
  private watchers: FSWatcher[] = [];
  private debounce: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: WallConfigStoreOptions) {
    this.now = options.now ?? Date.now;
    this.reload();
    if (!this.profile) {
      const first = this.errors[0];
      throw new Error(
        `The wall profile "${options.profile}" in ${options.dir} is not usable: ` +
          (first ? `${first.file}${first.line ? `:${first.line}` : ''} ${first.reason}` : 'not found'),
      );
    }
  }

  /** Re-reads every file. Valid files replace their last version; invalid ones are reported and kept as they were. */
  reload(): void {
    const now = this.now();
    const errors: ConfigError[] = [];
    const seen = new Set<string>();
    let changed = false;
    for (const file of listLayoutFiles(this.options.dir)) {
      seen.add(file);
      const parsed = readLayoutFile(file, this.options.catalogue, now);
      if (parsed.value) {
        const expected = basename(file, extname(file));
        if (parsed.value.id !== expected) {
          errors.push({ file, ...parsed.locate(['id']), reason: `id "${parsed.value.id}" must match the file name "${expected}"`, at: now });
          continue;
        }
        if (JSON.stringify(this.layoutByFile.get(file)) !== JSON.stringify(parsed.value)) changed = true;
        this.layoutByFile.set(file, parsed.value);
      } else {
        errors.push(...parsed.errors);
      }
    }
    for (const file of [...this.layoutByFile.keys()]) {
      if (!seen.has(file)) {
        this.layoutByFile.delete(file);
        changed = true;
      }
    }
    // Optional files beside the profile: absent is fine (no contacts, no roster, no alarms);
    // an invalid one keeps its last valid version, like a layout.
    const optional = <T>(name: string, read: (file: string, now: number) => ParsedFile<T>, keep: (value: T | null) => boolean) => {
      const found = EXTENSIONS.map((ext) => join(this.options.dir, `${name}${ext}`)).find((f) => existsSync(f));
      if (!found) {
        if (keep(null)) changed = true;
        return;
      }
      const parsed = read(found, now);
      if (parsed.value) {
        if (keep(parsed.value)) changed = true;
      } else errors.push(...parsed.errors);
    };
    optional('contacts', readContactsFile, (v) => this.replace('contacts', v?.contacts ?? []));
    optional('shifts', readShiftsFile, (v) => this.replace('shifts', v));
    optional('alarms', readAlarmRulesFile, (v) => this.replace('alarms', v));
    optional('watch', readWatchRulesFile, (v) => this.replace('watch', v));
    const layouts = this.layoutsById();
    const file = profileFile(this.options.dir, this.options.profile);
    if (!file) {
      errors.push({ file: join(this.options.dir, 'profiles', `${this.options.profile}.yaml`), line: null, column: null, reason: 'profile file not found', at: now });
    } else {
      const parsed = readProfileFile(file, now);
      const cross = crossCheck(parsed, layouts, now);
      if (parsed.value && cross.length === 0) {
        if (JSON.stringify(this.profile) !== JSON.stringify(parsed.value)) changed = true;
        this.profile = parsed.value;
      } else {
        errors.push(...parsed.errors, ...cross);
      }
    }
    // Paths relative to the config folder read better on the wall ("layouts/x.yaml:7").
    for (const e of errors) e.file = relative(this.options.dir, e.file) || e.file;
    const errorsChanged = JSON.stringify(errors.map(({ at: _at, ...e }) => e)) !== JSON.stringify(this.errors.map(({ at: _at, ...e }) => e));
    for (const e of errors) if (errorsChanged) this.options.log?.('warn', `wall config rejected: ${e.file}${e.line ? `:${e.line}:${e.column}` : ''} ${e.reason}`);
    if (errorsChanged) this.errors = errors;
    if ((changed || errorsChanged) && this.profile) {
      this.rev++;
      if (changed) this.options.log?.('info', `wall config applied (rev ${this.rev})`);
      const config = this.config();
      for (const l of this.listeners) l(config);
    }
  }

  /** Sets an optional file's value; true when it changed. */
  private replace<K extends keyof OptionalFiles>(key: K, value: OptionalFiles[K]): boolean {
    if (JSON.stringify(this.extras[key]) === JSON.stringify(value)) return false;
    this.extras[key] = value;
    return true;
  }

  private layoutsById(): Map<string, LayoutDef> {
    return new Map([...this.layoutByFile.values()].map((l) => [l.id, l]));
  }

  config(): WallConfig {
    const profile = this.profile!;
    return {
      rev: this.rev,
      profile,
      layouts: Object.fromEntries(this.layoutsById()),
      keys: effectiveBindings(profile.keys).bindings,
      ...this.extras,
      errors: this.errors,
      source: this.options.dir,
    };
  }

  subscribe(listener: (c: WallConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Watches the profile and layout folders; edits apply after a short debounce. The bundled
   * configuration inside a packaged app's `app.asar` is read-only and cannot be watched
   * (fs.watch fails with ENOTDIR there): it is not.
   */
  watch(debounceMs = 150): void {
    if (insideAsar(this.options.dir)) {
      this.options.log?.('info', `${this.options.dir} is inside the app archive: not watched (copy it to a folder and point the wall there to edit it live)`);
      return;
    }
    for (const sub of ['profiles', 'layouts', '.']) {
      const dir = join(this.options.dir, sub);
      try {
        const w = watch(dir, () => this.schedule(debounceMs));
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch (err) {
        this.options.log?.('warn', `cannot watch ${dir}: ${(err as Error).message} (changes need a restart)`);
      }
    }
  }

  private schedule(ms: number): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.reload();
    }, ms);
  }

  close(): void {
    if (this.debounce) clearTimeout(this.debounce);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}

// Reads wall profiles and layouts (YAML or JSON: JSON is YAML) and reports every problem
// with its file, line and column, so an administrator can fix the file they committed.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { AlarmRulesDef, ConfigError, Contact, LayoutDef, ShiftRosterDef, WallProfileDef, WatchRulesDef } from '../../contract/index.js';
import { AlarmRulesSchema, ContactsSchema, LayoutSchema, ShiftRosterSchema, WallProfileSchema, WatchRulesSchema } from '../../contract/wall-config-schemas.js';
import { watchRuleProblems } from '../watch/watch-rules.js';
import { alarmRuleProblems } from '../alarms/alarm-rules.js';
import { rosterProblems } from '../shifts/shift-roster.js';
import { effectiveBindings } from '../wall/keymap.js';

type PathKey = string | number;

export interface ParsedFile<T> {
  file: string;
  value: T | null;
  errors: ConfigError[];
  /** Locates a path of the parsed value in the file (for checks made after parsing). */
  locate: (path: readonly PathKey[]) => { line: number | null; column: number | null };
}

const MAX_FILE_BYTES = 512 * 1024;

function parseText<T>(file: string, text: string, schema: v.GenericSchema<unknown, T>, now: number): ParsedFile<T> {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  } catch (err) {
    return { file, value: null, errors: [{ file, line: null, column: null, reason: (err as Error).message, at: now }], locate: () => ({ line: null, column: null }) };
  }
  const locate = (path: readonly PathKey[]) => {
    // The deepest node of the path that exists (a missing key points at its parent).
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: null, column: null };
  };
  if (doc.errors.length > 0) {
    return {
      file,
      value: null,
      errors: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? null,
        column: e.linePos?.[0].col ?? null,
        reason: `YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '')}`,
        at: now,
      })),
      locate,
    };
  }
  const result = v.safeParse(schema, doc.toJS({ maxAliasCount: 50 }));
  if (result.success) return { file, value: result.output, errors: [], locate };
  const errors = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => p.key as PathKey);
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    return { file, ...locate(path), reason: `${where}${readableIssue(issue)}`, at: now };
  });
  return { file, value: null, errors, locate };
}

/** Valibot's messages, reworded where an administrator would not recognise them. */
function readableIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return `unknown key ${issue.received} (misspelt?)`;
  if (issue.received === 'undefined' && issue.type === 'strict_object') return `missing key ${issue.expected}`;
  return issue.message;
}

export function readConfigFile<T>(file: string, schema: v.GenericSchema<unknown, T>, now = Date.now()): ParsedFile<T> {
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024} KiB`);
    text = buf.toString('utf8');
  } catch (err) {
    return { file, value: null, errors: [{ file, line: null, column: null, reason: `cannot read: ${(err as Error).message}`, at: now }], locate: () => ({ line: null, column: null }) };
  }
  return parseText(file, text, schema, now);
}

export function parseLayoutText(file: string, text: string, catalogue: CatalogueIds | null = null, now = Date.now()): ParsedFile<LayoutDef> {
  return withLayoutChecks(parseText(file, text, LayoutSchema, now), catalogue, now);
}

export function readLayoutFile(file: string, catalogue: CatalogueIds | null = null, now = Date.now()): ParsedFile<LayoutDef> {
  return withLayoutChecks(readConfigFile(file, LayoutSchema, now), catalogue, now);
}

export function parseProfileText(file: string, text: string, now = Date.now()): ParsedFile<WallProfileDef> {
  return parseText(file, text, WallProfileSchema, now);
}

export function readProfileFile(file: string, now = Date.now()): ParsedFile<WallProfileDef> {
  return readConfigFile(file, WallProfileSchema, now);
}

export function readContactsFile(file: string, now = Date.now()): ParsedFile<{ version: 1; contacts: Contact[] }> {
  return readConfigFile(file, ContactsSchema, now);
}

export function readShiftsFile(file: string, now = Date.now()): ParsedFile<ShiftRosterDef> {
  return withProblems(readConfigFile(file, ShiftRosterSchema, now), rosterProblems, now);
}

export function readAlarmRulesFile(file: string, now = Date.now()): ParsedFile<AlarmRulesDef> {
  return withProblems(readConfigFile(file, AlarmRulesSchema, now), alarmRuleProblems, now);
}

export function readWatchRulesFile(file: string, now = Date.now()): ParsedFile<WatchRulesDef> {
  return withProblems(readConfigFile(file, WatchRulesSchema, now), watchRuleProblems, now);
}

/** A file the schema accepts can still say something impossible: those problems refuse it too. */
function withProblems<T>(parsed: ParsedFile<T>, problemsOf: (value: T) => string[], now: number): ParsedFile<T> {
  if (!parsed.value) return parsed;
  const problems = problemsOf(parsed.value);
  if (problems.length === 0) return parsed;
  return { ...parsed, value: null, errors: problems.map((reason) => ({ file: parsed.file, line: null, column: null, reason, at: now })) };
}

/** Checks inside one layout: panels within the grid, track sizes matching it, known sites. */
function withLayoutChecks(parsed: ParsedFile<LayoutDef>, catalogue: CatalogueIds | null, now: number): ParsedFile<LayoutDef> {
  const layout = parsed.value;
  if (!layout) return parsed;
  const problems: { path: PathKey[]; reason: string }[] = [];
  if (layout.columnSizes && layout.columnSizes.length !== layout.columns) {
    problems.push({ path: ['columnSizes'], reason: `columnSizes has ${layout.columnSizes.length} sizes for ${layout.columns} columns` });
  }
  if (layout.rowSizes && layout.rowSizes.length !== layout.rows) {
    problems.push({ path: ['rowSizes'], reason: `rowSizes has ${layout.rowSizes.length} sizes for ${layout.rows} rows` });
  }
  layout.panels.forEach((p, i) => {
    const lastCol = p.col + (p.colSpan ?? 1) - 1;
    const lastRow = p.row + (p.rowSpan ?? 1) - 1;
    if (lastCol > layout.columns) problems.push({ path: ['panels', i], reason: `panels.${i} (${p.panel}) ends in column ${lastCol} of a ${layout.columns}-column grid` });
    if (lastRow > layout.rows) problems.push({ path: ['panels', i], reason: `panels.${i} (${p.panel}) ends in row ${lastRow} of a ${layout.rows}-row grid` });
    (p.options?.sites ?? []).forEach((site, k) => {
      if (catalogue && !catalogue.sites.has(site)) problems.push({ path: ['panels', i, 'options', 'sites', k], reason: `panels.${i}: site "${site}" is not in the site catalogue` });
    });
    if (p.panel === 'kpi' && !p.options?.kpis) problems.push({ path: ['panels', i], reason: `panels.${i} (kpi) needs options.kpis: the figures to show` });
    if (p.panel !== 'kpi' && (p.options?.kpis || p.options?.stale_after_s !== undefined)) {
      problems.push({ path: ['panels', i, 'options'], reason: `panels.${i} (${p.panel}): kpis and stale_after_s are options of a kpi panel` });
    }
    (p.options?.kpis ?? []).forEach((k, n) => {
      const [warn, critical] = [k.warn_at, k.critical_at];
      if (warn !== undefined && critical !== undefined && ((k.worse ?? 'higher') === 'higher' ? critical < warn : critical > warn)) {
        problems.push({ path: ['panels', i, 'options', 'kpis', n], reason: `panels.${i}: KPI "${k.name}" is critical before it is a warning (critical_at ${critical}, warn_at ${warn}, worse ${k.worse ?? 'higher'})` });
      }
    });
    (p.options?.districts ?? []).forEach((d, k) => {
      if (catalogue && !catalogue.districts.has(d)) problems.push({ path: ['panels', i, 'options', 'districts', k], reason: `panels.${i}: district "${d}" is not in the site catalogue` });
    });
  });
  if (problems.length === 0) return parsed;
  return {
    ...parsed,
    value: null,
    errors: problems.map((p) => ({ file: parsed.file, ...parsed.locate(p.path), reason: p.reason, at: now })),
  };
}

export interface CatalogueIds {
  sites: ReadonlySet<string>;
  districts: ReadonlySet<string>;
}

/**
 * Checks across files: what a profile names must exist (screens, layouts, presets, parts
 * inside a layout's span, sites and districts in the catalogue, key combinations).
 */
export function crossCheck(
  profile: ParsedFile<WallProfileDef>,
  layouts: ReadonlyMap<string, LayoutDef>,
  now = Date.now(),
): ConfigError[] {
  const p = profile.value;
  if (!p) return [];
  const errors: ConfigError[] = [];
  const at = (path: PathKey[], reason: string) => errors.push({ file: profile.file, ...profile.locate(path), reason, at: now });
  const screenIds = new Set<string>();
  const cells = new Set<string>();
  p.screens.forEach((s, i) => {
    if (screenIds.has(s.id)) at(['screens', i, 'id'], `screen "${s.id}" is defined twice`);
    screenIds.add(s.id);
    const cell = `${s.cell.col},${s.cell.row}`;
    if (cells.has(cell)) at(['screens', i, 'cell'], `two screens share cell ${cell}`);
    cells.add(cell);
  });
  if (Object.keys(p.presets).length === 0) at(['presets'], 'a profile needs at least one preset');
  for (const [n, preset] of Object.entries(p.presets)) {
    for (const [screen, assignment] of Object.entries(preset.screens)) {
      if (!screenIds.has(screen)) at(['presets', n, 'screens', screen], `preset ${n} names screen "${screen}", which the profile does not define`);
      const layoutId = typeof assignment === 'string' ? assignment : assignment.layout;
      const found = layouts.get(layoutId);
      if (!found) {
        at(['presets', n, 'screens', screen], `preset ${n}: no layout "${layoutId}" (expected layouts/${layoutId}.yaml)`);
        continue;
      }
      const part = typeof assignment === 'string' ? { col: 0, row: 0 } : (assignment.part ?? { col: 0, row: 0 });
      const span = found.span ?? { columns: 1, rows: 1 };
      if (part.col >= span.columns || part.row >= span.rows) {
        at(['presets', n, 'screens', screen], `preset ${n}: part ${part.col},${part.row} is outside layout "${layoutId}", which spans ${span.columns}×${span.rows} screens`);
      }
    }
  }
  if (p.outage && !p.presets[String(p.outage.preset)]) at(['outage', 'preset'], `outage: preset ${p.outage.preset} is not defined`);
  if (p.alarm && !p.presets[String(p.alarm.preset)]) at(['alarm', 'preset'], `alarm: preset ${p.alarm.preset} is not defined`);
  const audio = p.screens.flatMap((s, i) => (s.audio ? [i] : []));
  if (audio.length > 1) at(['screens', audio[1]!, 'audio'], `only one screen sounds the alarms: "${p.screens[audio[0]!]!.id}" already does`);
  p.rotation?.playlist.forEach((entry, i) => {
    if (!p.presets[String(entry.preset)]) at(['rotation', 'playlist', i, 'preset'], `rotation: preset ${entry.preset} is not defined`);
  });
  for (const problem of effectiveBindings(p.keys).problems) at(['keys', problem.combo], problem.reason);
  for (const [n, a] of Object.entries(p.keys ?? {})) {
    const m = a ? /^preset:(\d)$/u.exec(a) : null;
    if (m && !p.presets[m[1]!]) at(['keys', n], `key "${n}" selects preset ${m[1]}, which is not defined`);
  }
  return errors;
}

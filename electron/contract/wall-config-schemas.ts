// Valibot schemas of wall profiles, layouts and contacts: the one definition of these files.
// Their types (wall-config.ts) are inferred from here, and so are the JSON Schemas in
// resources/wall/schemas/. Strict objects: a misspelt key is an error with its line, not a
// silently ignored setting. Values for the main process only; the renderer imports the types.
import * as v from 'valibot';
import { CATEGORIES, SEVERITIES } from './events.js';
import { ALARM_PRIORITIES } from './common/alarm-order.js';
import { PANEL_KINDS, WALL_ACTIONS } from './wall-config.js';

const id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/u, 'must be lower-case letters, digits, ".", "_" or "-"'));
const positiveInt = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const index = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

// Viewing geometry: how far the operators sit and how wide the panel is. Text sizes derive from it.
const viewingDistance = v.pipe(v.number(), v.minValue(1), v.maxValue(30), v.description('metres from the operators to the screen'));
const panelWidth = v.pipe(v.number(), v.minValue(200), v.maxValue(10_000), v.description('physical width of the panel\'s picture in millimetres'));

const trackSize = v.pipe(v.string(), v.regex(/^(\d{1,4}px|\d{1,2}(\.\d{1,2})?fr)$/u, 'a track size is like "470px" or "1fr"'));

/** An MQTT topic prefix the wall subscribes under (and the forwarder publishes under): levels of a-z 0-9 . _ -, no wildcards. */
export const TOPIC_PREFIX_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/u;

/** Text in both wall languages (either may be missing: the other is shown). */
export const LocalTextSchema = v.strictObject({
  vi: v.optional(v.pipe(v.string(), v.maxLength(200))),
  en: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

/**
 * One figure on a KPI panel: a KPI the upstream system publishes on
 * `{prefix}/province/kpi/{name}`, its label and unit, and the thresholds at which it is a
 * warning or critical (`worse: higher`, the default, when a larger value is worse).
 */
export const KpiTileSchema = v.strictObject({
  name: id,
  label: LocalTextSchema,
  unit: v.optional(LocalTextSchema),
  /** Digits after the decimal point (default 0). */
  decimals: v.optional(index(3)),
  worse: v.optional(v.picklist(['higher', 'lower'])),
  warn_at: v.optional(v.pipe(v.number(), v.finite())),
  critical_at: v.optional(v.pipe(v.number(), v.finite())),
});

export const PanelOptionsSchema = v.strictObject({
  title: v.optional(LocalTextSchema),
  /** Categories shown (default: all). */
  categories: v.optional(v.pipe(v.array(v.picklist(CATEGORIES)), v.minLength(1))),
  /** Timeline window: last hour at 1 s, last 24 h at 1 min, or both (default). */
  window: v.optional(v.picklist(['1h', '24h', 'both'])),
  /** Only these sites (catalogue ids) ... */
  sites: v.optional(v.pipe(v.array(id), v.minLength(1))),
  /** ... or only the sites of these districts. */
  districts: v.optional(v.pipe(v.array(id), v.minLength(1))),
  /** KPI panel: the figures, in order (at most 6: each must be readable from the room). */
  kpis: v.optional(v.pipe(v.array(KpiTileSchema), v.minLength(1), v.maxLength(6))),
  /** KPI panel: a figure older than this is marked stale (default 900 s). */
  stale_after_s: v.optional(v.pipe(v.number(), v.minValue(10), v.maxValue(7 * 86_400))),
});

export const PanelPlacementSchema = v.strictObject({
  panel: v.picklist(PANEL_KINDS),
  /** 1-based grid column and row of the top-left cell. */
  col: positiveInt(48),
  row: positiveInt(48),
  colSpan: v.optional(positiveInt(48)),
  rowSpan: v.optional(positiveInt(48)),
  options: v.optional(PanelOptionsSchema),
});

export const LayoutSchema = v.strictObject({
  version: v.literal(1),
  id,
  title: LocalTextSchema,
  /** Grid of the whole layout (across every screen it spans). */
  columns: positiveInt(48),
  rows: positiveInt(48),
  /** Optional track sizes ("470px", "1fr"), one per column / row; default: equal fractions. */
  columnSizes: v.optional(v.array(trackSize)),
  rowSizes: v.optional(v.array(trackSize)),
  /** Screens the layout spans (default 1×1): each window renders its part of the one view. */
  span: v.optional(v.strictObject({ columns: positiveInt(8), rows: positiveInt(8) })),
  panels: v.pipe(v.array(PanelPlacementSchema), v.minLength(1), v.maxLength(64)),
});

/** An action name: one of WALL_ACTIONS or "preset:1" … "preset:9". */
export const WallActionSchema = v.union([
  v.picklist(WALL_ACTIONS),
  v.custom<`preset:${number}`>((x) => typeof x === 'string' && /^preset:[1-9]$/u.test(x), 'a preset action is "preset:1" … "preset:9"'),
]);

export const ScreenSchema = v.strictObject({
  id,
  name: v.optional(v.pipe(v.string(), v.maxLength(100))),
  /** Place of the screen in the wall grid (0-based), used for ordering and merging. */
  cell: v.strictObject({ col: index(15), row: index(15) }),
  /** This screen sounds the alarms (one screen of a profile; never a browser viewer without the control right). */
  audio: v.optional(v.boolean()),
  /** This screen's viewing geometry, where it differs from the profile's. */
  viewing_distance_m: v.optional(viewingDistance),
  panel_width_mm: v.optional(panelWidth),
  /** How to find this screen's display: its id, else its position (and size). */
  display: v.optional(
    v.strictObject({
      id: v.optional(v.pipe(v.number(), v.integer())),
      x: v.optional(v.pipe(v.number(), v.integer())),
      y: v.optional(v.pipe(v.number(), v.integer())),
      width: v.optional(positiveInt(100_000)),
      height: v.optional(positiveInt(100_000)),
    }),
  ),
});

/** What a screen shows in a preset: a layout id, or the part of a spanning layout. */
export const ScreenAssignmentSchema = v.union([
  id,
  v.strictObject({ layout: id, part: v.optional(v.strictObject({ col: index(7), row: index(7) })) }),
]);

export const PresetSchema = v.strictObject({ name: LocalTextSchema, screens: v.record(id, ScreenAssignmentSchema) });

export const RotationSchema = v.strictObject({
  playlist: v.array(v.strictObject({ preset: positiveInt(9), dwell_s: v.pipe(v.number(), v.minValue(5), v.maxValue(86_400)) })),
  /** Seconds without a key press after which a paused-by-activity rotation resumes. */
  idle_resume_s: v.pipe(v.number(), v.minValue(5), v.maxValue(86_400)),
  /** Rotate from start-up (default true when the playlist has two or more entries). */
  autostart: v.optional(v.boolean()),
});

export const WallProfileSchema = v.strictObject({
  version: v.literal(1),
  name: LocalTextSchema,
  /** Metres from the operators to the wall (default 5): text sizes derive from it. */
  viewing_distance_m: v.optional(viewingDistance),
  /** Physical width of each panel's picture in millimetres (default 1218, a 55-inch 16:9 panel). */
  panel_width_mm: v.optional(panelWidth),
  screens: v.pipe(v.array(ScreenSchema), v.minLength(1), v.maxLength(64)),
  /** Presets 1..9, keys as strings ("1"). */
  presets: v.record(v.pipe(v.string(), v.regex(/^[1-9]$/u, 'presets are numbered "1" … "9"')), PresetSchema),
  rotation: v.optional(RotationSchema),
  /**
   * Optional raster tiles under the vector base map (an internal tile server). Used when
   * reachable; when not, the bundled vector map stays and no broken tile is shown.
   */
  map: v.optional(
    v.strictObject({
      tiles: v.optional(
        v.strictObject({
          url: v.pipe(v.string(), v.maxLength(500), v.regex(/^https?:\/\/[^/\s]+\/\S*\{z\}\S*\{x\}\S*\{y\}/u, 'a tile URL is http(s)://host/…{z}…{x}…{y}…')),
          attribution: v.optional(v.pipe(v.string(), v.maxLength(200))),
          max_zoom: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(22))),
        }),
      ),
    }),
  ),
  /** After the broker link has been down `after_s`, the wall switches to this preset (and back when it returns). */
  outage: v.optional(v.strictObject({ preset: positiveInt(9), after_s: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)) })),
  /**
   * A new critical alarm switches the wall to this preset, its site highlighted; the wall
   * returns `hold_s` after it is acknowledged (default 30), or after `timeout_s` (default 600).
   */
  alarm: v.optional(
    v.strictObject({
      preset: positiveInt(9),
      hold_s: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(3600))),
      timeout_s: v.optional(v.pipe(v.number(), v.minValue(10), v.maxValue(86_400))),
    }),
  ),
  mqtt: v.optional(
    v.strictObject({
      // Bridged brokers republish each province's topics under a prefix of its own
      // (`kien-giang/soc/v1/…`): the wall subscribes to the grammar under every prefix listed.
      topic_prefixes: v.pipe(
        v.array(
          v.pipe(
            v.string(),
            v.maxLength(128),
            v.regex(TOPIC_PREFIX_PATTERN, 'a topic prefix is levels of a-z 0-9 . _ - separated by /, without wildcards'),
          ),
        ),
        v.minLength(1),
        v.maxLength(16),
      ),
    }),
  ),
  /** Key remapping: a combination ("Ctrl+Shift+1", "F5", "Space") → action, or null to unbind a default. */
  keys: v.optional(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(40)), v.nullable(WallActionSchema))),
});

/** Someone to call during an outage (resources/wall/contacts.yaml). */
export const ContactSchema = v.strictObject({
  // A person's name is one string; a unit's name may be given in both languages.
  name: v.union([v.pipe(v.string(), v.minLength(1), v.maxLength(100)), LocalTextSchema]),
  role: v.optional(LocalTextSchema),
  phone: v.optional(v.pipe(v.string(), v.maxLength(40), v.regex(/^[0-9+ ().-]+$/u, 'a phone number has digits, spaces and + ( ) . - only'))),
  email: v.optional(v.pipe(v.string(), v.maxLength(100), v.email())),
});

export const ContactsSchema = v.strictObject({
  version: v.literal(1),
  contacts: v.pipe(v.array(ContactSchema), v.maxLength(40)),
});

// ---- the shift roster (resources/wall/shifts.yaml) ------------------------------------------

const timeOfDay = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'a time of day is HH:MM on a 24-hour clock, like "07:00"'));
const personName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80));
const members = v.pipe(v.array(personName), v.maxLength(30));
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A shift: from its start until the next shift's start (the last runs past midnight into the first). */
export const ShiftSchema = v.strictObject({
  id,
  name: LocalTextSchema,
  start: timeOfDay,
  lead: personName,
  members: v.optional(members),
});

/** Where a weekday differs: for a shift that starts on that day, another lead, members or start. */
export const ShiftOverrideSchema = v.strictObject({
  shift: id,
  start: v.optional(timeOfDay),
  lead: v.optional(personName),
  members: v.optional(members),
});

export const ShiftRosterSchema = v.strictObject({
  version: v.literal(1),
  shifts: v.pipe(v.array(ShiftSchema), v.minLength(1), v.maxLength(12)),
  weekdays: v.optional(v.record(v.picklist(WEEKDAYS), v.pipe(v.array(ShiftOverrideSchema), v.maxLength(12)))),
});

// ---- alarm rules (resources/wall/alarms.yaml) ------------------------------------------------

const priority = v.picklist(ALARM_PRIORITIES);
const severity = v.picklist(SEVERITIES);
const seconds = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * Which events raise an alarm and at which priority. The first rule that matches an event
 * decides; an event no rule matches raises none. A site's criticality (the Decree 85
 * security level of its systems, 1–5, in the site catalogue) raises the priority by
 * `raise_at_level` (e.g. level ≥ 4: one step up).
 */
export const AlarmRuleSchema = v.strictObject({
  id,
  /** Categories this rule covers (default: all). */
  categories: v.optional(v.pipe(v.array(v.picklist(CATEGORIES)), v.minLength(1))),
  /** The lowest event severity that raises the alarm. */
  min_severity: severity,
  /** Priority by event severity (severities below `min_severity` are not listed). */
  priority: v.partial(v.strictObject({ low: priority, medium: priority, high: priority, critical: priority })),
  /**
   * Events of one site, category and signature are one alarm while it is active, and again
   * within this many seconds after it returned to normal unacknowledged (default 600).
   */
  group_s: v.optional(seconds(10, 86_400)),
  /** An alarm with no new event for this long returns to normal (default: group_s). */
  clear_s: v.optional(seconds(10, 7 * 86_400)),
});

/** The watch's verdicts an alarm can be asked for: a warning, a critical silence or drop, a silence after high-severity events. */
export const WATCH_ALARM_STATES = ['warning', 'critical', 'tamper'] as const;

/**
 * An alarm for sensors the watch flags (watch.yaml): one alarm per sensor while it is
 * flagged, at the priority of its worst state; it returns to normal `clear_s` after the
 * sensor's events are back.
 */
export const SourceAlarmRuleSchema = v.strictObject({
  id,
  /** Priority by watch state; a state left out raises no alarm. */
  priority: v.partial(v.strictObject({ warning: priority, critical: priority, tamper: priority })),
  clear_s: v.optional(seconds(10, 7 * 86_400)),
});

export const AlarmRulesSchema = v.strictObject({
  version: v.literal(1),
  rules: v.pipe(v.array(AlarmRuleSchema), v.minLength(1), v.maxLength(50)),
  /** Alarms for silent sources and volume drops (the watch); without it the watch only shows. */
  sources: v.optional(SourceAlarmRuleSchema),
  /** Site criticality level (1–5) at or above which a priority is raised one step (default 4). */
  raise_at_level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
  /** Criticality of a site the catalogue gives none (default 3). */
  default_level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
  /** EEMUA 191 flood: more than `alarms` new alarms within `window_s` (defaults 10 in 600 s). */
  flood: v.optional(v.strictObject({ alarms: seconds(2, 10_000), window_s: seconds(60, 86_400) })),
  /** Shelving durations offered by `S`, in seconds; "shift" shelves to the end of the shift (default [3600, 14400, "shift"]). */
  shelve: v.optional(v.pipe(v.array(v.union([seconds(60, 7 * 86_400), v.literal('shift')])), v.minLength(1), v.maxLength(5))),
});

// ---- the watch on silent sources (resources/wall/watch.yaml) -----------------------------------

export const SOURCE_KINDS = ['endpoint', 'network', 'default'] as const;

/**
 * How long each kind of source may send no event before it is critically silent, how far
 * below its baseline a sensor's volume may fall, and which sensors are which kind.
 */
export const WatchRulesSchema = v.strictObject({
  version: v.literal(1),
  /** Silence, in seconds, past which a sensor of each kind is critical (defaults 300, 900, 1800). */
  silence_s: v.optional(v.strictObject({ endpoint: seconds(30, 86_400), network: seconds(30, 86_400), default: seconds(30, 86_400) })),
  /** A fall of more than `warning_pct` % below the baseline warns; more than `critical_pct` % is critical (defaults 50, 90). */
  drop: v.optional(v.strictObject({ warning_pct: seconds(1, 99), critical_pct: seconds(1, 100) })),
  /**
   * The baseline: the same hour on the same kind of day (working day, or Saturday and Sunday),
   * over the last 14 days. No volume verdict until it has `min_days` such days and expects
   * at least `min_expected` events in the hour (defaults 2 and 12).
   */
  baseline: v.optional(v.strictObject({ min_days: seconds(1, 10), min_expected: seconds(1, 1_000_000) })),
  /** A silence that began within this many seconds of a high or critical event is flagged as tampering (default 600). */
  tamper_s: v.optional(seconds(10, 86_400)),
  /** Which kind each sensor is: the first entry whose `sensor` matches its id (a trailing `*` matches any ending); others are `default`. */
  kinds: v.optional(
    v.pipe(
      v.array(v.strictObject({ sensor: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}\*?$/u, 'a sensor id, optionally ending in *')), kind: v.picklist(SOURCE_KINDS) })),
      v.maxLength(100),
    ),
  ),
});

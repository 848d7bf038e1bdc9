// Valibot schemas of wall profiles, layouts and contacts: the one definition of these files.
// Their types (wall-config.ts) are inferred from here, and so are the JSON Schemas in
// resources/wall/schemas/. Strict objects: a misspelt key is an error with its line, not a
// silently ignored setting. Values for the main process only; the renderer imports the types.
import * as v from 'valibot';
import { CATEGORIES } from './events.js';
import { PANEL_KINDS, WALL_ACTIONS } from './wall-config.js';

const id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/u, 'must be lower-case letters, digits, ".", "_" or "-"'));
const positiveInt = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const index = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

// Viewing geometry: how far the operators sit and how wide the panel is. Text sizes derive from it.
const viewingDistance = v.pipe(v.number(), v.minValue(1), v.maxValue(30), v.description('metres from the operators to the screen'));
const panelWidth = v.pipe(v.number(), v.minValue(200), v.maxValue(10_000), v.description('physical width of the panel\'s picture in millimetres'));

const trackSize = v.pipe(v.string(), v.regex(/^(\d{1,4}px|\d{1,2}(\.\d{1,2})?fr)$/u, 'a track size is like "470px" or "1fr"'));

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
  mqtt: v.optional(
    v.strictObject({
      // Bridged brokers republish each province's topics under a prefix of its own
      // (`kien-giang/soc/v1/…`): the wall subscribes to the grammar under every prefix listed.
      topic_prefixes: v.pipe(
        v.array(
          v.pipe(
            v.string(),
            v.maxLength(128),
            v.regex(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/u, 'a topic prefix is levels of a-z 0-9 . _ - separated by /, without wildcards'),
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

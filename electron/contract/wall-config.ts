// Wall profiles and layouts: files an administrator keeps under version control.
// Types here; valibot schemas in wall-config-schemas.ts; JSON Schemas in resources/wall/schemas/.
import type { Category } from './events.js';

/** Text in both wall languages (either may be missing: the other is shown). */
export interface LocalText {
  vi?: string;
  en?: string;
}

export const PANEL_KINDS = ['counters', 'timeline', 'map', 'ticker', 'endpoints', 'sensors', 'top', 'header', 'contacts'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export interface PanelOptions {
  title?: LocalText;
  /** Categories shown (default: all). */
  categories?: Category[];
  /** Timeline window: last hour at 1 s, last 24 h at 1 min, or both (default). */
  window?: '1h' | '24h' | 'both';
  /** Only these sites (catalogue ids) ... */
  sites?: string[];
  /** ... or only the sites of these districts. */
  districts?: string[];
}

export interface PanelPlacement {
  panel: PanelKind;
  /** 1-based grid column and row of the top-left cell. */
  col: number;
  row: number;
  colSpan?: number;
  rowSpan?: number;
  options?: PanelOptions;
}

export interface LayoutDef {
  version: 1;
  id: string;
  title: LocalText;
  /** Grid of the whole layout (across every screen it spans). */
  columns: number;
  rows: number;
  /** Optional track sizes ("470px", "1fr"), one per column / row; default: equal fractions. */
  columnSizes?: string[];
  rowSizes?: string[];
  /** Screens the layout spans (default 1×1): each window renders its part of the one view. */
  span?: { columns: number; rows: number };
  panels: PanelPlacement[];
}

export interface ScreenDef {
  id: string;
  name?: string;
  /** Place of the screen in the wall grid (0-based), used for ordering and merging. */
  cell: { col: number; row: number };
  /** This screen's viewing geometry, where it differs from the profile's. */
  viewing_distance_m?: number;
  panel_width_mm?: number;
  /** How to find this screen's display: its id, else its position (and size). */
  display?: { id?: number; x?: number; y?: number; width?: number; height?: number };
}

/** What a screen shows in a preset: a layout id, or the part of a spanning layout. */
export type ScreenAssignment = string | { layout: string; part?: { col: number; row: number } };

export interface PresetDef {
  name: LocalText;
  screens: Record<string, ScreenAssignment>;
}

export interface RotationDef {
  playlist: { preset: number; dwell_s: number }[];
  /** Seconds without a key press after which a paused-by-activity rotation resumes. */
  idle_resume_s: number;
  /** Rotate from start-up (default true when the playlist has two or more entries). */
  autostart?: boolean;
}

export const WALL_ACTIONS = [
  'next-preset',
  'previous-preset',
  'toggle-rotation',
  'focus-next',
  'unfocus',
  'toggle-help',
  'toggle-language',
  'toggle-lock',
] as const;
export type WallActionName = (typeof WALL_ACTIONS)[number] | `preset:${number}`;

export interface WallProfileDef {
  version: 1;
  name: LocalText;
  /** Metres from the operators to the wall (default 5): text sizes derive from it. */
  viewing_distance_m?: number;
  /** Physical width of each panel's picture in millimetres (default 1218, a 55-inch 16:9 panel). */
  panel_width_mm?: number;
  screens: ScreenDef[];
  /** Presets 1..9, keys as strings ("1"). */
  presets: Record<string, PresetDef>;
  rotation?: RotationDef;
  /**
   * Optional raster tiles under the vector base map (an internal tile server). Used when
   * reachable; when not, the bundled vector map stays and no broken tile is shown.
   */
  map?: { tiles?: { url: string; attribution?: string; max_zoom?: number } };
  /** After the broker link has been down `after_s`, the wall switches to this preset (and back when it returns). */
  outage?: { preset: number; after_s: number };
  /** MQTT topic prefixes the wall subscribes under (default `soc/v1`): one per bridged province. */
  mqtt?: { topic_prefixes: string[] };
  /** Key remapping: a combination ("Ctrl+Shift+1", "F5", "Space") → action, or null to unbind a default. */
  keys?: Record<string, WallActionName | null>;
}

/** A configuration problem shown on the admin overlay: where, and why. */
export interface ConfigError {
  file: string;
  line: number | null;
  column: number | null;
  reason: string;
  /** Epoch ms when the file was rejected. */
  at: number;
}

/** Someone to call during an outage (resources/wall/contacts.yaml). */
export interface Contact {
  /** A person's name, or a unit's name in both languages. */
  name: string | LocalText;
  role?: LocalText;
  phone?: string;
  email?: string;
}

export interface KeyBinding {
  /** Normalised combination, e.g. "Ctrl+PageDown", "Shift+?", "L". */
  combo: string;
  action: WallActionName;
}

/** The configuration every window renders from; pushed again on every valid change. */
export interface WallConfig {
  rev: number;
  profile: WallProfileDef;
  layouts: Record<string, LayoutDef>;
  /** The effective keymap (defaults + profile remaps), for the help overlay. */
  keys: KeyBinding[];
  /** Outage contact list (contacts.yaml in the config folder; empty when absent). */
  contacts: Contact[];
  /** Problems of the files as they are now; the wall keeps the last valid version meanwhile. */
  errors: ConfigError[];
  /** Where the files are read from (shown on the admin overlay). */
  source: string;
}

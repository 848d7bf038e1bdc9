// Wall profiles and layouts: files an administrator keeps under version control.
// Their valibot schemas (wall-config-schemas.ts) are the definition; the types here are
// inferred from them, and the JSON Schemas in resources/wall/schemas/ are generated from them.
import type * as v from 'valibot';
import type * as S from './wall-config-schemas.js';

export const PANEL_KINDS = ['counters', 'timeline', 'map', 'ticker', 'endpoints', 'sensors', 'top', 'header', 'contacts', 'kpi', 'alarms', 'alarm', 'origins', 'attack'] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

export const WALL_ACTIONS = [
  'next-preset',
  'previous-preset',
  'toggle-rotation',
  'focus-next',
  'unfocus',
  'toggle-help',
  'toggle-language',
  'toggle-lock',
  'alarm-acknowledge',
  'alarm-acknowledge-shown',
  'alarm-select-next',
  'alarm-select-previous',
  'alarm-shelve',
  'toggle-mute',
  'write-report',
] as const;
export type WallActionName = (typeof WALL_ACTIONS)[number] | `preset:${number}`;

// The files' types are inferred from their schemas: one definition, no casts between them.
export type LocalText = v.InferOutput<typeof S.LocalTextSchema>;
export type PanelOptions = v.InferOutput<typeof S.PanelOptionsSchema>;
export type KpiTileDef = v.InferOutput<typeof S.KpiTileSchema>;
export type PanelPlacement = v.InferOutput<typeof S.PanelPlacementSchema>;
export type LayoutDef = v.InferOutput<typeof S.LayoutSchema>;
export type ScreenDef = v.InferOutput<typeof S.ScreenSchema>;
export type ScreenAssignment = v.InferOutput<typeof S.ScreenAssignmentSchema>;
export type PresetDef = v.InferOutput<typeof S.PresetSchema>;
export type RotationDef = v.InferOutput<typeof S.RotationSchema>;
export type WallProfileDef = v.InferOutput<typeof S.WallProfileSchema>;
export type Contact = v.InferOutput<typeof S.ContactSchema>;
export type ShiftDef = v.InferOutput<typeof S.ShiftSchema>;
export type ShiftOverrideDef = v.InferOutput<typeof S.ShiftOverrideSchema>;
export type ShiftRosterDef = v.InferOutput<typeof S.ShiftRosterSchema>;
export type Weekday = (typeof S.WEEKDAYS)[number];
export type AlarmRuleDef = v.InferOutput<typeof S.AlarmRuleSchema>;
export type AlarmRulesDef = v.InferOutput<typeof S.AlarmRulesSchema>;
export type SourceAlarmRuleDef = v.InferOutput<typeof S.SourceAlarmRuleSchema>;
export type WatchRulesDef = v.InferOutput<typeof S.WatchRulesSchema>;
export type SourceKind = (typeof S.SOURCE_KINDS)[number];
export type WatchAlarmState = (typeof S.WATCH_ALARM_STATES)[number];

/** A configuration problem shown on the admin overlay: where, and why. */
export interface ConfigError {
  file: string;
  line: number | null;
  column: number | null;
  reason: string;
  /** Epoch ms when the file was rejected. */
  at: number;
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
  /** Shift roster (shifts.yaml), or null without one: acknowledgements then name no shift. */
  shifts: ShiftRosterDef | null;
  /** Alarm rules (alarms.yaml), or null without them: no alarms are raised. */
  alarms: AlarmRulesDef | null;
  /** The watch on silent sources (watch.yaml), or null: its defaults. */
  watch: WatchRulesDef | null;
  /** Problems of the files as they are now; the wall keeps the last valid version meanwhile. */
  errors: ConfigError[];
  /** Where the files are read from (shown on the admin overlay). */
  source: string;
}

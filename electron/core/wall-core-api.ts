// What the shell and the browser host see of the core. The composition lives in wall-core.ts.
import type { KeyPress, Language, ReportEntry, WallCommand, SnapshotFrame, WallConfig, WallFrame, WallState, Unsubscribe } from '../contract/index.js';
import type { ReportFile } from './reports/report-archive.js';
import type { WallLog } from './log/wall-log.js';

export interface WallCoreHandle {
  /** A full snapshot frame of the current state (for a window that (re)connects). */
  snapshot(): SnapshotFrame;
  /** Delta frames at the configured cadence. */
  onFrame(listener: (frame: WallFrame) => void): Unsubscribe;
  getState(): WallState;
  onState(listener: (state: WallState) => void): Unsubscribe;
  /**
   * Applies a validated command to the wall state (keys, actions, language, unlock).
   * `client` names who sent it, for counting failed PIN attempts per client (default: 'local').
   */
  command(command: WallCommand, client?: string): void;
  /**
   * A key pressed on a wall window (Electron: before-input-event). Returns true when the
   * key is a wall key (the shell then swallows it), false to let it through.
   */
  handleKey(key: KeyPress, screen: string): boolean;
  /** Profile, layouts, effective keymap and file errors; pushed again on every change. */
  getConfig(): WallConfig;
  onConfig(listener: (config: WallConfig) => void): Unsubscribe;
  /** Prometheus text exposition of the core's metrics. */
  metrics(): string;
  /** Counts a rejected IPC/WebSocket call by reason (shown in /metrics). */
  countRejectedCall(reason: string): void;
  /** Hand-over reports kept in the data folder; null without one (`reportsDir`). */
  reports: { list(): ReportEntry[]; file(name: string): ReportFile | null } | null;
  stop(): Promise<void>;
}

export interface WallCoreOptions {
  /** Broker URLs; when empty and `demo` is not false, the embedded demo broker and simulator start. */
  brokerUrls: string[];
  /** Force (true) or forbid (false) the embedded demo; undefined = demo when no broker is configured. */
  demo?: boolean;
  /** Simulator speed factor (demo only). */
  demoSpeed?: number;
  /** Frame cadence in Hz (default 4). */
  frameHz?: number;
  /** Initial language (main process owns it afterwards). */
  language?: 'vi' | 'en';
  /** MQTT client id (stable per installation for a persistent session). */
  clientId?: string;
  /** Broker TLS and credentials (files are read at start; the password never appears in frames or logs). */
  mqtt?: MqttSecurityOptions;
  /**
   * Folder with the administrator's files: `profiles/*.yaml|json` and `layouts/*.yaml|json`.
   * Watched: a valid change applies live, an invalid one is shown and the last valid kept.
   * Default: the bundled `resources/wall`.
   */
  configDir?: string;
  /** Profile name in `configDir/profiles` (without extension). Default: "single". */
  profile?: string;
  /** Where the preset, rotation and language survive a restart (Electron: electron-store). */
  persistence?: WallStatePersistence;
  /** scrypt hash of the kiosk PIN (see electron/core/wall/pin.ts); null: the lock is unavailable. */
  pinHash?: string | null;
  /**
   * Folder of the durable journal (snapshot + message log). With it the wall restarts with
   * its last state on screen (marked stale) and counts exactly across a crash. The MQTT
   * client id must then be stable too (the broker keeps the wall's queue under it).
   */
  journalDir?: string;
  /** Folder of the audit log of wall actions (hash-chained JSON lines; `npm run audit:verify -- DIR`). */
  auditDir?: string;
  /** Folder of the hand-over reports (PDF + HTML at each shift boundary and on `H`); none without it. */
  reportsDir?: string;
  /**
   * Folder of refreshed IP databases (`dbip-country.mmdb`, `asn-ipv4-num.csv`,
   * `asn-ipv6.csv`); each file found there replaces the bundled copy (README "Attack origins").
   */
  geoDir?: string;
  /** Reconnect backoff (default 0.5 s doubling to 30 s, full jitter). */
  reconnect?: { initialMs: number; maxMs: number };
  /** A sensor is offline after this long without heartbeats or events (default 90 s). */
  sensorTimeoutMs?: number;
  /** Called with log lines (default: console). */
  log?: WallLog;
}

export interface MqttSecurityOptions {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  username?: string;
  password?: string;
  /** Verify the broker's certificate (default true; only a lab broker turns it off). */
  rejectUnauthorized?: boolean;
}

export interface PersistedWallState {
  preset: number;
  rotationEnabled: boolean;
  language: Language;
}

export interface WallStatePersistence {
  load(): Partial<PersistedWallState> | null;
  save(state: PersistedWallState): void;
}

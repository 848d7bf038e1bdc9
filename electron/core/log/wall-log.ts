// The wall's one log function type, and the logger both hosts start with: the console line
// operators and service managers read (`[soc-wall] message`, as before), and a structured
// JSON-lines file (pino) that rotates (pino-roll: daily or at a size, a bounded number kept),
// so a wall that runs for weeks keeps its history without filling the disk.
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';

export type LogLevel = 'info' | 'warn' | 'error';
/** Every component logs through this: a level, a message, optional fields for the file. */
export type WallLog = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void;

/** The console line, as the wall has always written it. */
export const consoleLog: WallLog = (level, message) => {
  const line = `[soc-wall] ${message}`;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export interface LogFileOptions {
  /** Folder of the log files (created if missing): `wall.N.log`, the newest with the highest N. */
  dir: string;
  /** Start a new file at this size (default 10 MiB) ... */
  maxBytes?: number;
  /** ... or each day, whichever comes first. */
  frequency?: 'daily' | 'hourly';
  /** Files kept besides the current one (default 14). */
  keep?: number;
}

export interface WallLogger {
  log: WallLog;
  /** Writes what is buffered and closes the file. */
  close(): Promise<void>;
}

/** Console and a rotating JSON-lines file. Every line in the file has time, level, msg and the fields given. */
export async function openWallLogger(options: LogFileOptions, toConsole: WallLog = consoleLog): Promise<WallLogger> {
  mkdirSync(options.dir, { recursive: true });
  const stream = await roll({
    file: join(options.dir, 'wall'),
    extension: '.log',
    size: `${Math.max(1, Math.round((options.maxBytes ?? 10 * 1024 * 1024) / 1024))}k`,
    frequency: options.frequency ?? 'daily',
    limit: { count: options.keep ?? 14 },
    mkdir: true,
  });
  // sonic-boom opens the file asynchronously: wait, so that a folder the wall may not write to
  // is said at start (events.once rejects on 'error').
  // (`fd` is -1 until then; sonic-boom's types leave it out.)
  if ((stream as unknown as { fd: number }).fd < 0) await once(stream, 'ready');
  const file = pino({ base: { app: 'soc-wall', pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, stream);
  return {
    log: (level, message, fields) => {
      toConsole(level, message, fields);
      file[level](fields ?? {}, message);
    },
    close: async () => {
      await new Promise<void>((resolve) => file.flush(() => resolve()));
      const closed = once(stream, 'close');
      stream.end();
      await closed;
    },
  };
}

/**
 * The logger with its file in `dir`, or null when the file cannot be opened, which is said on
 * the console: the wall runs on, logging to the console only (a data folder it cannot write
 * to is the journal's to report).
 */
export async function openWallLoggerOrWarn(dir: string): Promise<WallLogger | null> {
  try {
    return await openWallLogger({ dir });
  } catch (err) {
    consoleLog('warn', `no log file in ${dir} (${err instanceof Error ? err.message : String(err)}): logging to the console only`);
    return null;
  }
}

/** Where the log files of a data folder go (the browser host's --data-dir, Electron's userData). */
export function logDirOf(dataDir: string): string {
  return join(dataDir, 'logs');
}

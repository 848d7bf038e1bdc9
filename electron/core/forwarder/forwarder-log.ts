// The forwarder's log: JSON lines on stderr (pino), which journald and NSSM keep as they are.
// Written synchronously: the lines before a crash or an exit are never lost in a buffer.
import pino from 'pino';

export type ForwarderLogLevel = 'info' | 'warn' | 'error';
export type ForwarderLog = (level: ForwarderLogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void;

export function stderrLog(level: pino.LevelWithSilent = 'info'): ForwarderLog {
  const logger = pino(
    { level, base: { app: 'soc-wall-forwarder', pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ fd: 2, sync: true }),
  );
  return (lvl, message, fields) => logger[lvl](fields ?? {}, message);
}

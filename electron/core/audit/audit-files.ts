// The audit log's files, as both the writer (audit-log.ts) and the verifier (audit-verify.ts)
// know them: `audit.<N>.jsonl` (the newest has the highest N), the head file, the hash.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

export const FILE_PATTERN = /^audit\.(\d+)\.jsonl$/u;
export const HEAD_FILE = 'audit.head';
/** The `prev` of the very first line. */
export const ZERO_HASH = '0'.repeat(64);
export const ACTION_PATTERN = /^[a-z][a-z0-9-]*$/u;
export const NEWLINE = 0x0a;

export interface LogFile {
  name: string;
  n: number;
}

export const sha256 = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The log files of a folder, oldest first. */
export function listLogFiles(dir: string): LogFile[] {
  const files: LogFile[] = [];
  for (const name of readdirSync(dir)) {
    const match = FILE_PATTERN.exec(name);
    if (match) files.push({ name, n: Number(match[1]) });
  }
  return files.sort((a, b) => a.n - b.n);
}

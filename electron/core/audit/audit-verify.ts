// Checks an audit folder written by audit-log.ts: every line an entry with its fields in order,
// seq continuous, each `prev` the SHA-256 of the line before (across files), and `audit.head`
// naming the last line, which is how a changed or removed last line shows. Files are read
// whole, in N order (each is bounded by the log's maxFileBytes). Each break is reported at the
// file and line where it shows, in words an operator can act on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_PATTERN, HEAD_FILE, NEWLINE, ZERO_HASH, listLogFiles, sha256 } from './audit-files.js';
import { describeFsError, errnoCode } from '../journal/fs-status.js';

export interface AuditBreak {
  file: string;
  /** 1-based line number in that file. */
  line: number;
  seq: number | null;
  reason: string;
}

export interface AuditVerdict {
  ok: boolean;
  files: number;
  /** Lines that are audit entries. */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** The oldest file starts after entries that rotation deleted: its first `prev` cannot be checked. */
  startsAfterPruned: boolean;
  breaks: AuditBreak[];
}

// The format of audit-log.ts.
const HASH_PATTERN = /^[0-9a-f]{64}$/u;

interface Entry {
  seq: number;
  prev: string;
}

/** A complete line already checked: what the next one is compared with. */
interface SeenLine {
  file: string;
  line: number;
  hash: string;
  entry: Entry | null;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const utf8 = new TextDecoder('utf-8', { fatal: true });


/** The line as an entry, or why it is not one (with its seq when that much is readable). */
function parseEntry(bytes: Buffer): Entry | { seq: number | null; reason: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { seq: null, reason: 'not UTF-8 text' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { seq: null, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { seq: null, reason: 'not an audit entry: not a JSON object' };
  const { seq, at, action, prev } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return { seq: null, reason: 'not an audit entry: seq is missing or not a positive integer' };
  const bad = (what: string) => ({ seq, reason: `not an audit entry: ${what}` });
  if (typeof at !== 'number' || !Number.isFinite(at)) return bad('at is missing or not a time');
  if (typeof action !== 'string' || !ACTION_PATTERN.test(action)) return bad('action is missing or not an action name');
  if (typeof prev !== 'string' || !HASH_PATTERN.test(prev)) return bad('prev is missing or not a SHA-256 in hex');
  // As the log writes it: a reordered or repeated field is an edit even where the hash is not checked.
  const start = `{"seq":${seq},"at":${JSON.stringify(at)},"action":${JSON.stringify(action)}`;
  const end = `,"prev":"${prev}"}`;
  const callerFieldsFollow = text.length === start.length + end.length || text[start.length] === ',';
  if (!text.startsWith(start) || !text.endsWith(end) || !callerFieldsFollow) {
    return bad('its fields are not written as the log writes them (seq, at, action, …, prev)');
  }
  return { seq, prev };
}

export function verifyAuditDir(dir: string): AuditVerdict {
  const files = listLogFiles(dir);
  const breaks: AuditBreak[] = [];
  let entries = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let startsAfterPruned = false;
  let before: SeenLine | null = null;
  // Lines since the last entry that are no entries: their seqs are not counted as missing.
  let unreadableSinceLastSeq = 0;

  for (const [index, file] of files.entries()) {
    const previous = files[index - 1];
    if (previous !== undefined && file.n !== previous.n + 1) {
      const missing = file.n - previous.n - 1;
      breaks.push({ file: file.name, line: 1, seq: null, reason: `${plural(missing, 'file is', 'files are')} missing between ${previous.name} and ${file.name}` });
    }
    let data: Buffer;
    try {
      data = readFileSync(join(dir, file.name));
    } catch (err) {
      breaks.push({ file: file.name, line: 1, seq: null, reason: describeFsError('read', file.name, err) });
      continue;
    }
    let lineNo = 0;
    for (let start = 0; start < data.length; ) {
      lineNo++;
      const newline = data.indexOf(NEWLINE, start);
      if (newline < 0) {
        const where = index === files.length - 1 ? 'the wall stopped while writing it' : 'in a file that is not the newest';
        breaks.push({ file: file.name, line: lineNo, seq: null, reason: `torn last line (no newline): ${where}` });
        break;
      }
      const bytes = data.subarray(start, newline);
      start = newline + 1;
      const here = { file: file.name, line: lineNo };
      const parsed = parseEntry(bytes);
      const entry = 'reason' in parsed ? null : parsed;
      if (entry === null) {
        breaks.push({ ...here, seq: parsed.seq, reason: (parsed as { reason: string }).reason });
        unreadableSinceLastSeq++;
      } else {
        entries++;
        firstSeq ??= entry.seq;
        if (before === null) {
          if (entry.seq === 1 && entry.prev !== ZERO_HASH) breaks.push({ ...here, seq: 1, reason: `the first entry (seq 1) has prev ${short(entry.prev)} instead of 64 zeros` });
          else if (entry.seq > 1 && file.n === 1) breaks.push({ ...here, seq: entry.seq, reason: `${file.name}, the first file, starts at seq ${entry.seq}: the entries before it were removed` });
          else if (entry.seq > 1) startsAfterPruned = true;
        } else if (entry.prev !== before.hash) {
          const follows = before.file === file.name ? `line ${lineNo} does not follow line ${before.line}` : `line ${lineNo} does not follow line ${before.line} of ${before.file}`;
          breaks.push({ ...here, seq: entry.seq, reason: `${follows}: prev is ${short(entry.prev)}, the line before hashes to ${short(before.hash)} (a line was changed or removed)` });
        }
        if (lastSeq !== null && entry.seq !== lastSeq + 1 + unreadableSinceLastSeq) {
          const missing = entry.seq - lastSeq - 1 - unreadableSinceLastSeq;
          const why = missing > 0 ? `${plural(missing, 'entry', 'entries')} missing` : 'out of order (an entry was repeated or moved)';
          breaks.push({ ...here, seq: entry.seq, reason: `seq ${entry.seq} after seq ${lastSeq}: ${why}` });
        }
        lastSeq = entry.seq;
        unreadableSinceLastSeq = 0;
      }
      before = { ...here, hash: sha256(bytes), entry };
    }
  }

  const headBreak = checkHead(dir, before, entries);
  if (headBreak) breaks.push(headBreak);
  return { ok: breaks.length === 0, files: files.length, entries, firstSeq, lastSeq, startsAfterPruned, breaks };
}

/** The head against the log's last complete line; reported at that line. */
function checkHead(dir: string, last: SeenLine | null, entries: number): AuditBreak | null {
  const at = last === null ? { file: HEAD_FILE, line: 1, seq: null } : { file: last.file, line: last.line, seq: last.entry?.seq ?? null };
  const broken = (reason: string): AuditBreak => ({ ...at, reason });
  let text: string;
  try {
    text = readFileSync(join(dir, HEAD_FILE), 'utf8');
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') return broken(describeFsError('read', HEAD_FILE, err));
    if (last === null) return null;
    // The wall stopped between its first entry and its first head.
    if (entries === 1 && last.entry?.seq === 1) return null;
    return broken(`the head file ${HEAD_FILE} is missing (the log rewrites it after every entry: it was removed)`);
  }
  let head: Partial<Record<'seq' | 'hash' | 'file', unknown>> | null = null;
  try {
    head = JSON.parse(text) as Partial<Record<'seq' | 'hash' | 'file', unknown>> | null;
  } catch {
    // reported below
  }
  if (typeof head?.seq !== 'number' || typeof head.hash !== 'string' || typeof head.file !== 'string') return broken(`the head file ${HEAD_FILE} is not {"seq","hash","file"} JSON`);
  if (last === null) return broken(`the head file says seq ${head.seq} but the log has no entries (the files were removed)`);
  const lastSeq = last.entry?.seq ?? null;
  if (lastSeq === null || head.seq === lastSeq) {
    if (head.hash !== last.hash) return broken("the head's hash does not match the last line (the last line was changed)");
    if (head.file !== last.file) return broken(`the head names ${head.file} but the last line is in ${last.file}`);
    return null;
  }
  if (head.seq > lastSeq) {
    const removed = head.seq - lastSeq;
    return broken(`the head file says seq ${head.seq} but the log ends at seq ${lastSeq} (${removed === 1 ? 'the last line was removed' : `the last ${removed} lines were removed`})`);
  }
  // The wall stopped (or is) between writing a line and its head: the head is one entry behind.
  if (head.seq === lastSeq - 1 && head.hash === last.entry?.prev) return null;
  return broken(`the head file says seq ${head.seq} but the log ends at seq ${lastSeq} (lines were added or changed after the wall wrote the head)`);
}

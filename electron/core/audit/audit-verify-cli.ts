// npm run audit:verify -- DIR  → checks the wall's audit log in DIR (audit-verify.ts) and prints
// a summary line, then each break on its own line. Exit 0 when the chain is intact, 1 when it is
// broken, 2 for a usage error (no DIR, or DIR is not a folder).
import { statSync } from 'node:fs';
import { verifyAuditDir, type AuditVerdict } from './audit-verify.js';

const USAGE = 'usage: npm run audit:verify -- DIR   (DIR: the audit folder in the wall\'s data folder)';

const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function summary(dir: string, verdict: AuditVerdict): string {
  const range = verdict.firstSeq === null ? '' : ` (seq ${verdict.firstSeq}…${verdict.lastSeq}${verdict.startsAfterPruned ? ', older files deleted by rotation' : ''})`;
  const state = verdict.ok ? 'chain intact' : count(verdict.breaks.length, 'break', 'breaks');
  return `audit log ${dir}: ${count(verdict.files, 'file', 'files')}, ${count(verdict.entries, 'entry', 'entries')}${range}: ${state}`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const args = process.argv.slice(2);
const dir = args[0];
if (args.length !== 1 || dir === undefined || dir.startsWith('-')) {
  console.error(USAGE);
  process.exit(2);
}
if (!isFolder(dir)) {
  console.error(`audit log ${dir}: no such folder\n${USAGE}`);
  process.exit(2);
}
let verdict: AuditVerdict;
try {
  verdict = verifyAuditDir(dir);
} catch (err) {
  console.error(`audit log ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
console.log(summary(dir, verdict));
for (const b of verdict.breaks) console.log(`${b.file} line ${b.line}${b.seq === null ? '' : ` (seq ${b.seq})`}: ${b.reason}`);
process.exitCode = verdict.ok ? 0 : 1;

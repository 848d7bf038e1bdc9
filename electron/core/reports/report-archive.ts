// Where hand-over reports are kept: `<data>/reports`, a PDF and an HTML file per report,
// named so the listing needs no index. Bounded by count and bytes, oldest removed first.
// Written to a temporary name and renamed: a listed file is always complete.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportEntry, ReportReason } from '../../contract/index.js';

/** handover-2026-12-05-night-20261205T070000123Z-end.pdf */
const FILE_NAME = /^handover-(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9._-]{0,63})-(\d{8}T\d{9}Z)-(end|now)\.(pdf|html)$/u;
const REASON_TAG: Readonly<Record<ReportReason, string>> = { 'shift-end': 'end', 'on-demand': 'now' };

export interface ReportArchiveOptions {
  dir: string;
  /** End-of-shift reports kept (default 180: three months of two shifts a day). */
  maxReports?: number;
  /** Reports written on request (H) kept, apart (default 60): pressing H never removes a hand-over. */
  maxOnDemand?: number;
  /** Bytes kept, PDF and HTML together (default 256 MiB). */
  maxBytes?: number;
}

export interface ReportFile {
  path: string;
  contentType: string;
  bytes: number;
}

function stampOf(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-05T07:00:00.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}Z`;
}

function timeOfStamp(stamp: string): number {
  const d = (a: number, b: number) => Number(stamp.slice(a, b));
  return Date.UTC(d(0, 4), d(4, 6) - 1, d(6, 8), d(9, 11), d(11, 13), d(13, 15), d(15, 18));
}

export class ReportArchive {
  readonly dir: string;
  private readonly maxReports: number;
  private readonly maxOnDemand: number;
  private readonly maxBytes: number;

  /** The folder is made when the first report is written: an unwritable data folder never stops the wall. */
  constructor(o: ReportArchiveOptions) {
    this.dir = o.dir;
    this.maxReports = o.maxReports ?? 180;
    this.maxOnDemand = o.maxOnDemand ?? 60;
    this.maxBytes = o.maxBytes ?? 256 * 1024 * 1024;
  }

  /** Keeps one report; returns its entry. Throws when the folder cannot be written. */
  write(meta: { shift: string; writtenAt: number; reason: ReportReason }, pdf: Uint8Array, html: string): ReportEntry {
    const slash = meta.shift.indexOf('/');
    const base = `handover-${meta.shift.slice(0, slash)}-${meta.shift.slice(slash + 1)}-${stampOf(meta.writtenAt)}-${REASON_TAG[meta.reason]}`;
    if (!FILE_NAME.test(`${base}.pdf`)) throw new Error(`a report for shift "${meta.shift}" cannot be named (expected "YYYY-MM-DD/shift-id")`);
    mkdirSync(this.dir, { recursive: true });
    this.removeStaleTemporaries();
    const put = (name: string, data: Uint8Array | string) => {
      const tmp = join(this.dir, `.${name}.tmp`);
      writeFileSync(tmp, data);
      renameSync(tmp, join(this.dir, name));
    };
    // HTML first: a PDF in the folder means its HTML is there too.
    put(`${base}.html`, html);
    put(`${base}.pdf`, pdf);
    this.prune(base, meta.reason);
    return { shift: meta.shift, writtenAt: meta.writtenAt, reason: meta.reason, pdf: `${base}.pdf`, html: `${base}.html`, bytes: pdf.byteLength + Buffer.byteLength(html) };
  }

  /** Every kept report, newest first. */
  list(): ReportEntry[] {
    const byBase = new Map<string, ReportEntry>();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    for (const name of names) {
      const m = FILE_NAME.exec(name);
      if (!m) continue;
      const base = name.slice(0, name.lastIndexOf('.'));
      let bytes = 0;
      try {
        bytes = statSync(join(this.dir, name)).size;
      } catch {
        continue;
      }
      const entry = byBase.get(base) ?? { shift: `${m[1]}/${m[2]}`, writtenAt: timeOfStamp(m[3]!), reason: m[4] === 'end' ? 'shift-end' : 'on-demand', pdf: '', html: '', bytes: 0 };
      if (m[5] === 'pdf') entry.pdf = name;
      else entry.html = name;
      entry.bytes += bytes;
      byBase.set(base, entry);
    }
    // A report is listed once both files are there.
    return [...byBase.values()].filter((e) => e.pdf && e.html).sort((a, b) => b.writtenAt - a.writtenAt || (a.pdf < b.pdf ? 1 : -1));
  }

  /** True when a report of this shift and reason is kept. */
  has(shift: string, reason: ReportReason): boolean {
    return this.list().some((e) => e.shift === shift && e.reason === reason);
  }

  /** A kept report file by its exact name; null for anything else (no paths, no other files). */
  file(name: string): ReportFile | null {
    const m = FILE_NAME.exec(name);
    if (!m) return null;
    try {
      const path = join(this.dir, name);
      const st = statSync(path);
      if (!st.isFile()) return null;
      return { path, contentType: m[5] === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8', bytes: st.size };
    } catch {
      return null;
    }
  }

  /**
   * Oldest reports removed past each kind's count, then past the byte bound (on-demand ones
   * first). The report just written stays whatever its time stamp (a clock set back).
   */
  private prune(keep: string, keptReason: ReportReason): void {
    const listed = this.list();
    const all = listed.filter((e) => !e.pdf.startsWith(`${keep}.`));
    const drop = new Set<ReportEntry>();
    // The one just written counts against its own kind.
    const overCount = (reason: ReportReason, max: number) => all.filter((e) => e.reason === reason).slice(Math.max(0, reason === keptReason ? max - 1 : max));
    for (const e of overCount('shift-end', this.maxReports)) drop.add(e);
    for (const e of overCount('on-demand', this.maxOnDemand)) drop.add(e);
    let bytes = listed.reduce((n, e) => n + e.bytes, 0) - [...drop].reduce((n, e) => n + e.bytes, 0);
    // Oldest first: on-demand reports before hand-overs.
    const byAge = [...all].reverse();
    for (const e of [...byAge.filter((x) => x.reason === 'on-demand'), ...byAge.filter((x) => x.reason === 'shift-end')]) {
      if (bytes <= this.maxBytes) break;
      if (drop.has(e)) continue;
      drop.add(e);
      bytes -= e.bytes;
    }
    for (const e of drop) {
      rmSync(join(this.dir, e.pdf), { force: true });
      rmSync(join(this.dir, e.html), { force: true });
    }
  }

  /** Temporary files a crash left behind (one process writes here, one report at a time). */
  private removeStaleTemporaries(): void {
    for (const name of readdirSync(this.dir)) if (name.startsWith('.handover-') && name.endsWith('.tmp')) rmSync(join(this.dir, name), { force: true });
  }
}

// Writes hand-over reports: at each shift boundary of the roster (the shift that ended), on
// the shift lead's `H` (the shift so far), and at start for a shift that ended while the wall
// was down. One report at a time; each one audited.
import type { ReportEntry, ReportReason } from '../../contract/index.js';
import { wallClockText } from '../aggregate/calendar.js';
import type { WallLog } from '../log/wall-log.js';
import { buildHandoverReport, type HandoverInputs, type HandoverReport } from './handover-report.js';
import type { ReportArchive } from './report-archive.js';
import type { ShiftWindow } from './shift-tally.js';

/** setTimeout's longest wait; a later boundary is re-armed after it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface HandoverServiceOptions {
  archive: ReportArchive;
  /** What the report is made of, for this shift, gathered now. */
  collect: (reason: ReportReason, window: ShiftWindow, now: number) => HandoverInputs;
  /** The shift of an instant (the roster's, or the calendar day without one). */
  windowAt: (at: number) => ShiftWindow;
  /** The shifts the wall kept a tally of (it saw them), for the reports missed while it was down. */
  keptShifts: () => readonly ShiftWindow[];
  now?: () => number;
  audit?: (action: string, fields: Readonly<Record<string, unknown>>) => void;
  log?: WallLog;
}

export type ReportOutcome = { ok: true; entry: ReportEntry } | { ok: false; reason: string };

/**
 * Renders one report: the same layout as PDF and as HTML. The renderers (pdfkit, fontkit,
 * ECharts: about 3 MB of code) load with the first report, not with the wall.
 */
export async function renderReport(report: HandoverReport): Promise<{ pdf: Buffer; html: string; title: string }> {
  const [{ layoutReport }, { renderReportPdf }, { renderReportHtml }] = await Promise.all([import('./report-sections.js'), import('./report-pdf.js'), import('./report-html.js')]);
  const layout = layoutReport(report);
  const pdf = await renderReportPdf(layout, { title: layout.title, lang: report.language, writtenAt: new Date(report.generatedAt) });
  return { pdf, html: renderReportHtml(layout, report.language), title: layout.title };
}

export class HandoverService {
  private readonly o: HandoverServiceOptions;
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Reports are written one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** The shift whose end the timer waits for. */
  private armed: ShiftWindow | null = null;
  /** Shifts whose end-of-shift report is written or queued (the archive is asked too). */
  private readonly endReports = new Set<string>();
  private onDemand: Promise<ReportOutcome> | null = null;

  constructor(o: HandoverServiceOptions) {
    this.o = o;
    this.now = o.now ?? Date.now;
  }

  /** Arms the boundary timer and writes the reports of the shifts that ended while the wall was down. */
  start(): void {
    this.catchUp(this.now());
    this.arm();
  }

  /** The roster changed: the next boundary may have moved, and the shift on duty may have ended. */
  rearm(): void {
    const now = this.now();
    const previous = this.o.windowAt(this.o.windowAt(now).start - 1);
    // Under the new roster a shift ended while the wall was in the one it had armed: report it.
    if (this.armed && previous.end > this.armed.start && previous.end <= now) this.queueEnd(previous, 'roster-change');
    this.arm();
  }

  /** `H`: the current shift so far. Presses while one is being written get that one. */
  writeNow(client: string): Promise<ReportOutcome> {
    if (this.onDemand) return this.onDemand;
    const run = this.enqueue('on-demand', this.o.windowAt(this.now()), client);
    this.onDemand = run;
    void run.finally(() => {
      if (this.onDemand === run) this.onDemand = null;
    });
    return run;
  }

  /** Resolves once the reports asked for so far are written (or failed). */
  async idle(): Promise<void> {
    await this.queue;
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.queue;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const now = this.now();
    const current = this.o.windowAt(now);
    this.armed = current;
    this.timer = setTimeout(() => {
      this.timer = null;
      const at = this.now();
      // The clock may have been set back while waiting: only a boundary really passed counts.
      if (at >= current.end) this.queueEnd(current, 'shift-boundary');
      this.catchUp(at);
      this.arm();
    }, Math.min(MAX_TIMER_MS, Math.max(0, current.end - now)));
    this.timer.unref?.();
  }

  /** Every kept shift that has ended and has no end-of-shift report yet (the wall saw it: it has a tally). */
  private catchUp(now: number): void {
    for (const w of this.o.keptShifts()) if (w.end <= now) this.queueEnd(w, 'catch-up');
  }

  /** One end-of-shift report per shift, whatever asks for it (boundary, catch-up, a clock set back). */
  private queueEnd(window: ShiftWindow, client: string): void {
    if (this.endReports.has(window.key)) return;
    // Remembered either way: the archive is read once per shift, not at every boundary's catch-up.
    const written = this.o.archive.has(window.key, 'shift-end');
    this.endReports.add(window.key);
    // Bounded: the archive answers for the older ones.
    if (this.endReports.size > 64) this.endReports.delete(this.endReports.values().next().value!);
    if (written) return;
    void this.enqueue('shift-end', window, client).then((outcome) => {
      // A failed one may be tried again at the next boundary.
      if (!outcome.ok) this.endReports.delete(window.key);
    });
  }

  private enqueue(reason: ReportReason, window: ShiftWindow, client: string): Promise<ReportOutcome> {
    const run = this.queue.then(() => this.write(reason, window, client));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(reason: ReportReason, window: ShiftWindow, client: string): Promise<ReportOutcome> {
    const now = this.now();
    try {
      const report = buildHandoverReport(this.o.collect(reason, window, now));
      const { pdf, html } = await renderReport(report);
      const entry = this.o.archive.write({ shift: window.key, writtenAt: now, reason }, pdf, html);
      this.o.audit?.('report-written', { shift: window.key, reason, client, pdf: entry.pdf, bytes: entry.bytes });
      this.o.log?.('info', `hand-over report for ${window.key} (${wallClockText(report.period.start)} → ${wallClockText(report.period.end)}) written: ${entry.pdf}`);
      return { ok: true, entry };
    } catch (err) {
      const message = (err as Error).message;
      this.o.audit?.('report-failed', { shift: window.key, reason, client, error: message.slice(0, 200) });
      this.o.log?.('error', `hand-over report for ${window.key} not written: ${message}`);
      return { ok: false, reason: message };
    }
  }
}

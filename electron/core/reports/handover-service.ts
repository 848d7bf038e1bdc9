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

  constructor(o: HandoverServiceOptions) {
    this.o = o;
    this.now = o.now ?? Date.now;
  }

  /** Arms the boundary timer and writes the report of a shift that ended while the wall was down. */
  start(): void {
    const now = this.now();
    const previous = this.o.windowAt(this.o.windowAt(now).start - 1);
    const inputs = this.o.collect('shift-end', previous, now);
    // Only a shift the wall saw (it kept its tally), and only once.
    if (inputs.tallies.some((t) => t.key === previous.key) && !this.o.archive.has(previous.key, 'shift-end')) {
      void this.enqueue('shift-end', previous, 'catch-up');
    }
    this.arm();
  }

  /** The roster changed: the next boundary may have moved. */
  rearm(): void {
    this.arm();
  }

  /** `H`: the current shift so far. */
  writeNow(client: string): Promise<ReportOutcome> {
    const now = this.now();
    return this.enqueue('on-demand', this.o.windowAt(now), client);
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
    this.timer = setTimeout(() => {
      this.timer = null;
      // The clock may have been set back while waiting: only a boundary really passed counts.
      if (this.now() >= current.end) void this.enqueue('shift-end', current, 'shift-boundary');
      this.arm();
    }, Math.min(MAX_TIMER_MS, Math.max(0, current.end - now)));
    this.timer.unref?.();
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

// Hand-over reports as the browser host lists them (`GET /api/reports`, read right); each
// file is served at `/api/reports/{file}`.

export type ReportReason = 'shift-end' | 'on-demand';

export interface ReportEntry {
  /** The shift instance ("2026-12-05/night", or "2026-12-05/day" without a roster). */
  shift: string;
  writtenAt: number;
  reason: ReportReason;
  /** File names of the PDF and the HTML (same content). */
  pdf: string;
  html: string;
  bytes: number;
}

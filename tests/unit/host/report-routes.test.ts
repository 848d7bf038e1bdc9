// The report routes serve a kept report by its exact name and nothing else: no traversal,
// encoded slashes, dot segments, NUL or newline, bad percent-encoding; the HTML under its
// own policy; without a data folder a plain 404 that says why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportAnswer } from '../../../electron/core/host/report-routes.js';
import { ReportArchive } from '../../../electron/core/reports/report-archive.js';

const T0 = Date.parse('2026-12-02T09:00:00Z');

describe('report routes', () => {
  it('lists, serves by exact name, and refuses every other path', async () => {
    const a = new ReportArchive({ dir: mkdtempSync(join(tmpdir(), 'socwall-routes-')) });
    const e = a.write({ shift: '2026-12-02/day', writtenAt: T0, reason: 'shift-end' }, Buffer.from('%PDF-1.7'), '<p>x</p>');
    const reports = { list: () => a.list(), file: (n: string) => a.file(n) };
    const listing = await reportAnswer(reports, '/api/reports');
    expect(listing.status).toBe(200);
    expect(JSON.parse(String(listing.body))).toEqual({ reports: [e] });
    const pdf = await reportAnswer(reports, `/api/reports/${e.pdf}`);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf', headers: { 'Content-Disposition': `inline; filename="${e.pdf}"` } });
    expect(String(pdf.body)).toBe('%PDF-1.7');
    const html = await reportAnswer(reports, `/api/reports/${e.html}`);
    expect(html.headers?.['Content-Security-Policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    for (const p of [`/api/reports/..%2f${e.pdf}`, '/api/reports/%2e%2e%2F%2e%2e%2fetc%2fpasswd', `/api/reports/${encodeURIComponent(`../${e.pdf}`)}`, '/api/reports/%E0%A4%A', `/api/reports/${e.pdf}%00`, `/api/reports/${e.pdf}%0a`, `/api/reports/sub%5c${e.pdf}`, '/api/reports/']) {
      expect((await reportAnswer(reports, p)).status, p).toBe(404);
    }
  });

  it('without a data folder, says that reports need one', async () => {
    expect(await reportAnswer(null, '/api/reports')).toMatchObject({ status: 404, body: expect.stringContaining('--data-dir') });
  });
});

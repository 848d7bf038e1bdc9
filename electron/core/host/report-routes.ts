// The hand-over reports over HTTP (read right): `GET /api/reports` lists them, newest first;
// `GET /api/reports/{file}` serves one PDF or HTML by its exact name. The HTML is served with
// its own policy: no script, nothing fetched.
import { readFile } from 'node:fs/promises';
import { REPORT_HTML_CSP } from '../reports/report-html.js';
import type { WallCoreHandle } from '../wall-core-api.js';

export const REPORTS_PATH = '/api/reports';

export interface RouteAnswer {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** True for the paths this module answers. */
export function isReportPath(pathname: string): boolean {
  return pathname === REPORTS_PATH || pathname.startsWith(`${REPORTS_PATH}/`);
}

export async function reportAnswer(reports: WallCoreHandle['reports'], pathname: string): Promise<RouteAnswer> {
  if (reports === null) return { status: 404, type: 'text/plain', body: 'Hand-over reports are kept only with a data folder (--data-dir).\n' };
  if (pathname === REPORTS_PATH) return { status: 200, type: 'application/json', body: JSON.stringify({ reports: reports.list() }) };
  const name = decodeURIComponentSafe(pathname.slice(REPORTS_PATH.length + 1));
  const file = name === null ? null : reports.file(name);
  if (file === null || name === null) return { status: 404, type: 'text/plain', body: 'No such report: see /api/reports for the kept ones.\n' };
  let body: Buffer;
  try {
    body = await readFile(file.path);
  } catch {
    // Removed by retention between the listing and the request.
    return { status: 404, type: 'text/plain', body: 'That report is no longer kept.\n' };
  }
  return {
    status: 200,
    type: file.contentType,
    body,
    headers: { 'Content-Disposition': `inline; filename="${name}"`, ...(file.contentType.startsWith('text/html') ? { 'Content-Security-Policy': REPORT_HTML_CSP } : {}) },
  };
}

function decodeURIComponentSafe(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

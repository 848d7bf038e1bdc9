// The report as one self-contained HTML page (inline style and charts, no script, nothing
// fetched). Every text is escaped: signatures and addresses come from the wire.
import type { Cell, ReportLayout, Section } from './report-sections.js';
import { REPORT_FONT_FAMILY } from './report-charts.js';
import { fill } from './report-texts.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

/** The policy the page carries itself (opened from disk) and the host sends with it. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font-family: '${REPORT_FONT_FAMILY}', 'DejaVu Sans', sans-serif; color: #1a1a1a; background: #fff; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0; } .sub { color: #444; margin: .2rem 0 1.5rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #1f3a93; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid #d0d5da; vertical-align: top; }
th { background: #eef1f4; } td.r, th.r { text-align: right; } strong { font-weight: 700; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; } dt { font-weight: 600; }
.more, .empty { color: #444; font-style: italic; margin: .3rem 0; }
figure { margin: .6rem 0; } figure svg { width: 100%; height: auto; }
`;

export function renderReportHtml(layout: ReportLayout, lang: string): string {
  const body = layout.sections.map(section).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(layout.title)}</h1>
<p class="sub">${escapeHtml(layout.subtitle)}</p>
${body}
</body>
</html>
`;

  function section(s: Section, i: number): string {
    // The first section's title is the page's own heading.
    const head = i === 0 ? '' : `<h2>${escapeHtml(s.title)}</h2>\n`;
    switch (s.kind) {
      case 'facts':
        return `${head}<dl>${s.items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
      case 'chart':
        return `${s.title ? head : ''}<figure>${s.svg}</figure>`;
      case 'table': {
        if (s.rows.length === 0) return `${head}<p class="empty">${escapeHtml(s.empty)}</p>`;
        const cls = (align: string | undefined) => (align === 'right' ? ' class="r"' : '');
        const th = s.columns.map((c) => `<th${cls(c.align)}>${escapeHtml(c.label)}</th>`).join('');
        const rows = s.rows.map((r) => `<tr>${r.map((c, k) => `<td${cls(s.columns[k]?.align)}>${cell(c)}</td>`).join('')}</tr>`).join('\n');
        const more = s.more > 0 ? `<p class="more">${escapeHtml(fill(layout.texts.more, { n: s.more }))}</p>` : '';
        return `${head}<table><thead><tr>${th}</tr></thead><tbody>\n${rows}\n</tbody></table>${more}`;
      }
    }
  }
}

function cell(c: Cell): string {
  const text = escapeHtml(c.text);
  return c.strong ? `<strong>${text}</strong>` : text;
}

// The report as a PDF (pdfkit): A4, Be Vietnam Pro embedded (subset) so Vietnamese reads the
// same on any machine, charts as vectors from the same SVG as the HTML. Tables repeat their
// header on a new page; pages are numbered.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Cell, Column, ReportLayout, Section } from './report-sections.js';
import { CHART_WIDTH } from './report-sections.js';
import { fill } from './report-texts.js';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  body: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
} as const;
let fonts: { body: Buffer; bold: Buffer } | null = null;

/** The fonts, read once (about 200 KB each; pdfkit embeds only the glyphs used). */
function reportFonts(): { body: Buffer; bold: Buffer } {
  fonts ??= { body: readFileSync(require.resolve(FONT_FILES.body)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fonts;
}

const MARGIN = { top: 48, bottom: 56, left: 40, right: 40 };
const INK = '#1a1a1a';
const RULE = '#c0c6cc';
const HEAD_FILL = '#eef1f4';

export interface PdfMeta {
  title: string;
  lang: string;
  writtenAt: Date;
}

/** Rows drawn between two yields to the event loop (a row costs about 1 ms to lay out). */
const ROWS_PER_SLICE = 12;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Draws the PDF in slices, yielding to the event loop between them: the main process keeps
 * its frames and MQTT going while a long report (seconds of layout at every bound) is drawn.
 */
export async function renderReportPdf(layout: ReportLayout, meta: PdfMeta): Promise<Buffer> {
  const f = reportFonts();
  const doc = new PDFDocument({
    // Landscape: the alarm tables need the width more than the page needs the height.
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    bufferPages: true,
    // The font option spares pdfkit loading its Helvetica metrics at all.
    font: f.body as unknown as string, // pdfkit accepts a font buffer here; its types say string
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: 'SOC Wall', Subject: layout.subtitle, CreationDate: meta.writtenAt },
  });
  doc.registerFont('body', f.body);
  doc.registerFont('bold', f.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.font('bold').fontSize(18).fillColor(INK).text(layout.title, left, MARGIN.top, { width });
  doc.font('body').fontSize(10).fillColor('#333').text(layout.subtitle, { width });
  doc.moveDown(0.8);

  for (const [i, s] of layout.sections.entries()) {
    await drawSection(s, i);
    await yieldToLoop();
  }

  // Page numbers, once every page exists (the footer sits in the bottom margin).
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(9).fillColor('#333').text(fill(layout.texts.page, { n: p + 1, m: range.count }), left, doc.page.height - MARGIN.bottom + 20, { width, align: 'right', lineBreak: false });
    doc.text(layout.title, left, doc.page.height - MARGIN.bottom + 20, { width: width * 0.7, lineBreak: false, ellipsis: true });
    doc.page.margins.bottom = keep;
  }
  doc.end();
  return done;

  /** A heading with room below it for `after` points of what it heads (never alone at a page's foot). */
  function heading(title: string, after = 30): void {
    ensure(30 + after);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(13).fillColor(INK).text(title, left, doc.y, { width });
    const y = doc.y + 1;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1.5).strokeColor('#1f3a93').stroke();
    doc.y = y + 5;
  }

  async function drawSection(s: Section, i: number): Promise<void> {
    switch (s.kind) {
      case 'facts': {
        if (i > 0) heading(s.title);
        const labelW = 150;
        for (const [k, v] of s.items) {
          doc.font('body').fontSize(10);
          const h = Math.max(doc.heightOfString(v, { width: width - labelW }), 12);
          ensure(h + 2);
          const y = doc.y;
          if (k) doc.font('bold').text(k, left, y, { width: labelW - 8 });
          doc.font('body').text(v, k ? left + labelW : left, y, { width: k ? width - labelW : width });
          doc.y = y + h + 2;
        }
        return;
      }
      case 'chart':
        if (s.title) heading(s.title, s.height + 8);
        ensure(s.height + 8);
        SVGtoPDF(doc, s.svg, left + (width - CHART_WIDTH) / 2, doc.y + 4, {
          width: s.width,
          height: s.height,
          assumePt: true,
          fontCallback: (_family, bold) => (bold ? 'bold' : 'body'),
        });
        doc.x = left;
        doc.y += s.height + 8;
        return;
      case 'table':
        // The heading, the table's header and its first row stay together.
        heading(s.title, 60);
        if (s.rows.length === 0) {
          doc.font('body').fontSize(10).fillColor('#333').text(s.empty, left, doc.y, { width });
          return;
        }
        await drawTable(s.columns, s.rows, s.more);
        return;
    }
  }

  async function drawTable(columns: Column[], rows: Cell[][], more: number): Promise<void> {
    const pad = 3;
    const xs: number[] = [];
    let x = left;
    for (const c of columns) {
      xs.push(x);
      x += c.width * width;
    }
    const cellW = (k: number) => columns[k]!.width * width - 2 * pad;
    const rowHeight = (cells: { text: string; bold: boolean }[]) =>
      Math.max(...cells.map((c, k) => doc.font(c.bold ? 'bold' : 'body').fontSize(9).heightOfString(c.text || ' ', { width: cellW(k) }))) + 2 * pad;
    // Each row is measured once (a layout costs as much as drawing it).
    const drawRow = (cells: { text: string; bold: boolean }[], shade: boolean, h: number) => {
      const y = doc.y;
      if (shade) doc.rect(left, y, width, h).fill(HEAD_FILL);
      cells.forEach((c, k) => {
        doc.font(c.bold ? 'bold' : 'body').fontSize(9).fillColor(INK).text(c.text, xs[k]! + pad, y + pad, { width: cellW(k), align: columns[k]!.align ?? 'left' });
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.5).strokeColor(RULE).stroke();
      doc.x = left;
      doc.y = y + h;
    };
    const header = columns.map((c) => ({ text: c.label, bold: true }));
    const headerH = rowHeight(header);
    ensure(headerH * 2);
    drawRow(header, true, headerH);
    for (const [n, r] of rows.entries()) {
      if (n > 0 && n % ROWS_PER_SLICE === 0) await yieldToLoop();
      const cells = r.map((c) => ({ text: c.text, bold: c.strong === true }));
      const h = rowHeight(cells);
      if (doc.y + h > bottom()) {
        doc.addPage();
        drawRow(header, true, headerH);
      }
      drawRow(cells, false, h);
    }
    if (more > 0) doc.font('body').fontSize(9).fillColor('#333').text(fill(layout.texts.more, { n: more }), left, doc.y + 2, { width });
  }
}

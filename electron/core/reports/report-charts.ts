// The report's charts, drawn by ECharts on the server side: SVG strings without a DOM, the
// same drawing for the PDF (svg-to-pdfkit) and the HTML (inline). Only the wall's own labels
// and numbers go into a chart; nothing from the wire.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { AlarmPriority } from '../../contract/index.js';
import { ALARM_PRIORITIES } from '../../contract/index.js';
import { CATEGORY_NAMES, PRIORITY_NAMES } from '../../contract/common/taxonomy-names.js';
import { wallClockText } from '../aggregate/calendar.js';
import type { HandoverReport } from './handover-report.js';
import type { ReportTexts } from './report-texts.js';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export const REPORT_FONT_FAMILY = 'Be Vietnam Pro';
/** In the HTML the charts fall back as the page does (the PDF maps every family to its embedded font). */
const CHART_FONTS = `'${REPORT_FONT_FAMILY}', 'DejaVu Sans', sans-serif`;
/** Print colours: dark on white (the report is read on paper and on a desk screen). */
const INK = '#1a1a1a';
const SERIES_SHADES = ['#1f3a93', '#7f8c9a', '#c5ccd3'];
export const PRIORITY_COLOURS: Readonly<Record<AlarmPriority, string>> = { critical: '#b00020', high: '#c25e00', medium: '#8a6d00', low: '#4a5a6a' };

export interface ChartSize {
  width: number;
  height: number;
}

function render(option: echarts.EChartsCoreOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONTS, color: INK }, ...option });
    return chart.renderToSVGString();
  } finally {
    // An undisposed SSR chart keeps zrender's frame loop alive.
    chart.dispose();
  }
}

/** Events per category: this shift against the shift before and the same shift a day before. */
export function eventsChart(r: HandoverReport, t: ReportTexts, size: ChartSize): string {
  const names = CATEGORY_NAMES[r.language];
  const rows = [...r.events].reverse();
  const series = [
    { name: t.thisShift, data: rows.map((e) => e.count) },
    ...(r.totals.previous === null ? [] : [{ name: t.previousShift, data: rows.map((e) => e.previous ?? 0) }]),
    ...(r.totals.dayBefore === null ? [] : [{ name: t.dayBefore, data: rows.map((e) => e.dayBefore ?? 0) }]),
  ];
  return render(
    {
      legend: { top: 0, textStyle: { fontSize: 11, color: INK } },
      grid: { left: 8, right: 48, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', axisLabel: { fontSize: 10, color: INK }, splitLine: { lineStyle: { color: '#dde1e5' } } },
      yAxis: { type: 'category', data: rows.map((e) => names[e.category]), axisLabel: { fontSize: 11, color: INK } },
      series: series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        itemStyle: { color: SERIES_SHADES[i] },
        // Zeros unlabelled: a column of "0"s hides the figures that matter.
        label: { show: true, position: 'right', fontSize: 9, color: INK, formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') },
        barGap: '10%',
      })),
    },
    size,
  );
}

/** Alarms raised per hour of the shift, stacked by priority (a legend names each colour). */
export function alarmsByHourChart(r: HandoverReport, size: ChartSize): string {
  const names = PRIORITY_NAMES[r.language];
  return render(
    {
      legend: { top: 0, textStyle: { fontSize: 11, color: INK } },
      grid: { left: 8, right: 8, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: r.alarmsByHour.map((h) => wallClockText(h.hourStart).slice(11, 13) + 'h'), axisLabel: { fontSize: 10, color: INK } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10, color: INK }, splitLine: { lineStyle: { color: '#dde1e5' } } },
      series: ALARM_PRIORITIES.map((p) => ({
        type: 'bar',
        stack: 'alarms',
        name: names[p],
        data: r.alarmsByHour.map((h) => h.counts[p]),
        itemStyle: { color: PRIORITY_COLOURS[p] },
      })),
    },
    size,
  );
}

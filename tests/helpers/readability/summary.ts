// Aggregation of page audits into the audit's verdict: thresholds of issue 7, one summary row
// per profile × preset × state × language, the worst offenders and a printable table.
// Pure functions (unit-tested in tests/unit/readability/).
import type { AuditContext, AuditedText, PageAudit } from './audit.js';
import { percent } from './stats.js';

export const THRESHOLDS = {
  /** Cap height of every operational text, degrees of visual angle. */
  operationalDeg: 0.2,
  /** Cap height of key figures and alarm/incident text. */
  keyDeg: 0.3,
  /** WCAG AAA for text. */
  contrast: 7,
  /** Legal/attribution lines may be smaller, but at most this share of text nodes. */
  legalMaxPercent: 3,
  /** Font sizes closer than this (CSS px) count as equal when comparing the languages. */
  languageTolerancePx: 0.05,
} as const;

/** The angle a text must reach, by its class (legal lines have none). */
export function requiredAngle(t: Pick<AuditedText, 'readClass'>): number | null {
  return t.readClass === 'key' ? THRESHOLDS.keyDeg : t.readClass === 'legal' ? null : THRESHOLDS.operationalDeg;
}

export const tooSmall = (t: AuditedText): boolean => {
  const need = requiredAngle(t);
  return need !== null && t.angleDeg < need;
};
export const lowContrast = (t: AuditedText): boolean => Number.isFinite(t.contrast) && t.contrast < THRESHOLDS.contrast;

export interface LanguageOffence {
  screen: string;
  role: string;
  viPx: number;
  enPx: number;
}

/** Roles (same element) whose Vietnamese text is smaller than the English one, per screen. */
export function languageOffences(vi: readonly PageAudit[], en: readonly PageAudit[]): LanguageOffence[] {
  const minSize = (texts: readonly AuditedText[]) => {
    const m = new Map<string, number>();
    for (const t of texts) m.set(t.role, Math.min(m.get(t.role) ?? Infinity, t.fontSizePx));
    return m;
  };
  const out: LanguageOffence[] = [];
  for (const v of vi) {
    const e = en.find((p) => p.context.screen === v.context.screen);
    if (!e) continue;
    const enSizes = minSize(e.texts);
    for (const [role, viPx] of minSize(v.texts)) {
      const enPx = enSizes.get(role);
      if (enPx !== undefined && viPx < enPx - THRESHOLDS.languageTolerancePx) out.push({ screen: v.context.screen, role, viPx, enPx });
    }
  }
  return out;
}

export interface SummaryRow {
  profile: string;
  preset: string;
  state: string;
  language: string;
  screens: number;
  texts: number;
  /** Share of all texts below 0.2° and below 0.3° (the "before" figures). */
  below02Percent: number;
  below03Percent: number;
  keyTexts: number;
  /** Share of key texts below 0.3°; null when the page marks no key text. */
  keyBelow03Percent: number | null;
  /** Operational (non-legal, non-key) texts below 0.2°. */
  operationalBelow02: number;
  belowContrastPercent: number;
  minContrast: number;
  clipped: number;
  /** Texts another element lies over. */
  covered: number;
  /** Texts that run out of their box or over another text. */
  overflowing: number;
  /** Texts not drawn from a bundled face (a fallback glyph, a weight without its face). */
  fontFaults: number;
  legalPercent: number;
  /** Elements smaller in Vietnamese than in English (same preset and state). */
  viSmallerThanEn: number;
}

export const rowKey = (c: Pick<AuditContext, 'profile' | 'preset' | 'state' | 'language'>) => `${c.profile}|${c.preset}|${c.state}|${c.language}`;

/** One row per profile × preset × state × language over every screen of the profile. */
export function summaryRows(pages: readonly PageAudit[], offences: ReadonlyMap<string, number> = new Map()): SummaryRow[] {
  const groups = new Map<string, PageAudit[]>();
  for (const p of pages) {
    const k = rowKey(p.context);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  return [...groups.entries()].map(([k, group]) => {
    const c = group[0]!.context;
    const texts = group.flatMap((p) => p.texts);
    const key = texts.filter((t) => t.readClass === 'key');
    const contrasts = texts.map((t) => t.contrast).filter(Number.isFinite);
    return {
      profile: c.profile,
      preset: c.preset,
      state: c.state,
      language: c.language,
      screens: group.length,
      texts: texts.length,
      below02Percent: percent(texts.filter((t) => t.angleDeg < THRESHOLDS.operationalDeg).length, texts.length),
      below03Percent: percent(texts.filter((t) => t.angleDeg < THRESHOLDS.keyDeg).length, texts.length),
      keyTexts: key.length,
      keyBelow03Percent: key.length ? percent(key.filter((t) => t.angleDeg < THRESHOLDS.keyDeg).length, key.length) : null,
      operationalBelow02: texts.filter((t) => t.readClass === 'operational' && t.angleDeg < THRESHOLDS.operationalDeg).length,
      belowContrastPercent: percent(texts.filter(lowContrast).length, texts.length),
      minContrast: contrasts.length ? Math.min(...contrasts) : Number.NaN,
      clipped: group.reduce((a, p) => a + p.clipped.length, 0),
      covered: group.reduce((a, p) => a + p.covered.length, 0),
      overflowing: group.reduce((a, p) => a + p.overflowing.length, 0),
      fontFaults: group.reduce((a, p) => a + p.fontFaults.length, 0),
      legalPercent: percent(texts.filter((t) => t.readClass === 'legal').length, texts.length),
      viSmallerThanEn: offences.get(k) ?? 0,
    };
  });
}

/** Why a row fails the audit (empty: it passes). A preset may have no key text (a map); a profile may not, see `profileFailures`. */
export function rowFailures(row: SummaryRow): string[] {
  const out: string[] = [];
  const where = `${row.profile} preset ${row.preset} ${row.state} ${row.language}`;
  if (row.texts === 0) out.push(`${where}: no visible text measured`);
  if (row.operationalBelow02 > 0) out.push(`${where}: ${row.operationalBelow02} operational texts below ${THRESHOLDS.operationalDeg}°`);
  if ((row.keyBelow03Percent ?? 0) > 0) out.push(`${where}: ${row.keyBelow03Percent?.toFixed(1)} % of key texts below ${THRESHOLDS.keyDeg}°`);
  if (row.belowContrastPercent > 0) out.push(`${where}: ${row.belowContrastPercent.toFixed(1)} % of texts below ${THRESHOLDS.contrast}:1 (worst ${row.minContrast.toFixed(2)}:1)`);
  if (row.clipped > 0) out.push(`${where}: ${row.clipped} clipped texts`);
  if (row.covered > 0) out.push(`${where}: ${row.covered} texts covered by another element`);
  if (row.overflowing > 0) out.push(`${where}: ${row.overflowing} texts run out of their box or over another text`);
  if (row.fontFaults > 0) out.push(`${where}: ${row.fontFaults} texts not in a bundled face`);
  if (row.legalPercent > THRESHOLDS.legalMaxPercent) out.push(`${where}: legal lines are ${row.legalPercent.toFixed(1)} % of texts (max ${THRESHOLDS.legalMaxPercent} %)`);
  if (row.viSmallerThanEn > 0) out.push(`${where}: ${row.viSmallerThanEn} elements smaller in Vietnamese than in English`);
  return out;
}

/** A profile whose pages mark no key text at all in some state and language: the data-read hooks are missing. */
export function profileFailures(rows: readonly SummaryRow[]): string[] {
  const keyed = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.profile} ${r.state} ${r.language}`;
    keyed.set(k, (keyed.get(k) ?? 0) + r.keyTexts);
  }
  return [...keyed.entries()].filter(([, n]) => n === 0).map(([k]) => `${k}: no text marked data-read="key" on any preset (key figures cannot be checked)`);
}

export interface Offender {
  where: string;
  text: string;
  readClass: string;
  fontSizePx: number;
  capPx: number;
  angleDeg: number;
  contrast: number;
  selector: string;
  /** How far below its worst threshold (1 = at it; smaller is worse). */
  score: number;
}

/** The worst texts over all pages (each text once per kind of element, at its worst). */
export function worstOffenders(pages: readonly PageAudit[], n = 10): Offender[] {
  const best = new Map<string, Offender>();
  for (const p of pages) {
    for (const t of p.texts) {
      if (!tooSmall(t) && !lowContrast(t)) continue;
      const need = requiredAngle(t);
      const sizeScore = need === null ? Infinity : t.angleDeg / need;
      const contrastScore = Number.isFinite(t.contrast) ? t.contrast / THRESHOLDS.contrast : Infinity;
      const score = Math.min(sizeScore, contrastScore);
      // Rows of one list are one offender: the element without its position among siblings.
      const id = `${t.selector.replace(/:nth-of-type\(\d+\)/gu, '')}|${t.text}`;
      const prev = best.get(id);
      if (prev && prev.score <= score) continue;
      const c = p.context;
      best.set(id, {
        where: `${c.profile}/${c.screen} p${c.preset} ${c.state} ${c.language}`,
        text: t.text,
        readClass: t.readClass,
        fontSizePx: t.fontSizePx,
        capPx: t.capPx,
        angleDeg: t.angleDeg,
        contrast: t.contrast,
        selector: t.selector,
        score,
      });
    }
  }
  return [...best.values()].sort((a, b) => a.score - b.score).slice(0, n);
}

const fmt = (v: number | null, digits = 1) => (v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits));

/** Fixed-width text table of the rows. */
export function formatTable(rows: readonly SummaryRow[]): string {
  const head = ['profile', 'preset', 'state', 'lang', 'texts', '<0.2°%', '<0.3°%', 'key', 'key<0.3°%', '<7:1%', 'min c', 'clipped', 'covered', 'spill', 'font', 'legal%', 'vi<en'];
  const body = rows.map((r) => [
    r.profile,
    r.preset,
    r.state,
    r.language,
    String(r.texts),
    fmt(r.below02Percent),
    fmt(r.below03Percent),
    String(r.keyTexts),
    fmt(r.keyBelow03Percent),
    fmt(r.belowContrastPercent),
    fmt(r.minContrast, 2),
    String(r.clipped),
    String(r.covered),
    String(r.overflowing),
    String(r.fontFaults),
    fmt(r.legalPercent),
    String(r.viSmallerThanEn),
  ]);
  return table(head, body);
}

export function formatOffenders(offenders: readonly Offender[]): string {
  const head = ['text', 'class', 'size px', 'cap px', 'angle°', 'contrast', 'where', 'selector'];
  const body = offenders.map((o) => [o.text.slice(0, 40), o.readClass, fmt(o.fontSizePx), fmt(o.capPx), fmt(o.angleDeg, 3), fmt(o.contrast, 2), o.where, o.selector.slice(-70)]);
  return table(head, body);
}

function table(head: readonly string[], body: readonly string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - [...c].length))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

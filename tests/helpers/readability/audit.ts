// From what the probe measured on one page (and the page's text-less screenshot) to audited
// texts: visual angle at the profile's geometry, contrast against the real background.
import { backgroundBehindInk, canvasBackground, contrastOverPixels, drawnTextColor } from './background.js';
import { contrastRatio, compositeOver } from './color.js';
import { capAngleDeg, type ScreenGeometry } from './geometry.js';
import type { RgbaImage } from './png.js';
import type { ProbedClip, ProbedCover, ProbedFontFault, ProbedOverflow, ProbeResult, ReadClass, TextKind } from './types.js';

/** 'first-run': connected, no sensor has ever reported (a wall on its first day: every site unknown, every count 0). */
export type WallCondition = 'first-run' | 'live' | 'link-down' | 'outage';

/** Which page an audit is of. */
export interface AuditContext {
  profile: string;
  preset: string;
  state: WallCondition;
  language: 'vi' | 'en';
  screen: string;
}

export interface AuditedText {
  kind: TextKind;
  text: string;
  readClass: ReadClass;
  fontSizePx: number;
  capPx: number;
  angleDeg: number;
  /** WCAG 2 contrast against the background's worst pixels (5th percentile); NaN when no pixel was seen. */
  contrast: number;
  selector: string;
  role: string;
}

export interface PageAudit {
  context: AuditContext;
  geometry: ScreenGeometry;
  innerWidth: number;
  texts: AuditedText[];
  clipped: ProbedClip[];
  covered: ProbedCover[];
  overflowing: ProbedOverflow[];
  fontFaults: ProbedFontFault[];
  underToast: number;
  unknownReadValues: string[];
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Audits one page: `image` is its screenshot with the DOM text made transparent, `shown` the
 * same page as it is (taken just before; it tells which pixels are the glyphs), or null.
 */
export function auditPage(context: AuditContext, probe: ProbeResult, image: RgbaImage, geometry: ScreenGeometry, shown: RgbaImage | null = null): PageAudit {
  const imageScale = image.width / probe.innerWidth;
  const texts = probe.texts.map((t): AuditedText => {
    const color = drawnTextColor(t.color, t.filters);
    let contrast: number;
    if (t.kind === 'canvas') {
      const bg = canvasBackground(t.backgrounds ?? [], t.filters);
      contrast = contrastRatio(compositeOver(color, bg), bg);
    } else {
      contrast = contrastOverPixels(color, backgroundBehindInk(image, shown, t.boxes, imageScale));
    }
    return {
      kind: t.kind,
      text: t.text,
      readClass: t.readClass,
      fontSizePx: round(t.fontSizePx, 2),
      capPx: round(t.capPx, 2),
      angleDeg: round(capAngleDeg(t.capPx, geometry, probe.innerWidth), 4),
      contrast: round(contrast, 2),
      selector: t.selector,
      role: t.role,
    };
  });
  return { context, geometry, innerWidth: probe.innerWidth, texts, clipped: probe.clipped, covered: probe.covered, overflowing: probe.overflowing, fontFaults: probe.fontFaults, underToast: probe.underToast, unknownReadValues: probe.unknownReadValues };
}

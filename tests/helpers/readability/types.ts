// What the in-page probe (probe.browser.ts) hands back to Node for one page. Types only:
// the probe is injected as a plain script and shares nothing else with Node.

/** How big a text must be (from the nearest `data-read` attribute; anything else is operational). */
export type ReadClass = 'key' | 'legal' | 'operational';
/** A DOM text node, a ::before/::after `content` string, or text drawn on a canvas (ECharts). */
export type TextKind = 'dom' | 'pseudo' | 'canvas';

export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** sRGB 0..255 and alpha 0..1 as the probe read them. */
export interface ProbeColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface ProbedText {
  kind: TextKind;
  /** The text as written (at most 80 characters). */
  text: string;
  readClass: ReadClass;
  /** Font size as seen on screen, CSS px (transforms and merged-tile scaling included). */
  fontSizePx: number;
  /** Height of a capital H in this font as seen on screen, CSS px. */
  capPx: number;
  font: string;
  /** Text colour with the alpha of its own colour and of every ancestor's opacity. */
  color: ProbeColor;
  /** Computed `filter` of the element and its ancestors that have one, nearest first. */
  filters: string[];
  /** Visible parts of the text (line boxes cut to what no ancestor hides), page CSS px. */
  boxes: PageBox[];
  /** Canvas text only: background colours of the canvas and its ancestors, nearest first, down to the first opaque one. */
  backgrounds: ProbeColor[] | null;
  /** Where it is: a short CSS path from the nearest element with a data-testid or data-panel. */
  selector: string;
  /** Same element in the other language (for Vietnamese ≥ English): the selector with the kind. */
  role: string;
}

export interface ProbedClip {
  text: string;
  selector: string;
  /** 'x' (cut or ellipsised at a side) or 'y' (a line cut at the top or bottom). */
  axis: 'x' | 'y';
  /** CSS px of text hidden past the clipping box. */
  hiddenPx: number;
}

/** A text another element lies over (a tag over a title, a label over a label). */
export interface ProbedCover {
  text: string;
  selector: string;
  /** The element on top. */
  by: string;
}

/**
 * A text that runs out of the box it is drawn in (a chip, a cell, a tag: the nearest element that
 * paints a background or a border) or over another text: it spills into its neighbour even though
 * no ancestor clips it.
 */
export interface ProbedOverflow {
  text: string;
  selector: string;
  /** 'out-of-box' (past its painted box) or 'over-text' (its glyph box overlaps another text's). */
  how: 'out-of-box' | 'over-text';
  /** The box it runs out of, or the text it overlaps. */
  into: string;
  /** CSS px past the box, or width of the overlap. */
  px: number;
}

/**
 * A text drawn in a face the wall does not bundle: a character no bundled face covers (the
 * browser falls back to a system font a kiosk may not have), or a weight or style with no face
 * of its own (the browser picks a neighbouring weight or synthesizes one).
 */
export interface ProbedFontFault {
  text: string;
  selector: string;
  font: string;
  problem: string;
}

export interface ProbeResult {
  innerWidth: number;
  innerHeight: number;
  devicePixelRatio: number;
  /** Visible texts; a covered text is not among them (see `covered`). */
  texts: ProbedText[];
  clipped: ProbedClip[];
  covered: ProbedCover[];
  overflowing: ProbedOverflow[];
  fontFaults: ProbedFontFault[];
  /** Texts left out because they are in a toast or a toast lay over them (a passing confirmation). */
  underToast: number;
  /** Elements whose data-read value is not key/legal/operational (a typo the lead should hear about). */
  unknownReadValues: string[];
}

/** Installed on `window` by the probe script. */
export interface ReadabilityProbe {
  /**
   * Hides toasts from now on. Each preset or language switch of the audit raises one for 2.5 s
   * over the middle of the wall; one appearing between the two screenshots made the texts under it
   * look unreadable. Toasts themselves are therefore not audited.
   */
  suppressToasts(): void;
  /** Holds the wall's WebSocket messages back and starts counting elements added or removed (outside the map's panes); resolves once what arrived before is on screen. */
  hold(): Promise<void>;
  /** Delivers the held messages in order, lets new ones through, and answers how many elements came or went since `hold()`. */
  release(): number;
  /** Measures the page. Leaves ::before/::after texts materialized as spans until `restore()`. */
  measure(): ProbeResult;
  /** Makes every DOM text transparent (the background screenshot). */
  hideText(): void;
  /** Undoes `measure()`'s spans and `hideText()`. */
  restore(): void;
}

export const PROBE_GLOBAL = '__socwallReadability';

// The in-page half of the readability audit. Injected as a plain script before the wall's own
// code (probe-script.ts transpiles this file; it may import types only): it records the text
// ECharts draws on canvas, and installs `window.__socwallReadability` to measure every visible
// text: size on screen, cap height, colour, filters, visible boxes, class, clipping.
// The maths (angles, contrast against the screenshot) happens in Node.
import type { PageBox, ProbeColor, ProbedClip, ProbedCover, ProbedFontFault, ProbedOverflow, ProbedText, ProbeResult, ReadabilityProbe, ReadClass, TextKind } from './types.js';

export function installReadabilityProbe(): void {
  const GLOBAL = '__socwallReadability';
  const host = window as unknown as Record<string, unknown>;
  if (host[GLOBAL]) return;

  // ---- canvas text recorder -------------------------------------------------------------
  interface CanvasTextRecord {
    text: string;
    font: string;
    style: string | null;
    alpha: number;
    /** The text's box in canvas pixels (transform applied). */
    box: PageBox;
    /** Uniform scale of the context's transform. */
    scale: number;
  }
  const canvasTexts = new WeakMap<HTMLCanvasElement, Map<string, CanvasTextRecord>>();
  const proto = CanvasRenderingContext2D.prototype;
  const originalFill = proto.fillText;
  const originalStroke = proto.strokeText;
  const originalClear = proto.clearRect;

  const transformedBox = (m: DOMMatrix, x0: number, y0: number, x1: number, y1: number): PageBox => {
    const pts = [new DOMPoint(x0, y0), new DOMPoint(x1, y0), new DOMPoint(x0, y1), new DOMPoint(x1, y1)].map((p) => p.matrixTransform(m));
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  };

  function record(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, stroke: boolean): void {
    const canvas = ctx.canvas;
    if (!(canvas instanceof HTMLCanvasElement) || !text.trim()) return;
    const m = ctx.getTransform();
    const metrics = ctx.measureText(text);
    const box = transformedBox(m, x - metrics.actualBoundingBoxLeft, y - metrics.actualBoundingBoxAscent, x + metrics.actualBoundingBoxRight, y + metrics.actualBoundingBoxDescent);
    const paint = stroke ? ctx.strokeStyle : ctx.fillStyle;
    let map = canvasTexts.get(canvas);
    if (!map) canvasTexts.set(canvas, (map = new Map()));
    // Drawn again at the same place: the newer drawing replaces the older one (a fill after its outline wins).
    map.set(`${text}@${Math.round(box.x)},${Math.round(box.y)}`, {
      text,
      font: ctx.font,
      style: typeof paint === 'string' ? paint : null,
      alpha: ctx.globalAlpha,
      box,
      scale: Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)),
    });
  }
  proto.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number): void {
    record(this, String(text), x, y, false);
    if (maxWidth === undefined) originalFill.call(this, text, x, y);
    else originalFill.call(this, text, x, y, maxWidth);
  };
  proto.strokeText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number): void {
    record(this, String(text), x, y, true);
    if (maxWidth === undefined) originalStroke.call(this, text, x, y);
    else originalStroke.call(this, text, x, y, maxWidth);
  };
  proto.clearRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
    const canvas = this.canvas;
    const map = canvas instanceof HTMLCanvasElement ? canvasTexts.get(canvas) : undefined;
    if (map) {
      const cleared = transformedBox(this.getTransform(), x, y, x + w, y + h);
      for (const [key, rec] of map) {
        const cx = rec.box.x + rec.box.width / 2;
        const cy = rec.box.y + rec.box.height / 2;
        if (cx >= cleared.x && cx <= cleared.x + cleared.width && cy >= cleared.y && cy <= cleared.y + cleared.height) map.delete(key);
      }
    }
    originalClear.call(this, x, y, w, h);
  };
  // Setting a canvas's width or height clears it.
  for (const dim of ['width', 'height'] as const) {
    const desc = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, dim);
    if (!desc?.set || !desc.get) continue;
    const { get, set } = desc;
    Object.defineProperty(HTMLCanvasElement.prototype, dim, {
      configurable: true,
      enumerable: desc.enumerable ?? true,
      get(this: HTMLCanvasElement) {
        return get.call(this) as number;
      },
      set(this: HTMLCanvasElement, v: number) {
        canvasTexts.delete(this);
        set.call(this, v);
      },
    });
  }

  // ---- frames held while measuring ------------------------------------------------------------
  // The wall's WebSocket messages (frames, state) are held back while a page is measured, so its
  // two screenshots and the DOM show the same rows; they are delivered in order afterwards.
  // The renderer listens through `onmessage` (renderer/src/api/ws-wall-api.ts).
  let holding = false;
  const held: (() => void)[] = [];
  const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  if (onmessage?.get && onmessage.set) {
    const { set } = onmessage;
    const given = new WeakMap<WebSocket, ((this: WebSocket, ev: MessageEvent) => unknown) | null>();
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      configurable: true,
      enumerable: onmessage.enumerable ?? true,
      get(this: WebSocket) {
        return given.get(this) ?? null;
      },
      set(this: WebSocket, fn: ((this: WebSocket, ev: MessageEvent) => unknown) | null) {
        given.set(this, fn);
        if (!fn) return set.call(this, null);
        set.call(this, function (this: WebSocket, ev: MessageEvent) {
          if (holding) held.push(() => fn.call(this, ev));
          else fn.call(this, ev);
        });
      },
    });
  }
  // An animation frame, or 100 ms at most (a busy compositor may hold frames back longer).
  const nextFrame = () =>
    new Promise<void>((resolve) => {
      requestAnimationFrame(() => resolve());
      setTimeout(resolve, 100);
    });

  // ---- helpers ----------------------------------------------------------------------------
  const scratch = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const colorCache = new Map<string, ProbeColor>();
  function toColor(css: string): ProbeColor | null {
    const cached = colorCache.get(css);
    if (cached) return cached;
    let c: ProbeColor | null = null;
    const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/u.exec(css.trim());
    if (m) {
      const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
      c = { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
    } else if (scratch && css && css !== 'none') {
      // Any other form (hex, named, oklch, color()): let the canvas resolve it to sRGB.
      scratch.clearRect(0, 0, 1, 1);
      scratch.fillStyle = '#000';
      scratch.fillStyle = css;
      scratch.fillRect(0, 0, 1, 1);
      const d = scratch.getImageData(0, 0, 1, 1).data;
      c = { r: d[0]!, g: d[1]!, b: d[2]!, a: d[3]! / 255 };
    }
    if (c) colorCache.set(css, c);
    return c;
  }

  const capRatioCache = new Map<string, number>();
  /** Cap height of a font as a share of its size (canvas measureText of 'H'). */
  function capRatio(style: string, weight: string, family: string): number {
    const key = `${style}|${weight}|${family}`;
    let r = capRatioCache.get(key);
    if (r === undefined) {
      r = 0.7;
      if (scratch) {
        scratch.font = `${style} ${weight} 100px ${family}`;
        scratch.textBaseline = 'alphabetic';
        r = scratch.measureText('H').actualBoundingBoxAscent / 100;
      }
      capRatioCache.set(key, r);
    }
    return r;
  }
  /** Cap height ratio from a canvas font string ("bold 16px JetBrains Mono"). */
  function capRatioOfFont(font: string): number {
    const key = `font|${font}`;
    let r = capRatioCache.get(key);
    if (r === undefined) {
      r = 0.7;
      const size = fontPx(font);
      if (scratch && size > 0) {
        scratch.font = font;
        scratch.textBaseline = 'alphabetic';
        r = scratch.measureText('H').actualBoundingBoxAscent / size;
      }
      capRatioCache.set(key, r);
    }
    return r;
  }
  const fontPx = (font: string): number => Number(/([\d.]+)px/u.exec(font)?.[1] ?? 0);

  type Styles = CSSStyleDeclaration;
  let styleCache = new Map<Element, Styles>();
  const styleOf = (el: Element): Styles => {
    let s = styleCache.get(el);
    if (!s) styleCache.set(el, (s = getComputedStyle(el)));
    return s;
  };

  interface Rect {
    left: number;
    top: number;
    right: number;
    bottom: number;
  }
  const intersect = (a: Rect, b: Rect): Rect => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const empty = (r: Rect) => r.right - r.left < 0.5 || r.bottom - r.top < 0.5;

  /** Uniform scale from CSS transforms and zoom of an element and its ancestors (exact, unlike box ratios). */
  let transformScaleCache = new Map<Element, number>();
  function transformScaleOf(el: Element | null): number {
    if (!el) return 1;
    const cached = transformScaleCache.get(el);
    if (cached !== undefined) return cached;
    const cs = styleOf(el);
    let own = 1;
    if (cs.transform && cs.transform !== 'none') {
      const m = new DOMMatrixReadOnly(cs.transform);
      own = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    const zoom = Number((cs as unknown as { zoom?: string }).zoom ?? '1');
    const s = own * (Number.isFinite(zoom) && zoom > 0 ? zoom : 1) * transformScaleOf(el.parentElement);
    transformScaleCache.set(el, s);
    return s;
  }
  /**
   * Uniform scale an element is drawn at (merged tiles, CSS transforms, zoom): the transforms'
   * product, unless its box on screen against its layout size says otherwise by more than 3 %
   * (a scaling the transforms do not show); box ratios alone carry integer rounding.
   */
  let scaleCache = new Map<Element, number>();
  function scaleOf(el: Element): number {
    const cached = scaleCache.get(el);
    if (cached !== undefined) return cached;
    let s = transformScaleOf(el);
    if (el instanceof HTMLElement && Math.max(el.offsetWidth, el.offsetHeight) >= 20) {
      const rect = el.getBoundingClientRect();
      const ratio = el.offsetWidth >= el.offsetHeight ? rect.width / el.offsetWidth : rect.height / el.offsetHeight;
      if (Math.abs(ratio / s - 1) > 0.03) s = ratio;
    }
    scaleCache.set(el, s);
    return s;
  }

  /** What an element and its ancestors leave visible: the viewport cut by every clipping ancestor's padding box. */
  let clipCache = new Map<Element, { rect: Rect; by: Element | null }>();
  function clipOf(el: Element | null): { rect: Rect; by: Element | null } {
    if (!el) return { rect: { left: 0, top: 0, right: innerWidth, bottom: innerHeight }, by: null };
    const cached = clipCache.get(el);
    if (cached) return cached;
    const outer = clipOf(el.parentElement);
    let out = outer;
    const cs = styleOf(el);
    const clipsX = cs.overflowX !== 'visible';
    const clipsY = cs.overflowY !== 'visible';
    if ((clipsX || clipsY) && el !== document.documentElement && el !== document.body) {
      const r = el.getBoundingClientRect();
      const s = scaleOf(el);
      const left = r.left + el.clientLeft * s;
      const top = r.top + el.clientTop * s;
      const own: Rect = {
        left: clipsX ? left : -Infinity,
        top: clipsY ? top : -Infinity,
        right: clipsX ? left + el.clientWidth * s : Infinity,
        bottom: clipsY ? top + el.clientHeight * s : Infinity,
      };
      out = { rect: intersect(outer.rect, own), by: el };
    }
    clipCache.set(el, out);
    return out;
  }

  let opacityCache = new Map<Element, number>();
  function opacityOf(el: Element | null): number {
    if (!el) return 1;
    const cached = opacityCache.get(el);
    if (cached !== undefined) return cached;
    const o = Number(styleOf(el).opacity) * opacityOf(el.parentElement);
    opacityCache.set(el, o);
    return o;
  }
  function filtersOf(el: Element | null): string[] {
    const out: string[] = [];
    for (let e = el; e; e = e.parentElement) {
      const f = styleOf(e).filter;
      if (f && f !== 'none') out.push(f);
    }
    return out;
  }

  const READ_CLASSES: readonly string[] = ['key', 'legal', 'operational'];
  const unknownReadValues = new Set<string>();
  function readClassOf(el: Element): ReadClass {
    const v = el.closest('[data-read]')?.getAttribute('data-read') ?? 'operational';
    if (!READ_CLASSES.includes(v)) unknownReadValues.add(v);
    return v === 'key' || v === 'legal' ? v : 'operational';
  }

  function describe(el: Element): string {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 6; e = e.parentElement) {
      const testid = e.getAttribute('data-testid');
      const panel = e.getAttribute('data-panel');
      if (testid) {
        parts.unshift(`[data-testid="${testid}"]`);
        break;
      }
      let part = e.tagName.toLowerCase();
      const classes = [...e.classList].filter((c) => !c.startsWith('leaflet-') || c === 'leaflet-control-attribution').slice(0, 2);
      if (classes.length) part += `.${classes.join('.')}`;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.tagName === e!.tagName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      if (panel) {
        parts.unshift(`[data-panel="${panel}"]`);
        break;
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  }

  const shortText = (t: string) => {
    const s = t.replace(/\s+/gu, ' ').trim();
    return s.length > 80 ? `${s.slice(0, 79)}…` : s;
  };

  // ---- ::before / ::after text: materialized as spans so they have boxes and pixels --------
  const MARK = 'data-readability-pseudo';
  const HOST_MARK = 'data-readability-host';
  // Constructed style sheets: the wall's CSP (style-src 'self') refuses <style> elements.
  const sheet = (css: string): CSSStyleSheet => {
    const sh = new CSSStyleSheet();
    sh.replaceSync(css);
    return sh;
  };
  const adopt = (sh: CSSStyleSheet) => {
    if (!document.adoptedStyleSheets.includes(sh)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sh];
  };
  const drop = (sh: CSSStyleSheet | null) => {
    if (sh) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((x) => x !== sh);
  };
  let pseudoStyle: CSSStyleSheet | null = null;
  function materializePseudos(): void {
    pseudoStyle ??= sheet(`[${HOST_MARK}~="before"]::before, [${HOST_MARK}~="after"]::after { content: none !important; }`);
    const found: { el: Element; which: 'before' | 'after'; text: string; cs: CSSStyleDeclaration }[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      for (const which of ['before', 'after'] as const) {
        const cs = getComputedStyle(el, `::${which}`);
        const content = cs.content;
        if (!content || content === 'none' || content === 'normal' || cs.display === 'none') continue;
        let text = '';
        for (const m of content.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)\s*\)/gu)) {
          text += m[3] ? (el.getAttribute(m[3]) ?? '') : (m[1] ?? m[2] ?? '').replace(/\\(.)/gu, '$1');
        }
        if (text.trim()) found.push({ el, which, text, cs });
      }
    }
    if (found.length === 0) return;
    adopt(pseudoStyle);
    for (const { el, which, text, cs } of found) {
      const span = document.createElement('span');
      for (let i = 0; i < cs.length; i++) {
        const prop = cs.item(i);
        if (prop !== 'content') span.style.setProperty(prop, cs.getPropertyValue(prop));
      }
      span.textContent = text;
      span.setAttribute(MARK, which);
      if (which === 'before') el.prepend(span);
      else el.append(span);
      el.setAttribute(HOST_MARK, `${el.getAttribute(HOST_MARK) ?? ''} ${which}`.trim());
    }
  }
  function dematerializePseudos(): void {
    for (const span of document.querySelectorAll(`[${MARK}]`)) span.remove();
    for (const el of document.querySelectorAll(`[${HOST_MARK}]`)) el.removeAttribute(HOST_MARK);
    drop(pseudoStyle);
  }

  // ---- measuring --------------------------------------------------------------------------
  function hiddenByMarkup(el: Element): boolean {
    return el.closest('.visually-hidden, [aria-hidden="true"]') !== null;
  }

  /**
   * What lies over a text, if anything: the topmost element at six points of its first box
   * that is neither the text's element, inside it, nor one of its ancestors (every element
   * takes part in hit-testing while measuring, see `hitAll`).
   */
  function coverOf(el: Element, box: PageBox): Element | null {
    for (const fy of [0.3, 0.7]) {
      for (const fx of [0.15, 0.5, 0.85]) {
        const x = box.x + box.width * fx;
        const y = box.y + box.height * fy;
        const top = document.elementFromPoint(x, y);
        if (top && top !== el && !el.contains(top) && !top.contains(el) && paintsOver(top, el, x, y)) return top;
      }
    }
    return null;
  }

  /**
   * Whether an element on top of a text at (x, y) hides it: it, or an ancestor below the two's
   * common ancestor, paints a background or is an image or canvas, or its own glyphs are there.
   * A transparent box (a big figure's line box reaching over its label) hides nothing.
   */
  function paintsOver(top: Element, under: Element, x: number, y: number): boolean {
    for (let e: Element | null = top; e && !e.contains(under); e = e.parentElement) {
      if (e instanceof HTMLImageElement || e instanceof HTMLCanvasElement || e instanceof SVGSVGElement || e instanceof HTMLVideoElement) return true;
      if (paintsBackground(styleOf(e))) return true;
    }
    // Glyphs of its own at that point (its text's boxes, not its line-height).
    const range = document.createRange();
    for (const n of top.childNodes) {
      if (n.nodeType !== Node.TEXT_NODE || !(n.nodeValue ?? '').trim()) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
    }
    return false;
  }

  /** A DOM text as placed on the page, for the overflow checks. */
  interface PlacedText {
    el: Element;
    text: string;
    boxes: PageBox[];
    /** Font size on screen, CSS px. */
    sizePx: number;
  }

  /** A background colour (not near-transparent) or a background image. */
  function paintsBackground(cs: Styles): boolean {
    const bg = toColor(cs.backgroundColor);
    return (bg !== null && bg.a > 0.1) || (cs.backgroundImage !== '' && cs.backgroundImage !== 'none');
  }

  /** A background, or a visible border on any side. */
  function paintsBox(el: Element): boolean {
    const cs = styleOf(el);
    if (paintsBackground(cs)) return true;
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      const width = Number.parseFloat(cs.getPropertyValue(`border-${side}-width`));
      const color = toColor(cs.getPropertyValue(`border-${side}-color`));
      if (width > 0 && color && color.a > 0.1 && cs.getPropertyValue(`border-${side}-style`) !== 'none') return true;
    }
    return false;
  }

  /** The nearest element (itself included) that paints a background or border: the box a reader sees the text in. */
  function paintedBoxOf(el: Element): Element | null {
    for (let e: Element | null = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) if (paintsBox(e)) return e;
    return null;
  }

  /**
   * Texts that spill: past their painted box by more than 1.5 px sideways, or over another text
   * (their glyph boxes overlap by more than 2 px across and 40 % of the lower one's height).
   * Up and down a text's box is its font's whole ascent and descent, which a tight line-height
   * leaves outside the line on purpose (no glyph reaches that far): there it counts from a
   * fifth of the font size past the box.
   */
  function measureOverflow(placed: readonly PlacedText[], out: ProbedOverflow[]): void {
    for (const t of placed) {
      const box = paintedBoxOf(t.el);
      if (!box) continue;
      const r = box.getBoundingClientRect();
      let past = 0;
      const slack = 0.2 * t.sizePx;
      for (const b of t.boxes) past = Math.max(past, r.left - b.x, b.x + b.width - r.right, r.top - b.y - slack, b.y + b.height - r.bottom - slack);
      if (past > 1.5) out.push({ text: shortText(t.text), selector: describe(t.el), how: 'out-of-box', into: describe(box), px: Math.round(past * 10) / 10 });
    }
    const sorted = [...placed].sort((a, b) => a.boxes[0]!.x - b.boxes[0]!.x);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      const aRight = Math.max(...a.boxes.map((b) => b.x + b.width));
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j]!;
        if (b.boxes[0]!.x >= aRight) break;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        let overlap = 0;
        for (const p of a.boxes) {
          for (const q of b.boxes) {
            const ix = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
            const iy = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
            if (ix > 2 && iy > 0.4 * Math.min(p.height, q.height)) overlap = Math.max(overlap, ix);
          }
        }
        if (overlap > 0) out.push({ text: shortText(a.text), selector: describe(a.el), how: 'over-text', into: `${shortText(b.text)} (${describe(b.el)})`, px: Math.round(overlap * 10) / 10 });
      }
    }
  }

  // ---- fonts: every text in a bundled face --------------------------------------------
  interface Face {
    /** [min, max] weight (a static face has min = max). */
    weights: [number, number];
    style: string;
    ranges: [number, number][];
  }
  const GENERIC_FAMILIES = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-sans-serif', 'ui-serif', 'ui-monospace', 'ui-rounded', 'emoji', 'math', 'fangsong']);
  const weightOf = (w: string) => (w === 'bold' ? 700 : w === 'normal' || w === '' ? 400 : Number(w));
  const unquote = (f: string) => f.trim().replace(/^['"]|['"]$/gu, '').toLowerCase();

  function unicodeRanges(ur: string): [number, number][] {
    return ur.split(',').map((part): [number, number] => {
      const r = part.trim().replace(/^u\+/iu, '');
      if (r.includes('?')) return [Number.parseInt(r.replace(/\?/gu, '0'), 16), Number.parseInt(r.replace(/\?/gu, 'F'), 16)];
      const [a, b] = r.split('-');
      return [Number.parseInt(a!, 16), Number.parseInt(b ?? a!, 16)];
    });
  }

  /** The faces the page declares (@font-face, loaded or not), by family. */
  function bundledFaces(): Map<string, Face[]> {
    const out = new Map<string, Face[]>();
    for (const face of document.fonts) {
      const family = unquote(face.family);
      const [lo, hi] = face.weight.split(/\s+/u).map(weightOf);
      out.set(family, [...(out.get(family) ?? []), { weights: [lo!, hi ?? lo!], style: face.style, ranges: unicodeRanges(face.unicodeRange) }]);
    }
    return out;
  }

  // A detached element's inline style splits the shorthand into longhands (nothing enters the page).
  const fontDecl = document.createElement('span').style;
  /** Why `text` in the CSS font shorthand `font` is not drawn from a bundled face, or null. */
  function fontFault(font: string, text: string, faces: Map<string, Face[]>): string | null {
    fontDecl.font = '';
    fontDecl.font = font;
    if (!fontDecl.fontFamily) return `cannot read the font "${font}"`;
    const families = fontDecl.fontFamily.split(',').map(unquote);
    const weight = weightOf(fontDecl.fontWeight);
    const style = fontDecl.fontStyle === '' ? 'normal' : fontDecl.fontStyle;
    const missing = new Set<string>();
    const used = new Set<string>();
    for (const ch of text) {
      if (/\s|[\u200B-\u200D\uFEFF]/u.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      const family = families.find((f) => !GENERIC_FAMILIES.has(f) && (faces.get(f) ?? []).some((face) => face.ranges.some(([a, b]) => cp >= a && cp <= b)));
      if (family) used.add(family);
      else missing.add(ch);
    }
    if (missing.size > 0) return `no bundled face has ${[...missing].map((c) => `"${c}" U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}`;
    for (const family of used) {
      const ok = (faces.get(family) ?? []).some((face) => face.style === style && weight >= face.weights[0] && weight <= face.weights[1]);
      if (!ok) return `${family} has no ${style} ${weight} face`;
    }
    return null;
  }

  function measureFonts(texts: readonly ProbedText[], out: ProbedFontFault[]): void {
    const faces = bundledFaces();
    const seen = new Set<string>();
    for (const t of texts) {
      const key = `${t.font}|${t.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const problem = fontFault(t.font, t.text, faces);
      if (problem) out.push({ text: t.text, selector: t.selector, font: t.font, problem });
    }
  }

  function measureDom(texts: ProbedText[], clipped: Map<Element, ProbedClip>, covered: ProbedCover[], underToast: { n: number }, placed: PlacedText[]): void {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const raw = node.nodeValue ?? '';
      if (!raw.trim()) continue;
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, template')) continue;
      if (hiddenByMarkup(el)) continue;
      // A toast is a passing confirmation (2.5 s, fading in while measured): not audited, nor what it covers.
      if (el.closest('[data-testid="toast"]')) {
        underToast.n++;
        continue;
      }
      const cs = styleOf(el);
      if (cs.visibility !== 'visible' || cs.display === 'none') continue;
      const opacity = opacityOf(el);
      if (opacity < 0.01) continue;
      range.selectNodeContents(node);
      const lines = [...range.getClientRects()].filter((r) => r.width >= 0.5 && r.height >= 0.5);
      if (lines.length === 0) continue;
      const clip = clipOf(el);
      const boxes: PageBox[] = [];
      let cutX = 0;
      let cutY = 0;
      for (const line of lines) {
        const full: Rect = { left: line.left, top: line.top, right: line.right, bottom: line.bottom };
        const seen = intersect(full, clip.rect);
        if (empty(seen)) continue;
        boxes.push({ x: seen.left, y: seen.top, width: seen.right - seen.left, height: seen.bottom - seen.top });
        cutX = Math.max(cutX, full.right - full.left - (seen.right - seen.left));
        cutY = Math.max(cutY, full.bottom - full.top - (seen.bottom - seen.top));
      }
      if (boxes.length === 0) continue; // scrolled away, off-screen or wholly under a clipping ancestor
      const cover = coverOf(el, boxes[0]!);
      if (cover) {
        // A toast lies over the wall for a moment after each key: what it hides is not audited.
        if (cover.closest('[data-testid="toast"]')) underToast.n++;
        else covered.push({ text: shortText(raw), selector: describe(el), by: describe(cover) });
        continue;
      }
      const scale = scaleOf(el);
      placed.push({ el, text: raw, boxes, sizePx: Number.parseFloat(cs.fontSize) * scale });
      // A text cut by a clipping ancestor (not by the window's edge) is clipped, unless truncation is allowed there.
      const by = clip.by;
      if (by && (cutX > 1.5 || cutY > 2.5) && !el.closest('[data-truncate="ok"]')) {
        const prev = clipped.get(by);
        const hiddenPx = Math.max(cutX, cutY);
        if (!prev || prev.hiddenPx < hiddenPx) clipped.set(by, { text: shortText(raw), selector: describe(el), axis: cutX > 1.5 ? 'x' : 'y', hiddenPx });
      }
      const isSvg = el instanceof SVGElement;
      const paint = isSvg ? cs.fill : cs.webkitTextFillColor && cs.webkitTextFillColor !== cs.color ? cs.webkitTextFillColor : cs.color;
      const color = toColor(paint) ?? { r: 0, g: 0, b: 0, a: 0 };
      const sizePx = Number.parseFloat(cs.fontSize) * scale;
      const kind: TextKind = el.closest(`[${MARK}]`) ? 'pseudo' : 'dom';
      const selector = describe(el);
      texts.push({
        kind,
        text: shortText(raw),
        readClass: readClassOf(el),
        fontSizePx: sizePx,
        capPx: sizePx * capRatio(cs.fontStyle, cs.fontWeight, cs.fontFamily),
        font: `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`,
        color: { ...color, a: color.a * opacity },
        filters: filtersOf(el),
        boxes: boxes.slice(0, 6),
        backgrounds: null,
        selector,
        role: `${kind}|${selector}`,
      });
    }
  }

  /** Elements that ellipsise (text-overflow) and overflow sideways: clipped even when the text node's box looks whole. */
  function measureEllipsis(clipped: Map<Element, ProbedClip>): void {
    for (const el of document.body.querySelectorAll('*')) {
      const cs = styleOf(el);
      if (cs.textOverflow !== 'ellipsis' || cs.overflowX === 'visible') continue;
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
      if (!(el.textContent ?? '').trim() || el.closest('[data-truncate="ok"]') || hiddenByMarkup(el)) continue;
      if (empty(intersect(clipOf(el).rect, el.getBoundingClientRect()))) continue;
      if (!clipped.has(el)) clipped.set(el, { text: shortText(el.textContent ?? ''), selector: describe(el), axis: 'x', hiddenPx: el.scrollWidth - el.clientWidth });
    }
  }

  function backgroundsOf(el: Element): ProbeColor[] {
    const out: ProbeColor[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = toColor(styleOf(e).backgroundColor);
      if (c && c.a > 0) out.push(c);
      if (c && c.a >= 1) break;
    }
    return out;
  }

  function measureCanvases(texts: ProbedText[]): void {
    for (const canvas of document.querySelectorAll('canvas')) {
      const map = canvasTexts.get(canvas);
      if (!map || map.size === 0 || hiddenByMarkup(canvas)) continue;
      const cs = styleOf(canvas);
      if (cs.visibility !== 'visible' || canvas.width === 0 || canvas.height === 0) continue;
      const opacity = opacityOf(canvas);
      if (opacity < 0.01) continue;
      const rect = canvas.getBoundingClientRect();
      const sx = rect.width / canvas.width;
      const sy = rect.height / canvas.height;
      const clip = intersect(clipOf(canvas.parentElement).rect, { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
      if (empty(clip)) continue;
      const selector = `${describe(canvas)} (canvas)`;
      const readClass = readClassOf(canvas);
      const filters = filtersOf(canvas);
      const backgrounds = backgroundsOf(canvas);
      for (const rec of map.values()) {
        const full: Rect = { left: rect.left + rec.box.x * sx, top: rect.top + rec.box.y * sy, right: rect.left + (rec.box.x + rec.box.width) * sx, bottom: rect.top + (rec.box.y + rec.box.height) * sy };
        const seen = intersect(full, clip);
        if (empty(seen)) continue;
        const color = (rec.style ? toColor(rec.style) : null) ?? { r: 0, g: 0, b: 0, a: 0 };
        if (color.a * rec.alpha * opacity < 0.01) continue;
        const sizePx = fontPx(rec.font) * rec.scale * Math.sqrt(sx * sy);
        texts.push({
          kind: 'canvas',
          text: shortText(rec.text),
          readClass,
          fontSizePx: sizePx,
          capPx: sizePx * capRatioOfFont(rec.font),
          font: rec.font,
          color: { ...color, a: color.a * rec.alpha * opacity },
          filters,
          boxes: [{ x: seen.left, y: seen.top, width: seen.right - seen.left, height: seen.bottom - seen.top }],
          backgrounds,
          selector,
          role: `canvas|${selector}`,
        });
      }
    }
  }

  let hideStyle: CSSStyleSheet | null = null;
  let hitAll: CSSStyleSheet | null = null;
  let noToasts: CSSStyleSheet | null = null;
  // Rows added or removed while a page is measured (a toast going, a row arriving all the same): its two screenshots would not match.
  let layoutChanges = 0;
  // Only elements count: the clock and the data's age replace their text every second. A toast
  // coming or going does not either: what lies under it is left out of the audit.
  const ours = (n: Node) => !(n instanceof Element) || n.hasAttribute(MARK) || n.getAttribute('data-testid') === 'toast';
  const countChanges = (records: MutationRecord[]) => {
    for (const r of records) {
      if (r.target instanceof Element && r.target.closest('.leaflet-pane')) continue;
      if ([...r.addedNodes, ...r.removedNodes].every(ours)) continue;
      layoutChanges++;
    }
  };
  const watcher = new MutationObserver(countChanges);
  const probe: ReadabilityProbe = {
    suppressToasts(): void {
      noToasts ??= sheet('[data-testid="toast"] { display: none !important; }');
      adopt(noToasts);
    },
    async hold(): Promise<void> {
      holding = true;
      watcher.disconnect();
      watcher.observe(document.body, { childList: true, subtree: true });
      layoutChanges = 0;
      // A frame already received goes on screen at the next animation frame.
      await nextFrame();
      await nextFrame();
    },
    release(): number {
      holding = false;
      countChanges(watcher.takeRecords());
      watcher.disconnect();
      for (const deliver of held.splice(0)) deliver();
      return layoutChanges;
    },
    measure(): ProbeResult {
      styleCache = new Map();
      scaleCache = new Map();
      transformScaleCache = new Map();
      clipCache = new Map();
      opacityCache = new Map();
      unknownReadValues.clear();
      materializePseudos();
      const texts: ProbedText[] = [];
      const clipped = new Map<Element, ProbedClip>();
      const covered: ProbedCover[] = [];
      const underToast = { n: 0 };
      const placed: PlacedText[] = [];
      const overflowing: ProbedOverflow[] = [];
      // Everything takes part in hit-testing while measuring (labels and tags are pointer-events: none).
      hitAll ??= sheet('*, *::before, *::after { pointer-events: auto !important; }');
      adopt(hitAll);
      try {
        measureDom(texts, clipped, covered, underToast, placed);
      } finally {
        drop(hitAll);
      }
      measureEllipsis(clipped);
      measureOverflow(placed, overflowing);
      measureCanvases(texts);
      const fontFaults: ProbedFontFault[] = [];
      measureFonts(texts, fontFaults);
      return { innerWidth, innerHeight, devicePixelRatio, texts, clipped: [...clipped.values()], covered, overflowing, fontFaults, underToast: underToast.n, unknownReadValues: [...unknownReadValues] };
    },
    hideText(): void {
      hideStyle ??= sheet(
        [
          '*, *::before, *::after { color: transparent !important; -webkit-text-fill-color: transparent !important;',
          '  text-shadow: none !important; text-decoration-color: transparent !important; caret-color: transparent !important; transition: none !important; }',
          'svg text, svg tspan { fill: transparent !important; stroke: transparent !important; }',
        ].join('\n'),
      );
      adopt(hideStyle);
    },
    restore(): void {
      drop(hideStyle);
      dematerializePseudos();
    },
  };
  host[GLOBAL] = probe;
}

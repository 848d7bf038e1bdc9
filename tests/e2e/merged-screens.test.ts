// Fewer displays than the profile names: one window shows its own screen and the missing ones
// as scaled tiles (the merge rule of DESIGN.md). The map inside a scaled tile must place its
// labels and its inset as it does at full size: nothing on top of anything else.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { artefactDir, launchChromium } from '../helpers/chromium.js';
import { waitForSteady } from '../helpers/wait.js';
import { copyWallConfig } from '../helpers/wall-config-dir.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Permanent labels shown (not dropped) on the main map and the inset's box, in page pixels, per map on the page. */
function mapBoxes(page: Page): Promise<{ labels: Box[]; texts: Box[]; inset: Box | null }[]> {
  return page.locator('[data-testid="map-panel"]').evaluateAll((panels) =>
    panels.map((panel) => {
      const box = (el: Element): Box => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      // A label's text: its box less padding and border (labels may touch at their padding).
      const textBox = (el: HTMLElement): Box => {
        const b = box(el);
        const k = el.offsetWidth > 0 ? (b.right - b.left) / el.offsetWidth : 1; // the tile's scale
        const cs = getComputedStyle(el);
        const px = (v: string) => (Number.parseFloat(v) || 0) * k;
        return {
          text: b.text,
          left: b.left + px(cs.paddingLeft) + px(cs.borderLeftWidth),
          right: b.right - px(cs.paddingRight) - px(cs.borderRightWidth),
          top: b.top + px(cs.paddingTop) + px(cs.borderTopWidth),
          bottom: b.bottom - px(cs.paddingBottom) - px(cs.borderBottomWidth),
        };
      };
      const main = panel.querySelector('[data-testid="map"]');
      const inset = panel.querySelector('.inset-box');
      return {
        labels: main ? [...main.querySelectorAll<HTMLElement>('.site-label:not(.label-dropped)')].map(box) : [],
        texts: main ? [...main.querySelectorAll<HTMLElement>('.site-label:not(.label-dropped)')].map(textBox) : [],
        inset: inset ? box(inset) : null,
      };
    }),
  );
}

/** Map labels whose font is smaller than their screen's reading size (--fs-op, from the viewing geometry). */
function labelsBelowReadingSize(page: Page): Promise<string[]> {
  return page.locator('[data-testid="screen"]').evaluateAll((screens) =>
    screens.flatMap((screen) => {
      const reading = Number.parseFloat(getComputedStyle(screen).getPropertyValue('--fs-op'));
      return [...screen.querySelectorAll<HTMLElement>('.site-label')]
        .filter((el) => Number.parseFloat(getComputedStyle(el).fontSize) < reading - 0.5)
        .map((el) => `${el.textContent}: ${getComputedStyle(el).fontSize} < ${reading}px`);
    }),
  );
}

/**
 * The map re-places its labels when a font face comes in and (debounced, 100 ms) when its box
 * is resized: waits until the fonts are in and the labels stay put across two reads.
 */
async function labelsSettled(page: Page, enough: (labels: number) => boolean): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await waitForSteady(() => mapBoxes(page), 'the map labels', { ready: (maps) => enough(maps.reduce((n, m) => n + m.labels.length, 0)) });
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Labels whose text covers another's, or that sit under the inset. */
function labelProblems(maps: { labels: Box[]; texts: Box[]; inset: Box | null }[]): string[] {
  const problems: string[] = [];
  for (const { labels, texts, inset } of maps) {
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i]!;
      for (const b of texts.slice(i + 1)) {
        const o = overlap(a, b);
        if (o > 1) problems.push(`"${a.text}" overlaps "${b.text}" by ${o.toFixed(0)} px²`); // under 1 px²: rounding
      }
      if (inset && overlap(labels[i]!, inset) > 0) problems.push(`"${a.text}" is under the Rạch Giá inset`);
    }
  }
  return problems;
}

describe('a window showing the screens of missing displays (browser host, Chromium)', () => {
  let dir: string;
  let core: WallCoreHandle;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = copyWallConfig('socwall-e2e-merged-');
    core = await startWallCore({ brokerUrls: [], demo: true, demoSpeed: 20, configDir: dir, profile: 'wall-2x2', log: () => undefined });
    host = await startBrowserHost({ core, rendererDir, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${host.url}?screen=top-left&merge=top-right,bottom-left,bottom-right`);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await core?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows all four screens, each on its own layout of preset 1', async () => {
    await expect
      .poll(() => page.locator('[data-testid="screen"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-screen')}:${e.getAttribute('data-layout')}`)), { timeout: 10_000 })
      .toEqual(['top-left:overview', 'top-right:incident-response', 'bottom-left:trends', 'bottom-right:posture']);
    // As the screens stand on the wall (2×2), at half size: not four slivers in a row.
    const boxes = await page.locator('[data-testid="screen"]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      }),
    );
    expect(boxes.map((b) => [b.left >= 950 ? 1 : 0, b.top >= 530 ? 1 : 0])).toEqual([[0, 0], [1, 0], [0, 1], [1, 1]]);
    for (const b of boxes) {
      expect(b.width).toBeGreaterThan(940);
      expect(b.height).toBeGreaterThan(520);
    }
  });

  it('places the map labels and the inset in a scaled tile without covering one another', async () => {
    await labelsSettled(page, (n) => n > 5);
    await page.screenshot({ path: `${artefactDir()}wall-merged-2x2.png` });
    // Polled: a resize still being laid out re-places the labels; a lasting overlap fails.
    await expect.poll(async () => labelProblems(await mapBoxes(page)), { timeout: 5_000 }).toEqual([]);
    // A label that does not fit is dropped, never shrunk: every map still names some of its districts.
    const dropped = await page.locator('[data-testid="map"]').evaluateAll((maps) => maps.map((m) => m.querySelectorAll('.site-label.label-dropped').length));
    console.log(`labels dropped per map at half size: ${dropped.join(', ')}`);
    for (const m of await mapBoxes(page)) expect(m.labels.length).toBeGreaterThanOrEqual(3);
    expect(await labelsBelowReadingSize(page)).toEqual([]);
  });

  it('at full size shows labels at reading size, none covering another or covered by the inset or attribution', async () => {
    const full = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await full.goto(`${host.url}?screen=top-left`);
    await labelsSettled(full, (n) => n >= 3);
    await expect.poll(async () => labelProblems(await mapBoxes(full)), { timeout: 5_000 }).toEqual([]);
    const shown = await full.locator('[data-testid="map"] .site-label:not(.label-dropped)').count();
    const dropped = await full.locator('[data-testid="map"] .site-label.label-dropped').count();
    console.log(`labels at full size: ${shown} shown, ${dropped} dropped`);
    // At 0.2° the overview's map cell (about 540 × 440 px) has room for a few district names:
    // one that does not fit, or would be cut or covered, is left out, never shrunk.
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(await labelsBelowReadingSize(full)).toEqual([]);
    await full.close();
  });
});

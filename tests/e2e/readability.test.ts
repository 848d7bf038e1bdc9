// The readability audit of issue 7: is every text on the wall readable from the room?
// A real Mosquitto; per profile a TCP proxy that can cut the wall's link, a wall core with a
// copy of resources/wall and the browser host (the two profiles are audited side by side: one
// waits for its layouts to settle while the other measures); realistic traffic (the demo simulator plus every
// category at every severity). For both shipped profiles, every preset, Vietnamese and English,
// and the states live / link-down (proxy cut: banner and stale marks, before the outage preset)
// / outage (the outage preset while the link is down), one Chromium page per screen at
// 1920×1080 DPR 1 measures every visible text (DOM, ::before/::after and ECharts canvas text):
// cap height as visual angle at the profile's viewing geometry, contrast against the pixels
// really behind it, clipping, and Vietnamese never smaller than English. Prints a table per
// profile × preset × state × language and the worst offenders, writes
// test-results/readability/summary.json and screenshots of every preset at 1920×1080 and
// 3840×2160, and fails when any threshold of issue 7 is broken.
// The first block checks the instrument itself on a page whose answers are known.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Language } from '../../electron/contract/index.js';
import { startBrowserHost, type BrowserHost } from '../../electron/core/host/browser-host.js';
import { startWallCore, type WallCoreHandle } from '../../electron/core/wall-core.js';
import { launchChromium } from '../helpers/chromium.js';
import { startMosquitto, type MosquittoBroker } from '../helpers/mosquitto.js';
import { auditPage, type AuditContext, type PageAudit, type WallCondition } from '../helpers/readability/audit.js';
import { screenGeometry, type ScreenGeometry } from '../helpers/readability/geometry.js';
import { decodePng } from '../helpers/readability/png.js';
import { readabilityProbeScript } from '../helpers/readability/probe-script.js';
import { formatOffenders, formatTable, type LanguageOffence, languageOffences, lowContrast, profileFailures, rowFailures, rowKey, summaryRows, THRESHOLDS, worstOffenders } from '../helpers/readability/summary.js';
import { startAuditTraffic, type AuditTraffic } from '../helpers/readability/traffic.js';
import { PROBE_GLOBAL, type ProbeResult, type ReadabilityProbe } from '../helpers/readability/types.js';
import { startProxy, type CuttableProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait.js';
import { copyWallConfig } from '../helpers/wall-config-dir.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../test-results/readability/', import.meta.url));
const PROFILES = ['single', 'wall-2x2'] as const;
const LANGUAGES: readonly Language[] = ['vi', 'en'];
const STATES: readonly WallCondition[] = ['first-run', 'live', 'link-down', 'outage'];
const VIEWPORT = { width: 1920, height: 1080 };
const VIEWPORT_4K = { width: 3840, height: 2160 };
const SENSOR_TIMEOUT_MS = 3000;
/** Long enough that the link-down state can be audited on every preset; lowered live to reach the outage state. */
const OUTAGE_HELD_OFF_S = 3600;
/** Time for a new layout to mount and ECharts' entry animation to end. */
const PRESET_SETTLE_MS = 1200;
const LANGUAGE_SETTLE_MS = 400;

/** Sets `outage.after_s` of a profile file, keeping its comments. */
function setOutageAfter(file: string, seconds: number): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (!doc.hasIn(['outage'])) return;
  doc.setIn(['outage', 'after_s'], seconds);
  writeFileSync(file, String(doc));
}

// The instrument itself, on a page whose answers are known (it passes whatever the wall looks like).
describe('readability probe on a known page (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('measures what is shown, skips what is not, and finds clipped, covered, pseudo and canvas text', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
    try {
      await context.addInitScript({ content: readabilityProbeScript() });
      const page = await context.newPage();
      await page.setContent(`<!doctype html>
        <style>
          body { margin: 0; background: #000; color: #fff; font: 20px sans-serif; }
          .cut { width: 100px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
          .tag::after { content: attr(data-label); font-size: 30px; color: #000; background: #fc0; }
          @font-face { font-family: 'Bundled'; src: local('DejaVu Sans'); font-weight: 400; unicode-range: U+0000-00FF; }
          .bundled { font-family: 'Bundled', sans-serif; }
        </style>
        <div class="bundled">in its face</div><div class="bundled">cross ✕</div><div class="bundled" style="font-weight: 700">too bold</div>
        <div data-read="key" style="font-size: 80px; line-height: 1">88</div>
        <div style="transform: scale(0.5); transform-origin: 0 0; height: 40px"><span style="font-size: 60px">half</span></div>
        <div style="display: none">gone</div><div aria-hidden="true">unspoken</div><div style="opacity: 0">transparent</div>
        <div class="visually-hidden">for readers</div>
        <div class="cut">a very long line that is cut</div>
        <div data-truncate="ok"><div class="cut">another very long line allowed</div></div>
        <div class="tag" data-label="STALE"></div>
        <small data-read="legal">legal line</small>
        <div style="position: relative"><span>underneath</span><div style="position: absolute; inset: 0; background: #333">on top</div></div>
        <div style="position: relative"><span>label</span><div style="position: absolute; left: 0; top: 0; width: 300px; height: 60px"></div></div>
        <div style="display: flex; width: 400px"><div style="width: 60px; background: #123; white-space: nowrap">spills out</div><div>neighbour</div></div>
        <div style="position: relative; height: 30px; font-family: monospace"><span>first words</span><span style="position: absolute; left: 118px; top: 2px">second words</span></div>
        <canvas id="c" width="200" height="50"></canvas>
        <script>const ctx = document.getElementById('c').getContext('2d'); ctx.font = 'bold 24px sans-serif'; ctx.fillStyle = '#ff0'; ctx.fillText('axis', 10, 30);</script>`);
      const cdp = await context.newCDPSession(page);
      const shot = async () => decodePng(Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png' })).data, 'base64'));
      const shown = await shot();
      const probe: ProbeResult = await page.evaluate((g) => (window as unknown as Record<string, ReadabilityProbe>)[g]!.measure(), PROBE_GLOBAL);
      await page.evaluate((g) => (window as unknown as Record<string, ReadabilityProbe>)[g]!.hideText(), PROBE_GLOBAL);
      const hidden = await shot();
      await page.evaluate((g) => (window as unknown as Record<string, ReadabilityProbe>)[g]!.restore(), PROBE_GLOBAL);
      const byText = new Map(probe.texts.map((t) => [t.text, t]));
      expect(byText.get('88')).toMatchObject({ kind: 'dom', readClass: 'key', fontSizePx: 80 });
      expect(byText.get('88')!.capPx / 80).toBeGreaterThan(0.6);
      expect(byText.get('88')!.capPx / 80).toBeLessThan(0.8);
      expect(byText.get('half')!.fontSizePx).toBeCloseTo(30, 5);
      expect(byText.get('legal line')!.readClass).toBe('legal');
      expect(byText.get('STALE')).toMatchObject({ kind: 'pseudo', fontSizePx: 30 });
      expect(byText.get('axis')).toMatchObject({ kind: 'canvas', fontSizePx: 24, color: { r: 255, g: 255, b: 0, a: 1 } });
      for (const absent of ['gone', 'unspoken', 'transparent', 'for readers', 'underneath']) expect(byText.has(absent), absent).toBe(false);
      expect(probe.covered.map((c) => c.text)).toEqual(['underneath']);
      expect(byText.has('label')).toBe(true); // under a transparent box: not covered
      expect(probe.clipped.map((c) => c.text)).toEqual(['a very long line that is cut']);
      // Running out of a painted box, or over another text, without any ancestor clipping it.
      expect(probe.overflowing.map((o) => [o.how, o.text])).toEqual([
        ['out-of-box', 'spills out'],
        ['over-text', 'spills out'], // into 'neighbour'
        ['over-text', 'first words'],
      ]);
      expect(probe.overflowing[1]!.into).toContain('neighbour');
      expect(probe.overflowing[2]!.into).toContain('second words');
      // Fonts: only what the page declares counts as bundled; a generic family never does.
      const fault = new Map(probe.fontFaults.map((f) => [f.text, f.problem]));
      expect(fault.has('in its face')).toBe(false);
      expect(fault.get('cross ✕')).toBe('no bundled face has "✕" U+2715');
      expect(fault.get('too bold')).toBe('bundled has no normal 700 face');
      expect(fault.get('88')).toMatch(/^no bundled face has "8"/u); // sans-serif: a system font
      expect(fault.get('axis')).toMatch(/^no bundled face has/u); // canvas text too
      // Pseudo text is a span only while measuring.
      expect(await page.evaluate(() => document.querySelectorAll('[data-readability-pseudo]').length)).toBe(0);
      const audit = auditPage({ profile: 'test', preset: '1', state: 'live', language: 'en', screen: 'main' }, probe, hidden, { viewingDistanceM: 5, panelWidthMm: 1218 }, shown);
      const audited = new Map(audit.texts.map((t) => [t.text, t]));
      expect(audited.get('88')!.contrast).toBeGreaterThan(18); // white on black
      expect(audited.get('STALE')!.contrast).toBeGreaterThan(10); // black on amber, against its own tag
      expect(audited.get('axis')!.contrast).toBeGreaterThan(15); // yellow on the page's black
      expect(audited.get('88')!.angleDeg).toBeGreaterThan(audited.get('half')!.angleDeg);
    } finally {
      await context.close();
    }
  });
});

describe('readability audit (issue 7): every preset, both languages, first-run / live / link-down / outage', () => {
  let broker: MosquittoBroker;
  const proxies: CuttableProxy[] = [];
  let sensors: mqtt.MqttClient;
  let traffic: AuditTraffic | null = null;
  /** Each profile's first-run pass; the traffic starts once every profile has audited it. */
  const firstRunDone = new Map<string, () => void>();
  let trafficStarted: Promise<void> = Promise.resolve();
  let browser: Browser;
  let dir: string;
  const pages: PageAudit[] = [];
  const timings: Record<string, number> = {};
  /** Where the measuring time goes (ms summed over pages; pages are measured in parallel). */
  const spent: Record<string, number> = {};
  const stopwatch = () => {
    let last = performance.now();
    return (what: string) => {
      const now = performance.now();
      spent[what] = Math.round((spent[what] ?? 0) + now - last);
      last = now;
    };
  };

  beforeAll(async () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    mkdirSync(OUT_DIR, { recursive: true });
    broker = await startMosquitto();
    // Presets are chosen by the audit; the alarms it raises are shown, not jumped to.
    dir = copyWallConfig('socwall-readability-');
    for (const profile of PROFILES) setOutageAfter(join(dir, 'profiles', `${profile}.yaml`), OUTAGE_HELD_OFF_S);
    // Sensors publish straight to the broker: they are fine, only the wall's link is cut.
    sensors = await mqtt.connectAsync(broker.url, { clientId: `readability-sensors-${process.pid}` });
    trafficStarted = Promise.all(PROFILES.map((profile) => new Promise<void>((resolve) => firstRunDone.set(profile, resolve)))).then(() => {
      traffic = startAuditTraffic(sensors);
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    (traffic as AuditTraffic | null)?.stop();
    await browser?.close();
    await sensors?.endAsync();
    for (const proxy of proxies) await proxy.close();
    await broker?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  interface Screen {
    id: string;
    page: Page;
    cdp: CDPSession;
    geometry: ScreenGeometry;
  }

  /** A PNG of the page through CDP with fast (light) compression: three times quicker than page.screenshot on a 1080p wall. */
  async function capture(s: Screen, file: string | null = null): Promise<Buffer> {
    const { data } = await s.cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
    const png = Buffer.from(data, 'base64');
    if (file) writeFileSync(join(OUT_DIR, file), png);
    return png;
  }

  const shotName = (profile: string, preset: string, screens: readonly Screen[], s: Screen, language: string, state: string, width: number) =>
    `${profile}-p${preset}${screens.length > 1 ? `-${s.id}` : ''}-${language}-${state}-${width}.png`;

  type ProbeWindow = Record<string, ReadabilityProbe>;

  /**
   * Measures one page with the wall's frames held back: a screenshot as it is, the probe, then a
   * screenshot with every DOM text transparent for the backgrounds (three round trips to the page).
   * Measured once more when elements came or went all the same (a toast leaving): the two
   * screenshots would not show the same layout.
   */
  async function measure(s: Screen, context: AuditContext, shot: string | null): Promise<PageAudit> {
    for (let attempt = 1; ; attempt++) {
      const lap = stopwatch();
      await s.page.evaluate((g) => (window as unknown as ProbeWindow)[g]!.hold(), PROBE_GLOBAL);
      lap('hold');
      const shown = await capture(s);
      lap('capture');
      const probe: ProbeResult = await s.page.evaluate((g) => {
        const p = (window as unknown as ProbeWindow)[g]!;
        const result = p.measure();
        p.hideText();
        return result;
      }, PROBE_GLOBAL);
      lap('probe');
      const png = await capture(s);
      const changes = await s.page.evaluate((g) => {
        const p = (window as unknown as ProbeWindow)[g]!;
        p.restore();
        return p.release();
      }, PROBE_GLOBAL);
      lap('capture');
      if (changes > 0 && attempt < 2) {
        spent['retries'] = (spent['retries'] ?? 0) + 1;
        continue;
      }
      if (shot) writeFileSync(join(OUT_DIR, shot), shown);
      const images = [decodePng(png), decodePng(shown)] as const;
      lap('decode');
      const audit = auditPage(context, probe, images[0], s.geometry, images[1]);
      lap('pixels');
      // A contrast failure must hold on a second look: a live wall can still change a pixel
      // between the two screenshots (a text caught mid-repaint once read 1.00:1), while a real
      // low contrast reads the same every time.
      if (attempt < 3 && audit.texts.some(lowContrast)) {
        spent['contrastRetries'] = (spent['contrastRetries'] ?? 0) + 1;
        continue;
      }
      return audit;
    }
  }

  async function auditProfile(profile: string): Promise<void> {
    const t0 = Date.now();
    const profileFile = join(dir, 'profiles', `${profile}.yaml`);
    const proxy = await startProxy(broker.port);
    proxies.push(proxy);
    const core: WallCoreHandle = await startWallCore({
      brokerUrls: [proxy.url],
      demo: false,
      clientId: `readability-${profile}-${process.pid}`,
      configDir: dir,
      profile,
      sensorTimeoutMs: SENSOR_TIMEOUT_MS,
      reconnect: { initialMs: 200, maxMs: 1000 },
      log: () => undefined,
    });
    let host: BrowserHost | null = null;
    let context: BrowserContext | null = null;
    try {
      host = await startBrowserHost({ core, rendererDir, port: 0 });
      const config = core.getConfig();
      const presets = Object.keys(config.profile.presets).sort((a, b) => Number(a) - Number(b));
      const outagePreset = config.profile.outage ? String(config.profile.outage.preset) : null;
      const profileYaml = readFileSync(profileFile, 'utf8');
      context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      await context.addInitScript({ content: readabilityProbeScript() });
      const screens: Screen[] = [];
      for (const { id } of config.profile.screens) {
        const page = await context.newPage();
        await page.goto(`${host.url}?screen=${encodeURIComponent(id)}`);
        await page.waitForSelector(`[data-testid="screen"][data-screen="${id}"]`);
        await page.evaluate((g) => (window as unknown as ProbeWindow)[g]!.suppressToasts(), PROBE_GLOBAL);
        screens.push({ id, page, cdp: await context.newCDPSession(page), geometry: screenGeometry(profileYaml, id) });
      }
      const firstScreen = screens[0]!.id;
      await waitFor(() => core.snapshot().link.status === 'connected', 'the wall connected to the broker');
      const shown = (s: Screen) => s.page.evaluate(() => `${document.querySelector('[data-testid="screen"]')?.getAttribute('data-preset')}|${document.documentElement.lang}`);
      const settle = async (preset: string, language: Language, ms: number) => {
        for (const s of screens) await expect.poll(() => shown(s), { timeout: 10_000 }).toBe(`${preset}|${language}`);
        await new Promise((r) => setTimeout(r, ms));
        // A confirmation toast (preset, language, outage) would stay 2.5 s over the panels: the
        // measured pages never show one (suppressToasts at load), so there is no need to wait for it.
        await Promise.all(screens.map((s) => s.page.evaluate(() => document.fonts.ready.then(() => undefined))));
      };
      const goPreset = async (preset: string, language: Language) => {
        if (core.getState().preset !== Number(preset)) core.command({ type: 'action', action: `preset:${Number(preset)}`, screen: firstScreen });
        if (core.getState().language !== language) core.command({ type: 'set-language', language });
        await settle(preset, language, PRESET_SETTLE_MS);
      };
      const setLanguage = async (preset: string, language: Language) => {
        core.command({ type: 'set-language', language });
        await settle(preset, language, LANGUAGE_SETTLE_MS);
      };
      const measureAll = async (preset: string, language: Language, state: WallCondition) => {
        const audits = await Promise.all(
          screens.map((s) => measure(s, { profile, preset, state, language, screen: s.id }, shotName(profile, preset, screens, s, language, state, VIEWPORT.width))),
        );
        pages.push(...audits);
      };
      /** Every preset in both languages (the language order alternates, so each preset costs one switch). */
      const auditPresets = async (state: WallCondition, only: readonly string[]) => {
        let languages = [...LANGUAGES];
        for (const preset of only) {
          await goPreset(preset, languages[0]!);
          await measureAll(preset, languages[0]!, state);
          await setLanguage(preset, languages[1]!);
          await measureAll(preset, languages[1]!, state);
          languages = languages.reverse();
        }
      };

      // First run: connected, nothing reported yet.
      const today = () => Object.values(core.snapshot().counters.today).reduce((a, b) => a + b, 0);
      expect(today(), 'no event before the traffic starts').toBe(0);
      await auditPresets('first-run', presets);
      timings[`${profile}:first-run`] = Date.now() - t0;
      firstRunDone.get(profile)!();
      await trafficStarted;

      // Subscribed once the simulator's events arrive; the scripted round is not retained.
      await waitFor(() => today() > 0, 'the first events counted');
      const before = today();
      const scripted = await traffic!.scriptedRound();
      await waitFor(() => today() >= before + scripted, 'the scripted events counted');

      // Live.
      await auditPresets('live', presets);
      timings[`${profile}:live`] = Date.now() - t0;
      // Every preset at 3840×2160 DPR 1 (screenshots only: the audit's geometry is the 1080p wall).
      await Promise.all(screens.map((s) => s.page.setViewportSize(VIEWPORT_4K)));
      for (const preset of presets) {
        await goPreset(preset, 'vi');
        await Promise.all(screens.map((s) => capture(s, shotName(profile, preset, screens, s, 'vi', 'live', VIEWPORT_4K.width))));
      }
      await Promise.all(screens.map((s) => s.page.setViewportSize(VIEWPORT)));
      timings[`${profile}:4k`] = Date.now() - t0;

      // Link down: the proxy drops the wall's connection; banner, stale marks and offline sites, before the outage preset.
      proxy.cut();
      for (const s of screens) await s.page.locator('[data-testid="link-banner"]').first().waitFor({ timeout: 10_000 });
      await new Promise((r) => setTimeout(r, SENSOR_TIMEOUT_MS + 1000));
      expect(core.getState().outage.active).toBe(false);
      await auditPresets('link-down', presets);
      expect(core.getState().outage.active).toBe(false);
      timings[`${profile}:link-down`] = Date.now() - t0;

      // Outage: the outage threshold lowered live (the core watches its files), so the outage preset takes over.
      if (outagePreset) {
        setOutageAfter(profileFile, 1);
        await waitFor(() => core.getState().outage.active && core.getState().preset === Number(outagePreset), 'the outage preset', 15_000);
        await settle(outagePreset, core.getState().language, PRESET_SETTLE_MS);
        const current = core.getState().language;
        for (const language of [current, ...LANGUAGES.filter((l) => l !== current)]) {
          if (language !== core.getState().language) await setLanguage(outagePreset, language);
          await measureAll(outagePreset, language, 'outage');
        }
        if (core.getState().language !== 'vi') await setLanguage(outagePreset, 'vi');
        await Promise.all(screens.map((s) => s.page.setViewportSize(VIEWPORT_4K)));
        await settle(outagePreset, 'vi', PRESET_SETTLE_MS);
        await Promise.all(screens.map((s) => capture(s, shotName(profile, outagePreset, screens, s, 'vi', 'outage', VIEWPORT_4K.width))));
      }
      timings[`${profile}:outage`] = Date.now() - t0;
    } finally {
      firstRunDone.get(profile)?.(); // a profile that failed early does not hold the other's traffic back
      proxy.restore();
      await context?.close();
      await host?.close();
      await core.stop();
    }
  }

  it(
    'every visible text is big enough, contrasted enough, whole, and no smaller in Vietnamese',
    async () => {
      const started = Date.now();
      await Promise.all(PROFILES.map((profile) => auditProfile(profile)));
      timings['total'] = Date.now() - started;
      // The table in a fixed order: profile, state, preset, Vietnamese before English.
      const order = (p: PageAudit) => [PROFILES.indexOf(p.context.profile as (typeof PROFILES)[number]), STATES.indexOf(p.context.state), Number(p.context.preset), LANGUAGES.indexOf(p.context.language)];
      pages.sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        const i = x.findIndex((v, k) => v !== y[k]);
        return i < 0 ? 0 : x[i]! - y[i]!;
      });

      // Vietnamese against English, per profile × preset × state × screen.
      const offences = new Map<string, number>();
      const languageDetails: (LanguageOffence & { where: string })[] = [];
      for (const vi of pages.filter((p) => p.context.language === 'vi')) {
        const en = pages.filter((p) => p.context.language === 'en' && rowKey({ ...p.context, language: 'vi' }) === rowKey(vi.context) && p.context.screen === vi.context.screen);
        const found = languageOffences([vi], en);
        const k = rowKey(vi.context);
        offences.set(k, (offences.get(k) ?? 0) + found.length);
        languageDetails.push(...found.map((o) => ({ ...o, where: k })));
      }
      const rows = summaryRows(pages, offences);
      const failures = [
        ...rows.flatMap(rowFailures),
        ...profileFailures(rows),
        ...[...new Set(pages.flatMap((p) => p.unknownReadValues))].map((v) => `data-read="${v}" is not one of key, legal, operational`),
      ];
      const worst = worstOffenders(pages, 10);
      console.log(`\nreadability audit (thresholds: operational ≥ ${THRESHOLDS.operationalDeg}°, key ≥ ${THRESHOLDS.keyDeg}°, contrast ≥ ${THRESHOLDS.contrast}:1, legal ≤ ${THRESHOLDS.legalMaxPercent} %)\n${formatTable(rows)}\n`);
      console.log(`10 worst offenders\n${formatOffenders(worst)}\n`);
      console.log(`readability audit timings (ms since each profile's start): ${JSON.stringify(timings)}; measuring time by step (ms, summed over pages): ${JSON.stringify(spent)}`);
      const clipped = pages.flatMap((p) => p.clipped.map((c) => ({ where: `${rowKey(p.context)}|${p.context.screen}`, ...c })));
      const covered = pages.flatMap((p) => p.covered.map((c) => ({ where: `${rowKey(p.context)}|${p.context.screen}`, ...c })));
      writeFileSync(
        join(OUT_DIR, 'summary.json'),
        JSON.stringify(
          {
            generatedAt: new Date().toISOString(),
            thresholds: THRESHOLDS,
            geometry: Object.fromEntries(pages.map((p) => [`${p.context.profile}/${p.context.screen}`, { ...p.geometry, innerWidth: p.innerWidth }])),
            timingsMs: timings,
            measuringMs: spent,
            rows,
            failures,
            worstOffenders: worst,
            clipped: clipped.slice(0, 300),
            covered: covered.slice(0, 300),
            fontFaults: pages.flatMap((p) => p.fontFaults.map((o) => ({ where: `${rowKey(p.context)}|${p.context.screen}`, ...o }))).slice(0, 300),
            overflowing: pages.flatMap((p) => p.overflowing.map((o) => ({ where: `${rowKey(p.context)}|${p.context.screen}`, ...o }))).slice(0, 300),
            textsUnderToasts: pages.reduce((a, p) => a + p.underToast, 0),
            languageOffences: languageDetails.slice(0, 300),
          },
          null,
          2,
        ),
      );
      expect(failures.length, `readability audit failures (${failures.length}):\n${failures.slice(0, 60).join('\n')}`).toBe(0);
    },
    480_000,
  );
});

// Plain Leaflet (never reactive): the province map and the inset of central Rạch Giá.
// Everything here lives in closure variables; the Vue component only feeds it store slices.
import * as L from 'leaflet';
import type { SiteState, SiteStatus } from '../../../electron/contract/index.js';
import { STATUS_RANK, STATUS_STYLE } from '../theme/categories.js';
import {
  CLUSTER_IDS,
  CLUSTER_LABEL_SITE,
  DISTRICTS,
  NEIGHBOURS,
  PROVINCE,
  SITES,
  type CatalogueSite,
} from './catalogue.js';
import { guardCanvasRedraw } from './canvas-redraw-guard.js';
import { Pulses } from './pulses.js';
import { HEAVY_COST, bestInsetPlacement, type Box } from './inset-placement.js';
import { isBetter, scoreSide, showsLabel, type LabelScene, type PlacedLabels, type SideScore } from './label-declutter.js';
import {
  INITIAL_TILE_HEALTH,
  TILE_PROBE_TIMEOUT_MS,
  TILE_RETRY_MS,
  TRANSPARENT_TILE,
  tileStep,
  tileUrlAt,
  type TileEvent,
  type TileState,
} from './tile-health.js';

/** The map data's attribution as its licences ask, in the wall's language. */

/** Leaflet's Bounds as the plain box the pure placement modules take. */
function boxOf(b: L.Bounds): Box {
  return { minX: b.min!.x, minY: b.min!.y, maxX: b.max!.x, maxY: b.max!.y };
}

export function mapAttribution(lang: string): readonly string[] {
  return lang === 'en'
    ? ['Boundaries: Open Development Mekong / Dept. of Survey and Mapping (CC BY-SA 4.0)', 'dvhcvn (GPL-3.0)', 'Natural Earth']
    : ['Ranh giới: Open Development Mekong / Cục Đo đạc và Bản đồ (CC BY-SA 4.0)', 'dvhcvn (GPL-3.0)', 'Natural Earth'];
}

const PULSE_MS = 1800;
/** Rings move in steps this far apart (about 16 a second: smooth from the room, cheap to draw). */
const PULSE_TICK_MS = 60;
/** Rings alive at once, whatever the event rate. */
const MAX_PULSES = 16;

/** A map at least this wide (layout px) shows its attribution at reading size. */
const ROOMY_MAP_PX = 1000;

const STATIC_MAP_OPTIONS: L.MapOptions = {
  preferCanvas: true,
  zoomControl: false,
  zoomSnap: 0.05,
  zoomDelta: 0.25,
  dragging: false,
  scrollWheelZoom: false,
  doubleClickZoom: false,
  boxZoom: false,
  keyboard: false,
  touchZoom: false,
  inertia: false,
  fadeAnimation: false,
  zoomAnimation: false,
  markerZoomAnimation: false,
};

function districtShortName(id: string): string | null {
  const f = DISTRICTS.features.find((d) => (d.properties as Record<string, unknown> | null)?.['id'] === id);
  const n = (f?.properties as Record<string, unknown> | null)?.['short_name_vi'];
  return typeof n === 'string' ? n : null;
}

/** The filled base layers; over raster tiles their fill turns translucent so the tiles show through. */
interface BaseFills {
  neighbours: L.GeoJSON | null;
  province: L.GeoJSON;
}

function addBaseLayers(map: L.Map, withNeighbours: boolean): BaseFills {
  const neighbours = withNeighbours
    ? L.geoJSON(NEIGHBOURS, {
        interactive: false,
        style: () => ({ color: '#243042', weight: 1, fillColor: '#141c28', fillOpacity: 1 }),
      }).addTo(map)
    : null;
  const province = L.geoJSON(PROVINCE, {
    interactive: false,
    style: () => ({ color: '#7fb3e0', weight: 2, fillColor: '#16283f', fillOpacity: 1 }),
  }).addTo(map);
  L.geoJSON(DISTRICTS, {
    interactive: false,
    style: () => ({ color: '#3f5f82', weight: 1, fill: false, dashArray: '3 3' }),
  }).addTo(map);
  return { neighbours, province };
}

function setFills(f: BaseFills, overTiles: boolean): void {
  f.neighbours?.setStyle({ fillOpacity: overTiles ? 0.55 : 1 });
  f.province.setStyle({ fillOpacity: overTiles ? 0.35 : 1 });
}

/** Optional raster tiles under the vector base map (`profile.map.tiles`). */
export interface TileConfig {
  url: string;
  attribution?: string;
  max_zoom?: number;
}

function markerStyle(status: SiteStatus, scale = 1): L.CircleMarkerOptions {
  const s = STATUS_STYLE[status];
  return {
    radius: s.radius * scale,
    color: s.stroke,
    weight: s.weight,
    fillColor: s.fill,
    fillOpacity: s.fillOpacity,
    opacity: 1,
    dashArray: s.dashArray ?? undefined,
  };
}

interface SiteMarker {
  site: CatalogueSite;
  marker: L.CircleMarker;
  cross: L.Marker | null;
  status: SiteStatus;
  map: L.Map;
  scale: number;
}

export interface SiteMapOptions {
  main: HTMLElement;
  inset: HTMLElement;
  /** The inset's frame, positioned over the emptiest part of the main map. */
  insetBox: HTMLElement;
  siteLabel: (site: CatalogueSite) => string;
  /** A site's short name for a permanent label, in the wall's language. */
  shortLabel: (site: CatalogueSite) => string;
  /** The attribution lines, in the wall's language. */
  attribution: () => readonly string[];
  statusLabel: (status: SiteStatus) => string;
  clusterLabel: (count: number) => string;
  reducedMotion: boolean;
  /** Only these sites (a layout's `sites` / `districts`): drawn individually and fitted to; null = the province. */
  only?: ReadonlySet<string> | null;
  /** Device pixels per layout pixel (the stage may scale a 1080p layout up to a 4K panel). */
  pixelRatio: number;
  /** Told whenever the tile layer's state changes (`none` without a tile server). */
  onTiles?: (state: TileState) => void;
}

export interface SiteMap {
  update(sites: ReadonlyMap<string, SiteState>): void;
  /** Uses a tile server under the vector map (null: none). Failing servers are removed and retried every 5 min. */
  setTiles(config: TileConfig | null): void;
  relabel(): void;
  resize(): void;
  /** Rings one site (the critical alarm's), or none. */
  highlight(siteId: string | null): void;
  /**
   * Rings the sites showing a possible attack progression (three or more ATT&CK tactics in an
   * hour) with a dashed amber square (the map's legend names it: not colour alone).
   */
  flagProgressions(siteIds: ReadonlySet<string>): void;
  destroy(): void;
}

export function createSiteMap(opts: SiteMapOptions): SiteMap {
  // Leaflet's canvas renderer doubles its backing store only on "retina" screens; a stage scaled
  // up to a 4K panel at pixel ratio 1 needs it as much, or the map is an upscaled 1080p bitmap.
  (L.Browser as { retina: boolean }).retina = opts.pixelRatio > 1;
  guardCanvasRedraw();
  // Views are set before any layer is added (Leaflet's canvas renderer needs a view).
  const provinceBounds = L.geoJSON(PROVINCE).getBounds();
  const only = opts.only ?? null;
  // The capital cluster (badge + inset) only on the whole-province map.
  const useCluster = only === null;
  const shownSites = only ? SITES.filter((s) => only.has(s.id)) : SITES;
  const labelAll = only !== null && shownSites.length <= 12;
  const viewBounds =
    only && shownSites.length > 0 ? L.latLngBounds(shownSites.map((s) => [s.lat, s.lon] as [number, number])) : provinceBounds;
  const viewPadding: L.FitBoundsOptions = only ? { padding: [70, 70], maxZoom: 11 } : { padding: [18, 18] };
  if (!useCluster) opts.insetBox.style.display = 'none';
  const clusterSites = SITES.filter((s) => CLUSTER_IDS.has(s.id));
  const clusterBounds = L.latLngBounds(clusterSites.map((s) => [s.lat, s.lon] as [number, number]));
  const main = L.map(opts.main, { ...STATIC_MAP_OPTIONS, attributionControl: true });
  const inset = L.map(opts.inset, { ...STATIC_MAP_OPTIONS, attributionControl: false });
  /**
   * fitBounds, unless the container is smaller than its padding (a panel being laid out, a
   * collapsed tile): Leaflet would compute a NaN zoom and the map would break for good.
   */
  function safeFit(map: L.Map, bounds: L.LatLngBounds, options: L.FitBoundsOptions): void {
    const size = map.getSize();
    const pad = options.padding ? L.point(options.padding as L.PointExpression) : L.point(0, 0);
    if (size.x > pad.x * 2 + 8 && size.y > pad.y * 2 + 8) map.fitBounds(bounds, options);
    else if (!(map as unknown as { _loaded?: boolean })._loaded) map.setView(bounds.getCenter(), 7);
  }
  safeFit(main, viewBounds, viewPadding);
  safeFit(inset, clusterBounds, { padding: [22, 22] });
  function fit(): void {
    main.invalidateSize();
    safeFit(main, viewBounds, viewPadding);
    if (!useCluster) {
      declutterLabels(null);
      return;
    }
    // Labels where they would go, the inset where it hides the fewest of them, then the
    // labels again around the inset (a label it would cover moves, or is dropped).
    declutterLabels(null);
    declutterLabels(placeInset());
    inset.invalidateSize();
    safeFit(inset, clusterBounds, { padding: [22, 22] });
  }
  main.attributionControl.setPrefix(false);
  let attributionShown: readonly string[] = [];
  function setAttribution(): void {
    for (const a of attributionShown) main.attributionControl.removeAttribution(a);
    attributionShown = opts.attribution();
    for (const a of attributionShown) main.attributionControl.addAttribution(a);
  }
  sizeAttribution();

  /**
   * The attribution at reading size where the map has the room (a wide cell, a map across the
   * wall), else as a legal line below it (which the readability audit allows for at most 3 % of
   * a screen's texts).
   */
  function sizeAttribution(): void {
    const el = main.attributionControl.getContainer();
    if (!el) return;
    const roomy = main.getSize().x >= ROOMY_MAP_PX;
    el.classList.toggle('attribution-reading', roomy);
    if (roomy) el.removeAttribute('data-read');
    else el.setAttribute('data-read', 'legal');
  }
  const fills = [addBaseLayers(main, true), addBaseLayers(inset, false)];

  // ---- Optional tile layer (plain variables: Leaflet objects are never reactive) ----
  let onTiles = opts.onTiles;
  let tileConfig: TileConfig | null = null;
  let tileHealth = INITIAL_TILE_HEALTH;
  let tileLayers: L.TileLayer[] = [];
  let tileRetry: ReturnType<typeof setTimeout> | null = null;
  let probe: { img: HTMLImageElement; timer: ReturnType<typeof setTimeout> } | null = null;

  function stopProbe(): void {
    if (!probe) return;
    clearTimeout(probe.timer);
    probe.img.onload = null;
    probe.img.onerror = null;
    probe.img.src = TRANSPARENT_TILE;
    probe = null;
  }

  function removeTileLayers(): void {
    for (const layer of tileLayers) {
      layer.off();
      layer.remove();
    }
    tileLayers = [];
    for (const f of fills) setFills(f, false);
  }

  function tileEvent(e: TileEvent): void {
    const before = tileHealth.state;
    const step = tileStep(tileHealth, e);
    tileHealth = step.next;
    if (step.action === 'remove-layer') removeTileLayers();
    else if (step.action === 'add-layer') addTileLayers();
    else if (step.action === 'probe') startProbe();
    if (tileHealth.state === 'failed' && before !== 'failed') {
      removeTileLayers();
      if (tileRetry) clearTimeout(tileRetry);
      tileRetry = setTimeout(() => {
        tileRetry = null;
        tileEvent('retry');
      }, TILE_RETRY_MS);
    }
    if (tileHealth.state === 'ok' && before !== 'ok') for (const f of fills) setFills(f, true);
    if (tileHealth.state !== before) onTiles?.(tileHealth.state);
  }

  /** One tile of the current view, loaded off-map: the layer is only added when it loads. */
  function startProbe(): void {
    stopProbe();
    const cfg = tileConfig;
    if (!cfg) return;
    const c = main.getCenter();
    const url = tileUrlAt(cfg.url, c.lat, c.lng, Math.min(main.getZoom(), cfg.max_zoom ?? 18));
    if (!url) {
      tileEvent('probe-failed');
      return;
    }
    const img = new Image();
    const timer = setTimeout(() => {
      stopProbe();
      tileEvent('probe-failed');
    }, TILE_PROBE_TIMEOUT_MS);
    probe = { img, timer };
    img.onload = () => {
      stopProbe();
      tileEvent('probe-ok');
    };
    img.onerror = () => {
      stopProbe();
      tileEvent('probe-failed');
    };
    img.decoding = 'async';
    img.src = url;
  }

  function addTileLayers(): void {
    const cfg = tileConfig;
    if (!cfg) return;
    removeTileLayers();
    for (const map of [main, inset]) {
      const layer = L.tileLayer(cfg.url, {
        // The server's deepest zoom is native; deeper views (the inset) upscale its tiles
        // instead of clamping the map's zoom to it.
        maxNativeZoom: cfg.max_zoom ?? 18,
        maxZoom: 22,
        attribution: map === main ? cfg.attribution ?? '' : '',
        errorTileUrl: TRANSPARENT_TILE,
        crossOrigin: false,
        // Under every vector pane (overlayPane 400): the outlines stay on top.
        pane: 'tilePane',
        updateWhenIdle: true,
        keepBuffer: 0,
      });
      layer.on('tileload', () => tileEvent('tileload'));
      layer.on('tileerror', () => tileEvent('tileerror'));
      layer.addTo(map);
      tileLayers.push(layer);
    }
  }

  function setTiles(cfg: TileConfig | null): void {
    const same = cfg?.url === tileConfig?.url && cfg?.attribution === tileConfig?.attribution && cfg?.max_zoom === tileConfig?.max_zoom;
    if (same) return;
    stopProbe();
    if (tileRetry) clearTimeout(tileRetry);
    tileRetry = null;
    tileEvent('unconfigure');
    removeTileLayers();
    tileConfig = cfg && cfg.url.trim() ? { ...cfg } : null;
    if (tileConfig) tileEvent('configure');
  }

  /** Class of a permanent label left out because it would cover another (see declutterLabels). */
  const LABEL_DROPPED = 'label-dropped';
  const markers = new Map<string, SiteMarker>();
  const pulses = new Pulses<{ ring: L.CircleMarker; from: number }>(MAX_PULSES, PULSE_MS);
  let pulseFrame: number | null = null;
  let pulseStepAt = 0;
  const lastHighSeen = new Map<string, number>();
  let firstUpdate = true;

  function makeMarker(site: CatalogueSite, map: L.Map, scale: number): SiteMarker {
    const marker = L.circleMarker([site.lat, site.lon], markerStyle('unknown', scale)).addTo(map);
    const district = site.tier === 'district' && map === main;
    const permanent = (district || labelAll) && map === main;
    const label = district
      ? districtShortName(site.parent_district) ?? opts.shortLabel(site)
      : permanent
        ? opts.shortLabel(site)
        : opts.siteLabel(site);
    marker.bindTooltip(label, {
      permanent,
      direction: permanent ? 'right' : 'top',
      offset: permanent ? [10, 0] : [0, -10],
      className: permanent ? 'site-label' : 'site-tip',
      opacity: 1,
    });
    return { site, marker, cross: null, status: 'unknown', map, scale };
  }

  for (const site of shownSites) {
    if (useCluster && CLUSTER_IDS.has(site.id)) markers.set(site.id, makeMarker(site, inset, 0.9));
    else markers.set(site.id, makeMarker(site, main, 1));
  }

  // One badge for the capital cluster at province zoom: worst status + count.
  const clusterCentre = clusterBounds.getCenter();
  const clusterBadge = L.circleMarker(clusterCentre, { ...markerStyle('unknown', 1.7) });
  if (useCluster) clusterBadge.addTo(main);
  clusterBadge.bindTooltip('', { permanent: true, direction: 'right', offset: [18, 0], className: 'site-label cluster-label', opacity: 1 });
  let clusterStatus: SiteStatus = 'unknown';
  let clusterTextShown = '';
  // The inset's frame on the main map.
  if (useCluster) {
    L.rectangle(clusterBounds.pad(0.6), { color: '#e6edf5', weight: 1, dashArray: '2 4', fill: false, interactive: false }).addTo(main);
  }

  /**
   * A glyph drawn by CSS inside every marker that is not quiet (triangle: attacked, diamond:
   * critical, cross: offline, ring: unknown), so no state is told by colour alone and no
   * system font is needed. One DOM node per site at most.
   */
  function setGlyph(m: SiteMarker, status: SiteStatus): void {
    m.cross?.remove();
    m.cross = null;
    if (status === 'quiet') return;
    const size = Math.round(STATUS_STYLE[status].radius * m.scale * 1.1);
    m.cross = L.marker([m.site.lat, m.site.lon], {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: `site-glyph glyph-${status}`, html: '', iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
    }).addTo(m.map);
  }

  /** One ring per site (`key`; events while it runs are absorbed by it); all moved by one animation clock. */
  function pulse(key: string, map: L.Map, latlng: L.LatLngExpression, from: number, status: SiteStatus): void {
    if (opts.reducedMotion) return;
    const color = status === 'critical' ? '#ff7a3d' : '#ffc24d';
    const p = pulses.start(key, performance.now(), () => ({
      ring: L.circleMarker(latlng, { radius: from, color, weight: 3, fill: false, opacity: 1, interactive: false }).addTo(map),
      from,
    }));
    if (p === null) return;
    if (pulseFrame === null) pulseFrame = requestAnimationFrame(animatePulses);
  }

  function animatePulses(now: number): void {
    pulseFrame = null;
    if (now - pulseStepAt >= PULSE_TICK_MS) {
      pulseStepAt = now;
      pulses.advance(
        now,
        ({ ring, from }, p) => {
          ring.setRadius(from + 34 * p);
          ring.setStyle({ opacity: 1 - p, weight: 3 - 2 * p });
        },
        ({ ring }) => ring.remove(),
      );
    }
    if (pulses.size > 0) pulseFrame = requestAnimationFrame(animatePulses);
  }

  function update(sites: ReadonlyMap<string, SiteState>): void {
    let worst: SiteStatus = 'quiet';
    let clusterPulse = false;
    let clusterCount = 0;
    for (const [id, m] of markers) {
      const st = sites.get(id);
      const status: SiteStatus = st?.status ?? 'unknown';
      if (status !== m.status) {
        m.status = status;
        m.marker.setStyle(markerStyle(status, m.scale));
        m.marker.setRadius(STATUS_STYLE[status].radius * m.scale);
        setGlyph(m, status);
        if (status === 'critical' || status === 'attacked') m.marker.bringToFront();
        if (!m.marker.getTooltip()?.options.permanent) m.marker.setTooltipContent(opts.siteLabel(m.site) + ' — ' + opts.statusLabel(status));
      }
      if (useCluster && CLUSTER_IDS.has(id)) {
        clusterCount++;
        if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
      }
      const high = st?.lastHighAt ?? null;
      if (high !== null) {
        const seen = lastHighSeen.get(id);
        lastHighSeen.set(id, high);
        if (!firstUpdate && (seen === undefined || high > seen)) {
          pulse(id, m.map, [m.site.lat, m.site.lon], STATUS_STYLE[status].radius * m.scale, status);
          if (useCluster && CLUSTER_IDS.has(id)) clusterPulse = true;
        }
      }
    }
    if (clusterCount === 0) worst = 'unknown';
    if (worst !== clusterStatus) {
      clusterStatus = worst;
      clusterBadge.setStyle(markerStyle(worst, 1.7));
      clusterBadge.setRadius(Math.max(14, STATUS_STYLE[worst].radius * 1.7));
    }
    const text = clusterText(clusterCount);
    if (text !== clusterTextShown) {
      clusterTextShown = text;
      clusterBadge.setTooltipContent(clusterLabelElement(text));
    }
    if (clusterPulse) pulse('cluster', main, clusterCentre, 20, worst);
    firstUpdate = false;
  }

  /**
   * The cluster's label on two lines: name and count, then its worst state in words (quiet too,
   * so the label never grows after the labels were placed); two lines keep it within a small map.
   */
  function clusterText(count: number): string {
    const name = CLUSTER_LABEL_SITE ? districtShortName(CLUSTER_LABEL_SITE.parent_district) ?? opts.shortLabel(CLUSTER_LABEL_SITE) : '';
    return `${`${name} · ${opts.clusterLabel(count)}`.trim()}\n${opts.statusLabel(clusterStatus)}`;
  }

  /** The label as text nodes, a line each: nothing is parsed as HTML. */
  function clusterLabelElement(text: string): HTMLElement {
    const el = document.createElement('div');
    for (const line of text.split('\n')) {
      const row = document.createElement('div');
      row.textContent = line;
      el.appendChild(row);
    }
    return el;
  }

  function relabel(): void {
    for (const m of markers.values()) {
      const tip = m.marker.getTooltip();
      if (!tip?.options.permanent) m.marker.setTooltipContent(opts.siteLabel(m.site) + ' — ' + opts.statusLabel(m.status));
      else if (!(m.site.tier === 'district' && m.map === main)) m.marker.setTooltipContent(opts.shortLabel(m.site));
    }
    setAttribution();
    clusterTextShown = clusterText(clusterSites.length);
    clusterBadge.setTooltipContent(clusterLabelElement(clusterTextShown));
    // Other words, other widths (labels, the attribution): place the labels again.
    fit();
  }

  /**
   * Measures elements in the map container's own pixels. The page may show the map scaled (a
   * merged screen is a 1920×1080 canvas scaled into a tile), so screen rectangles are divided
   * by that scale; Leaflet's container points are unscaled.
   */
  function containerBoxes(): (el: Element) => L.Bounds {
    const origin = opts.main.getBoundingClientRect();
    const k = origin.width > 0 && opts.main.offsetWidth > 0 ? opts.main.offsetWidth / origin.width : 1;
    return (el) => {
      const r = el.getBoundingClientRect();
      return L.bounds([(r.left - origin.left) * k, (r.top - origin.top) * k], [(r.right - origin.left) * k, (r.bottom - origin.top) * k]);
    };
  }

  /**
   * Puts the inset where it hides the fewest sites, labels and coastline (a province-agnostic
   * declutter: no hand-placed coordinates). Obstacles are measured in container pixels.
   */
  function placeInset(): L.Bounds {
    const size = main.getSize();
    const heavy: Box[] = [];
    const toContainer = containerBoxes();
    const addMarker = (m: L.CircleMarker): void => {
      const p = main.latLngToContainerPoint(m.getLatLng());
      heavy.push({ minX: p.x - 14, minY: p.y - 14, maxX: p.x + 14, maxY: p.y + 14 });
      const tip = m.getTooltip();
      const tipEl = tip?.getElement();
      if (tip?.options.permanent && tipEl && !tipEl.classList.contains(LABEL_DROPPED)) {
        heavy.push(boxOf(toContainer(tipEl)));
      }
    };
    for (const m of markers.values()) if (m.map === main) addMarker(m.marker);
    addMarker(clusterBadge);
    const light: L.Point[] = [];
    for (const f of PROVINCE.features) {
      const g = f.geometry;
      const polys = g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : [];
      for (const poly of polys) for (const ring of poly) for (let i = 0; i < ring.length; i += 6) {
        const c = ring[i];
        if (c) light.push(main.latLngToContainerPoint([c[1] ?? 0, c[0] ?? 0]));
      }
    }
    // Clear of the attribution line (at reading size on a wide map, two or three lines on a small one).
    const legalHeight = main.attributionControl.getContainer()?.offsetHeight ?? 16;
    // Never narrower than its title at reading size, nor too short for a map under it.
    const title = opts.insetBox.firstElementChild as HTMLElement | null;
    const minW = title ? titleWidth(title) : 0;
    const minH = title ? title.offsetHeight * 2.5 : 0;
    // Where no placement is found, the top-left corner, still no narrower than the title.
    let best = { x: 8, y: 8, w: Math.max(250, minW), h: Math.max(200, minH), score: Infinity };
    // Largest inset that hides no site or label; shrink until one fits.
    for (const scale of [1, 0.9, 0.8, 0.7, 0.6]) {
      const w = Math.max(minW, Math.round(Math.max(200, Math.min(340, size.x * 0.36)) * scale));
      const h = Math.max(minH, Math.round(Math.max(170, Math.min(270, size.y * 0.44)) * scale));
      const found = bestInsetPlacement({ width: size.x, height: size.y, w, h, step: 10, first: 6, margin: 8, bottom: legalHeight + 8, heavy, light });
      if (found && found.score < best.score) best = { ...found, w, h };
      if (best.score < HEAVY_COST) break;
    }
    const st = opts.insetBox.style;
    st.left = `${best.x}px`;
    st.top = `${best.y}px`;
    st.width = `${best.w}px`;
    st.height = `${best.h}px`;
    return L.bounds([best.x, best.y], [best.x + best.w, best.y + best.h]);
  }

  /** Layout width the inset needs for its title on one line: the text's own width (a Range, not the block's), padding and border. */
  function titleWidth(title: HTMLElement): number {
    const range = document.createRange();
    range.selectNodeContents(title);
    const shown = title.getBoundingClientRect().width;
    const k = shown > 0 ? title.offsetWidth / shown : 1; // a merged screen is scaled
    const cs = getComputedStyle(title);
    const px = (v: string): number => Number.parseFloat(v) || 0;
    return Math.ceil(range.getBoundingClientRect().width * k + px(cs.paddingLeft) + px(cs.paddingRight) + 4 + 6);
  }

  /**
   * Puts each permanent label on the first side (right, left, top, bottom) where it overlaps
   * nothing placed yet. A label that overlaps an earlier one on every side is dropped (its
   * marker stays): two names printed over each other cannot be read from the room.
   * `blocked` (the inset) is a box no label may cover. The capital's badge label is never dropped.
   */
  function declutterLabels(blocked: L.Bounds | null): void {
    const toContainer = containerBoxes();
    const dots: Box[] = [];
    const labelled: L.CircleMarker[] = [];
    for (const m of markers.values()) {
      if (m.map !== main) continue;
      const p = main.latLngToContainerPoint(m.marker.getLatLng());
      dots.push({ minX: p.x - 9, minY: p.y - 9, maxX: p.x + 9, maxY: p.y + 9 });
      if (m.marker.getTooltip()?.options.permanent) labelled.push(m.marker);
    }
    if (useCluster) labelled.unshift(clusterBadge); // the capital first: it matters most
    const size = main.getSize();
    const sides: { direction: L.Direction; offset: [number, number] }[] = [
      { direction: 'right', offset: [10, 0] },
      { direction: 'left', offset: [-10, 0] },
      { direction: 'top', offset: [0, -10] },
      { direction: 'bottom', offset: [0, 10] },
    ];
    const whole: Box = { minX: 0, minY: 0, maxX: size.x, maxY: size.y };
    // The attribution line sits over the map's corner; this window's screen, on a map spanning
    // the wall (each window drops the labels across its own edges, so neighbours agree).
    const legalEl = main.attributionControl.getContainer();
    const screenEl = opts.main.closest('[data-testid="screen"]');
    const scene: LabelScene = {
      whole,
      dots,
      blocked: blocked ? boxOf(blocked) : null,
      legal: legalEl && legalEl.offsetWidth > 0 ? boxOf(toContainer(legalEl)) : null,
      screen: screenEl ? boxOf(toContainer(screenEl)) : null,
    };
    const placed: PlacedLabels = { boxes: [], texts: [] };
    const textOf = (el: HTMLElement, box: Box): Box => {
      const cs = getComputedStyle(el);
      const px = (v: string): number => Number.parseFloat(v) || 0;
      return {
        minX: box.minX + px(cs.paddingLeft) + px(cs.borderLeftWidth),
        minY: box.minY + px(cs.paddingTop) + px(cs.borderTopWidth),
        maxX: box.maxX - px(cs.paddingRight) - px(cs.borderRightWidth),
        maxY: box.maxY - px(cs.paddingBottom) - px(cs.borderBottomWidth),
      };
    };
    for (const marker of labelled) {
      const tip = marker.getTooltip();
      if (!tip) continue;
      const extra = marker === clusterBadge ? 12 : 0;
      tip.getElement()?.classList.remove(LABEL_DROPPED);
      let best: { side: (typeof sides)[number]; box: Box; text: Box; score: SideScore } | null = null;
      for (const side of sides) {
        tip.options.direction = side.direction;
        tip.options.offset = [side.offset[0] + Math.sign(side.offset[0]) * extra, side.offset[1] + Math.sign(side.offset[1]) * extra];
        tip.update();
        const el = tip.getElement();
        if (!el) break;
        const box = boxOf(toContainer(el));
        const text = textOf(el, box);
        const score = scoreSide(box, text, scene, placed);
        if (isBetter(score, best?.score ?? null)) best = { side, box, text, score };
        if (score.cost === 0) break;
      }
      if (!best) continue;
      tip.options.direction = best.side.direction;
      tip.options.offset = [best.side.offset[0] + Math.sign(best.side.offset[0]) * extra, best.side.offset[1] + Math.sign(best.side.offset[1]) * extra];
      tip.update();
      if (!showsLabel(best.score, marker === clusterBadge)) {
        tip.getElement()?.classList.add(LABEL_DROPPED);
        continue;
      }
      placed.boxes.push(best.box);
      placed.texts.push(best.text);
    }
  }

  relabel();

  // A thick dashed white ring, wider than any status marker and its pulse: read as "this one".
  let highlightRing: L.CircleMarker | null = null;
  function highlight(siteId: string | null): void {
    highlightRing?.remove();
    highlightRing = null;
    const m = siteId === null ? undefined : markers.get(siteId);
    if (!m) return;
    highlightRing = L.circleMarker([m.site.lat, m.site.lon], {
      radius: 30 * m.scale,
      color: '#ffffff',
      weight: 6,
      dashArray: '12 8',
      fill: false,
      interactive: false,
      className: 'site-highlight',
    }).addTo(m.map);
  }

  const progressionRings = new Map<string, L.Marker>();
  function flagProgressions(siteIds: ReadonlySet<string>): void {
    for (const [id, ring] of progressionRings) {
      if (!siteIds.has(id)) {
        ring.remove();
        progressionRings.delete(id);
      }
    }
    for (const id of siteIds) {
      const m = markers.get(id);
      if (!m || progressionRings.has(id)) continue;
      const size = Math.round(46 * m.scale);
      const ring = L.marker([m.site.lat, m.site.lon], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'site-progression', html: '', iconSize: [size, size], iconAnchor: [size / 2, size / 2] }),
      }).addTo(m.map);
      ring.getElement()?.setAttribute('data-site', id);
      progressionRings.set(id, ring);
    }
  }

  return {
    update,
    setTiles,
    relabel,
    highlight,
    flagProgressions,
    resize(): void {
      sizeAttribution();
      fit();
    },
    destroy(): void {
      highlightRing?.remove();
      if (pulseFrame !== null) cancelAnimationFrame(pulseFrame);
      pulseFrame = null;
      pulses.clear(({ ring }) => ring.remove());
      stopProbe();
      if (tileRetry) clearTimeout(tileRetry);
      tileRetry = null;
      onTiles = undefined;
      removeTileLayers();
      main.remove();
      inset.remove();
    },
  };
}

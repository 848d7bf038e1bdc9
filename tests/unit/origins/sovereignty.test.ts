// The origins panel's world map shows Quần đảo Hoàng Sa and Quần đảo Trường Sa as Viet Nam's,
// labelled, as Vietnamese law and the centre require: the islands are inside Viet Nam's feature and
// no other's, and that comes from the outlines added to Natural Earth (which leaves them out at
// 1:50m and gives the Paracels to China at 1:10m), not from chance. Also: one feature per country
// code, the codes the attack data uses, and no Antarctica.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'geojson';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import { describe, expect, it } from 'vitest';
import {
  ALPHA2_BY_NE_NAME,
  ALPHA2_DRAWN_AS,
  ISO_NUMERIC_TO_ALPHA2,
  alpha2ForFeature,
  featureNameForAlpha2,
  isoNumericKey,
} from '../../../renderer/src/origins/country-codes.js';
import { pointInGeometry, pointInPolygon, type Point } from '../../../renderer/src/origins/geo-contains.js';
import { HOANG_SA, TRUONG_SA, VIETNAM_ARCHIPELAGOS } from '../../../renderer/src/origins/vietnam-archipelagos.js';
import {
  ARCHIPELAGO_EXTENTS,
  ARCHIPELAGO_LABELS,
  buildWorldGeoJson,
  countryPolygons,
  dropForeignClaims,
  worldGeoJsonFrom,
  type CountryFeature,
  type WorldGeoJson,
} from '../../../renderer/src/origins/world-outlines.js';
import { REPO_ROOT } from '../../helpers/repo-guard.js';

/** Points on real islands ([lon, lat]). */
const ISLANDS: Record<string, Point> = {
  'Phú Lâm (Woody Island)': [112.339, 16.834],
  'Hoàng Sa (Pattle Island)': [111.608, 16.533],
  'Trường Sa Lớn (Spratly Island)': [111.918, 8.644],
  'Song Tử Tây (Southwest Cay)': [114.331, 11.429],
  'Ba Bình (Itu Aba)': [114.365, 10.377],
};

const map = buildWorldGeoJson();
const byName = (fc: WorldGeoJson, name: string): CountryFeature | undefined => fc.features.find((f) => f.properties.name === name);
const holders = (fc: WorldGeoJson, point: Point): string[] => fc.features.filter((f) => pointInGeometry(point, f.geometry)).map((f) => f.properties.name);
const vietNam = byName(map, 'VN');

/** Signed area in lon/lat (negative: clockwise). */
function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return a / 2;
}

describe('Hoàng Sa and Trường Sa on the world map', () => {
  it('puts a point on each of their main islands inside Viet Nam', () => {
    expect(vietNam?.geometry.type).toBe('MultiPolygon');
    for (const [island, point] of Object.entries(ISLANDS)) expect(pointInGeometry(point, vietNam!.geometry), island).toBe(true);
  });

  it('lets no other feature contain them: not China, not Taiwan, not the Philippines, none', () => {
    for (const code of ['CN', 'TW', 'PH', 'MY', 'BN']) expect(byName(map, code), code).toBeDefined();
    for (const [island, point] of Object.entries(ISLANDS)) {
      const others = holders(map, point).filter((name) => name !== 'VN');
      expect(others, `${island} is also inside ${others.join(', ')} (CN, TW and PH must hold none of it)`).toEqual([]);
      for (const code of ['CN', 'TW', 'PH']) expect(pointInGeometry(point, byName(map, code)!.geometry), `${island} inside ${code}`).toBe(false);
    }
  });

  it('is what the added outlines do: Natural Earth alone leaves the islands to nobody (control)', () => {
    const raw = feature(world, world.objects['countries'] as Parameters<typeof feature>[1] & { type: 'GeometryCollection' });
    const rawVietNam = raw.features.find((f) => f.id === '704');
    expect(rawVietNam?.properties?.['name']).toBe('Vietnam');
    for (const [island, point] of Object.entries(ISLANDS)) {
      expect(pointInGeometry(point, rawVietNam!.geometry), `raw world-atlas Viet Nam already holds ${island}`).toBe(false);
      expect(raw.features.filter((f) => pointInGeometry(point, f.geometry)).map((f) => f.properties?.['name']), island).toEqual([]);
    }
    // And the same build without the archipelagos fails the first test.
    const bare = worldGeoJsonFrom(world, []);
    for (const point of Object.values(ISLANDS)) expect(holders(bare, point)).toEqual([]);
  });

  it('keeps Viet Nam whole: Hà Nội, Rạch Giá and Phú Quốc are in VN', () => {
    expect(holders(map, [105.85, 21.03])).toEqual(['VN']);
    expect(holders(map, [105.08, 10.01])).toEqual(['VN']);
    expect(holders(map, [103.96, 10.23])).toEqual(['VN']);
  });

  it('labels both archipelagos in Vietnamese and English', () => {
    expect(HOANG_SA.label.vi).toContain('Hoàng Sa');
    expect(HOANG_SA.label.en).toContain('Hoang Sa');
    expect(HOANG_SA.label.en).toContain('Paracel');
    expect(TRUONG_SA.label.vi).toContain('Trường Sa');
    expect(TRUONG_SA.label.en).toContain('Truong Sa');
    expect(TRUONG_SA.label.en).toContain('Spratly');
    for (const a of VIETNAM_ARCHIPELAGOS) {
      expect(a.label.vi).toContain('(Việt Nam)');
      expect(a.label.en).toContain('(Viet Nam)');
    }
    expect(ARCHIPELAGO_LABELS.map((l) => l.id)).toEqual(['hoang-sa', 'truong-sa']);
    expect(ARCHIPELAGO_LABELS[0]!.label).toEqual(HOANG_SA.label);
    for (const l of ARCHIPELAGO_LABELS) {
      const [west, south, east, north] = ARCHIPELAGO_EXTENTS[l.id];
      expect(l.anchor[0]).toBeGreaterThan(west);
      expect(l.anchor[0]).toBeLessThan(east);
      expect(l.anchor[1]).toBeGreaterThan(south);
      expect(l.anchor[1]).toBeLessThan(north);
    }
  });

  it('draws each island as a small outline around its published position, winding as world-atlas does', () => {
    for (const a of VIETNAM_ARCHIPELAGOS) {
      expect(a.polygons).toHaveLength(a.islands.length);
      const [west, south, east, north] = ARCHIPELAGO_EXTENTS[a.id];
      a.islands.forEach((island, i) => {
        const ring = a.polygons[i]![0]!;
        expect(ring[0], island.en).toEqual(ring.at(-1));
        expect(signedArea(ring), `${island.en} winds clockwise`).toBeLessThan(0);
        expect(pointInPolygon(island.centre, a.polygons[i]!), island.en).toBe(true);
        for (const [lon, lat] of ring as [number, number][]) {
          expect(lon, island.en).toBeGreaterThan(west);
          expect(lon, island.en).toBeLessThan(east);
          expect(lat, island.en).toBeGreaterThan(south);
          expect(lat, island.en).toBeLessThan(north);
          // Small: no vertex farther than 3 km from the island's position.
          const dx = (lon - island.centre[0]) * 111.32 * Math.cos((lat * Math.PI) / 180);
          const dy = (lat - island.centre[1]) * 110.57;
          expect(Math.hypot(dx, dy), island.en).toBeLessThan(3);
        }
        // No island's outline swallows another's position.
        for (const other of VIETNAM_ARCHIPELAGOS.flatMap((b) => b.islands)) {
          if (other !== island) expect(pointInPolygon(other.centre, a.polygons[i]!), `${island.en} covers ${other.en}`).toBe(false);
        }
      });
    }
    expect(HOANG_SA.islands.map((i) => i.vi)).toEqual(expect.arrayContaining(['Đảo Hoàng Sa', 'Đảo Hữu Nhật', 'Đảo Quang Ảnh', 'Đảo Quang Hòa', 'Đảo Duy Mộng', 'Đảo Phú Lâm', 'Đảo Cây', 'Đảo Linh Côn']));
    expect(TRUONG_SA.islands.map((i) => i.vi)).toEqual(expect.arrayContaining(['Đảo Song Tử Tây', 'Đảo Sinh Tồn', 'Đảo Nam Yết', 'Đảo Sơn Ca', 'Đảo Thị Tứ', 'Đảo Ba Bình', 'Đảo An Bang']));
  });

  it('keeps them Viet Nam\'s even on Natural Earth 1:10m, which gives the Paracels to China', () => {
    const file = path.join(REPO_ROOT, 'node_modules', 'world-atlas', 'countries-10m.json');
    const tenM = JSON.parse(readFileSync(file, 'utf8')) as typeof world;
    const groups = countryPolygons(tenM);
    expect(dropForeignClaims(groups)).toEqual(['CN: 7 polygons', 'NE:Spratly Is.: 12 polygons']);
    const fine = worldGeoJsonFrom(tenM);
    for (const [island, point] of Object.entries(ISLANDS)) expect(holders(fine, point), island).toEqual(['VN']);
    expect(byName(fine, 'NE:Spratly Is.')).toBeUndefined();
    // And on 1:50m there was nothing to take away.
    expect(dropForeignClaims(countryPolygons(world))).toEqual([]);
  });
});

describe('the world map', () => {
  it('has one feature per name, the codes the attack data uses, and no Antarctica', () => {
    const names = map.features.map((f) => f.properties.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(238);
    for (const code of ['VN', 'CN', 'US', 'RU', 'KR', 'JP', 'TH', 'KH', 'LA', 'SG', 'DE', 'NL', 'GB', 'FR', 'BR', 'IN', 'ID', 'XK', 'TW', 'HK', 'MO', 'CX', 'CC']) {
      expect(names, code).toContain(code);
    }
    expect(names).not.toContain('AQ');
    expect(names.filter((n) => !/^[A-Z]{2}$/u.test(n))).toEqual(['NE:Siachen Glacier']);
    for (const f of map.features) expect(f.id).toBe(f.properties.name);
  });

  it('merges the features that share a country: Ashmore into AU, N. Cyprus into CY, Somaliland into SO', () => {
    expect(holders(map, [33.4, 35.25])).toEqual(['CY']); // north of the Green Line
    expect(holders(map, [33.0, 34.8])).toEqual(['CY']);
    expect(holders(map, [45.0, 9.5])).toEqual(['SO']); // Hargeisa region
    expect(holders(map, [21.17, 42.67])).toEqual(['XK']); // Pristina
    expect(holders(map, [105.68, -10.45])).toEqual(['CX']);
    const raw = feature(world, world.objects['countries'] as Parameters<typeof feature>[1] & { type: 'GeometryCollection' });
    const ashmore = raw.features.find((f) => f.properties?.['name'] === 'Ashmore and Cartier Is.')!;
    const ashmoreRing = (ashmore.geometry.type === 'Polygon' ? ashmore.geometry.coordinates[0] : [])!;
    const inner: Point = [ashmoreRing.reduce((s, p) => s + p[0]!, 0) / ashmoreRing.length, ashmoreRing.reduce((s, p) => s + p[1]!, 0) / ashmoreRing.length];
    expect(holders(map, inner)).toEqual(['AU']);
    const cocos = byName(map, 'CC')!;
    const cocosPolygons = cocos.geometry.type === 'Polygon' ? [cocos.geometry.coordinates] : cocos.geometry.coordinates;
    expect(cocosPolygons.every((p) => p[0]!.every(([lon]) => lon! > 96 && lon! < 97.5))).toBe(true);
  });

  it('counts territories that Natural Earth draws inside another country on that country', () => {
    const inside: Record<string, Point> = {
      GF: [-53.0, 4.0], GP: [-61.7, 16.15], MQ: [-61.02, 14.64], RE: [55.45, -21.1], YT: [45.15, -12.8], BQ: [-68.27, 12.2], SJ: [15.65, 78.22],
    };
    expect(Object.keys(inside).sort()).toEqual(Object.keys(ALPHA2_DRAWN_AS).sort());
    for (const [code, point] of Object.entries(inside)) expect(holders(map, point), code).toEqual([featureNameForAlpha2(code)]);
    expect(featureNameForAlpha2('vn')).toBe('VN');
    expect(featureNameForAlpha2(' GF ')).toBe('FR');
  });

  it('is built once', () => {
    expect(buildWorldGeoJson()).toBe(map);
  });
});

describe('country codes', () => {
  it('maps every ISO 3166-1 numeric code to a distinct alpha-2 code', () => {
    const entries = Object.entries(ISO_NUMERIC_TO_ALPHA2);
    expect(entries).toHaveLength(249);
    expect(new Set(entries.map(([, a]) => a)).size).toBe(249);
    for (const [numeric, alpha2] of entries) {
      expect(numeric).toMatch(/^\d{3}$/u);
      expect(alpha2).toMatch(/^[A-Z]{2}$/u);
    }
    expect(ISO_NUMERIC_TO_ALPHA2['704']).toBe('VN');
    expect(ISO_NUMERIC_TO_ALPHA2['156']).toBe('CN');
    expect(ISO_NUMERIC_TO_ALPHA2['840']).toBe('US');
    expect(ISO_NUMERIC_TO_ALPHA2['643']).toBe('RU');
  });

  it('gives every world-atlas 50m feature a code, except those decided by name', () => {
    const geometries = (world.objects['countries'] as unknown as { geometries: { id?: string; properties: { name: string } }[] }).geometries;
    expect(geometries).toHaveLength(241);
    const uncoded = geometries.filter((g) => alpha2ForFeature(g.id, g.properties.name) === null).map((g) => g.properties.name);
    expect(uncoded.sort()).toEqual(['Indian Ocean Ter.', 'Siachen Glacier']);
    for (const g of geometries.filter((x) => x.id === undefined)) expect(Object.hasOwn(ALPHA2_BY_NE_NAME, g.properties.name), g.properties.name).toBe(true);
  });

  it('reads ids as strings or numbers', () => {
    expect(alpha2ForFeature('704', 'Vietnam')).toBe('VN');
    expect(alpha2ForFeature(704, 'Vietnam')).toBe('VN');
    expect(alpha2ForFeature(4, 'Afghanistan')).toBe('AF');
    expect(alpha2ForFeature('36', 'Australia')).toBe('AU');
    expect(alpha2ForFeature(undefined, 'Kosovo')).toBe('XK');
    expect(alpha2ForFeature('036', 'Ashmore and Cartier Is.')).toBe('AU');
    expect(alpha2ForFeature('999', 'Nowhere')).toBeNull();
    expect(alpha2ForFeature(undefined, 'constructor')).toBeNull();
    expect(isoNumericKey('-99')).toBeNull();
    expect(isoNumericKey(1.5)).toBeNull();
  });
});

describe('point in geometry', () => {
  const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]];
  it('counts holes and all the polygons of a MultiPolygon', () => {
    const ring = { type: 'Polygon' as const, coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
    expect(pointInGeometry([2, 2], ring)).toBe(true);
    expect(pointInGeometry([5, 5], ring)).toBe(false);
    expect(pointInGeometry([11, 5], ring)).toBe(false);
    const two = { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6)]] };
    expect(pointInGeometry([5.5, 5.5], two)).toBe(true);
    expect(pointInGeometry([3, 3], two)).toBe(false);
    expect(pointInGeometry([0.5, 0.5], { type: 'Point', coordinates: [0.5, 0.5] })).toBe(false);
  });
});

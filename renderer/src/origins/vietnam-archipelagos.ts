// Quần đảo Hoàng Sa and Quần đảo Trường Sa, drawn as parts of Viet Nam. Natural Earth's 1:50m
// countries (world-atlas) leave both archipelagos out, and its 1:10m file gives the Paracels to
// China; Vietnamese law and this centre require both to be shown, as Viet Nam's and labelled.
//
// Each island is a small outline (a 16-point ellipse) at its published position and size, not a
// surveyed coastline: the sources of every position are named beside it (and in ATTRIBUTION.md).
// The outlines are a few hundred metres across, so at world scale they are specks: each
// archipelago also has a label anchor. Rings follow world-atlas's winding (outer rings clockwise
// in longitude/latitude, d3-geo's convention), so the shapes stay islands in any renderer.
// Pure data: no DOM, no ECharts.

/** [longitude, latitude], degrees (GeoJSON order). */
export type LonLat = [lon: number, lat: number];

export interface ArchipelagoIsland {
  vi: string;
  en: string;
  /** The published position of the island (see `source`). */
  centre: LonLat;
  /** Half-length and half-width of the outline, km, before rotation (east–west, north–south). */
  semiAxesKm: readonly [number, number];
  /** Counter-clockwise turn of the long axis from east, degrees. */
  rotationDeg?: number;
  source: string;
}

export interface Archipelago {
  id: 'hoang-sa' | 'truong-sa';
  label: { vi: string; en: string };
  /** Where the panel writes the label (the archipelago's conventional centre). */
  anchor: LonLat;
  /** The islands' outlines as MultiPolygon coordinates: one polygon (outer ring only) per island. */
  polygons: number[][][][];
  /** The islands, in the order of `polygons`. */
  islands: readonly ArchipelagoIsland[];
}

const VERTICES = 16;
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** A closed ring, clockwise in lon/lat, approximating an ellipse on the local tangent plane. */
export function islandRing(island: ArchipelagoIsland): number[][] {
  const [lon, lat] = island.centre;
  const [a, b] = island.semiAxesKm;
  const turn = ((island.rotationDeg ?? 0) * Math.PI) / 180;
  const kmPerLon = KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const ring: number[][] = [];
  for (let i = 0; i < VERTICES; i++) {
    const t = (-2 * Math.PI * i) / VERTICES; // decreasing angle: clockwise
    const x = a * Math.cos(t);
    const y = b * Math.sin(t);
    const east = x * Math.cos(turn) - y * Math.sin(turn);
    const north = x * Math.sin(turn) + y * Math.cos(turn);
    ring.push([round5(lon + east / kmPerLon), round5(lat + north / KM_PER_DEGREE_LAT)]);
  }
  ring.push([...ring[0]!]);
  return ring;
}

const NE10 = 'Natural Earth 1:10m outline (world-atlas countries-10m.json, cross-check only)';

/** Quần đảo Hoàng Sa: the Crescent group (nhóm Lưỡi Liềm) in the west, the Amphitrite group (nhóm An Vĩnh) in the north-east. */
const HOANG_SA_ISLANDS: readonly ArchipelagoIsland[] = [
  // Nhóm An Vĩnh (Amphitrite group)
  {
    vi: 'Đảo Phú Lâm', en: 'Woody Island', centre: [112.336, 16.832], semiAxesKm: [1.35, 0.7],
    source: `Wikipedia "Woody Island (South China Sea)": 16°50′03″N 112°20′15″E, 1.85 × 1.16 km, 2.6 km² with its runway and harbour (a Google Maps view of it is centred 16.8335 N 112.3432 E); ${NE10} 16.826–16.837 N, 112.327–112.337 E. The outline spans both`,
  },
  {
    vi: 'Đảo Đá', en: 'Rocky Island', centre: [112.3472, 16.8444], semiAxesKm: [0.25, 0.15],
    source: 'Wikipedia "Rocky Island, South China Sea": 16°50′40″N 112°20′50″E, 0.4 × 0.22 km',
  },
  {
    vi: 'Đảo Cây', en: 'Tree Island', centre: [112.2711, 16.98], semiAxesKm: [0.45, 0.25],
    source: 'Wikipedia "Tree Island, South China Sea": 16°58′48″N 112°16′16″E, 22 ha',
  },
  {
    vi: 'Đảo Linh Côn', en: 'Lincoln Island', centre: [112.732, 16.665], semiAxesKm: [0.85, 0.5], rotationDeg: 90,
    source: `vi.wikipedia "Linh Côn (đảo)": 16°40′N 112°44′E, 2.35 × 0.745 km with its sand spit; Horsburgh's India Directory (1843): 16°40′N 112°42′E; ${NE10} 16.658–16.669 N, 112.726–112.737 E`,
  },
  // Nhóm Lưỡi Liềm (Crescent group)
  {
    vi: 'Đảo Hoàng Sa', en: 'Pattle Island', centre: [111.608, 16.532], semiAxesKm: [0.55, 0.4],
    source: `Vietnamese account of the Crescent group ("Cụm Lưỡi Liềm", Đóng góp của nhân dân Quảng Nam – Đà Nẵng …): 16°32.0′N 111°36.7′E, oval 950 × 650 m; ${NE10} 16.525–16.533 N, 111.599–111.610 E`,
  },
  {
    vi: 'Đảo Hữu Nhật', en: 'Robert Island', centre: [111.5883, 16.505], semiAxesKm: [0.45, 0.45],
    source: 'the same Vietnamese account: 16°30.3′N 111°35.3′E, round, 800 m across',
  },
  {
    vi: 'Đảo Quang Ảnh', en: 'Money Island', centre: [111.5083, 16.4478], semiAxesKm: [0.4, 0.35],
    source: 'Wikipedia "Money Island, Paracel Islands" (GEOnet Names Server): 16°26′52″N 111°30′30″E; 0.5 km²',
  },
  {
    vi: 'Đảo Quang Hòa', en: 'Duncan Island', centre: [111.7075, 16.4497], semiAxesKm: [0.5, 0.4],
    source: 'CSIS AMTI Island Tracker "Duncan & Palm Island": 16°26′59″N 111°42′27″E; 0.48 km² with Palm Island 0.09 km²',
  },
  {
    vi: 'Đảo Duy Mộng', en: 'Drummond Island', centre: [111.7333, 16.4667], semiAxesKm: [0.4, 0.3],
    source: 'Vietnamese gazetteer table "Toạ độ địa lý các đảo và đá ngầm – Hoàng Sa": 16°28′N 111°44′E; 0.41 km²',
  },
  {
    vi: 'Đảo Bạch Quy', en: 'Passu Keah', centre: [111.76, 16.0463], semiAxesKm: [0.55, 0.3],
    source: `${NE10} 16.044–16.049 N, 111.754–111.765 E; one of the Crescent group's eight islands in the Vietnamese account`,
  },
  {
    vi: 'Đảo Tri Tôn', en: 'Triton Island', centre: [111.1978, 15.7839], semiAxesKm: [0.5, 0.45],
    source: `Wikipedia "Triton Island": 15°47′02″N 111°11′52″E, reef about 120 ha; biendong.net's table of extremes: 15°47.2′N 111°11.8′E (westernmost); ${NE10} 15.775–15.789 N, 111.193–111.207 E`,
  },
  {
    vi: 'Đảo Đá Bắc', en: 'North Reef', centre: [111.5133, 17.1], semiAxesKm: [0.5, 0.4],
    source: "biendong.net's table of extremes and the Vietnamese account: 17°06.0′N 111°30.8′E (northernmost)",
  },
];

/** Quần đảo Trường Sa: its islands and cays (đảo), not its reefs and banks. */
const TRUONG_SA_ISLANDS: readonly ArchipelagoIsland[] = [
  {
    vi: 'Đảo Trường Sa (Trường Sa Lớn)', en: 'Spratly Island', centre: [111.92, 8.6447], semiAxesKm: [0.6, 0.35],
    source: 'Wikipedia "Spratly Island" and vi.wikipedia "Cụm Trường Sa": 8°38′41″N 111°55′12″E; 630 × 300 m (Vietnam People\'s Navy), runway lengthened to about 1.2 km in 2016',
  },
  {
    vi: 'Đảo Song Tử Tây', en: 'Southwest Cay', centre: [114.3314, 11.4297], semiAxesKm: [0.35, 0.27], rotationDeg: 45,
    source: 'Wikipedia "Southwest Cay": about 11.430 N 114.331 E (consistent with AMTI\'s fix of Northeast Cay and the 1.75 nmi between the two); oval 650 × 500 m lying north-east–south-west (SCSPI)',
  },
  {
    vi: 'Đảo Song Tử Đông', en: 'Northeast Cay', centre: [114.3542, 11.4525], semiAxesKm: [0.4, 0.15],
    source: 'CSIS AMTI Island Tracker "Đảo Song Tử Đông": 11°27′09″N 114°21′15″E; about 850 × 250 yd',
  },
  {
    vi: 'Đảo Thị Tứ', en: 'Thitu Island', centre: [114.2815, 11.0495], semiAxesKm: [0.75, 0.4],
    source: `Wikipedia "Thitu Island": 11°03′08″N 114°17′00″E, 37.2 ha; ${NE10} 11.041–11.051 N, 114.271–114.289 E`,
  },
  {
    vi: 'Đảo Loại Ta', en: 'Loaita Island', centre: [114.4167, 10.6667], semiAxesKm: [0.3, 0.2],
    source: 'Wikipedia "Loaita Island": 10°40′N 114°25′E, 6.45 ha',
  },
  {
    vi: 'Đảo Ba Bình', en: 'Itu Aba Island', centre: [114.3658, 10.3769], semiAxesKm: [0.72, 0.22],
    source: `Wikipedia "Taiping Island": 10°22′37″N 114°21′57″E, elliptical, 1.43 × 0.40 km; ${NE10} 10.368–10.379 N, 114.357–114.368 E`,
  },
  {
    vi: 'Đảo Sơn Ca', en: 'Sand Cay', centre: [114.48, 10.375], semiAxesKm: [0.3, 0.2],
    source: `Wikipedia "Sand Cay": 10°22′30″N 114°28′48″E, 7 ha; ${NE10} about 1.4 km west of it`,
  },
  {
    vi: 'Đảo Nam Yết', en: 'Namyit Island', centre: [114.3667, 10.1794], semiAxesKm: [0.45, 0.25],
    source: `Wikipedia "Namyit Island": 10°10′46″N 114°22′00″E, 600 × 125 m before its enlargement; ${NE10} 10.176–10.188 N, 114.357–114.371 E`,
  },
  {
    vi: 'Đảo Sinh Tồn', en: 'Sin Cowe Island', centre: [114.3297, 9.8853], semiAxesKm: [0.3, 0.2],
    source: 'Wikipedia "Sin Cowe Island": 9°53′07″N 114°19′47″E, 8 ha',
  },
  {
    vi: 'Đảo Sinh Tồn Đông', en: 'Sin Cowe East Island (Grierson Reef)', centre: [114.5642, 9.9025], semiAxesKm: [0.2, 0.12], rotationDeg: -45,
    source: 'vi.wikipedia "Sinh Tồn Đông": 9°54′09″N 114°33′51″E, 210 × 100 m lying north-west–south-east, 2.8 ha',
  },
  {
    vi: 'Đảo An Bang', en: 'Amboyna Cay', centre: [112.9214, 7.8919], semiAxesKm: [0.2, 0.15],
    source: 'Wikipedia "Amboyna Cay": 07°53′31″N 112°55′17″E, 1.6 ha',
  },
  {
    vi: 'Đảo Dừa (Bến Lạc)', en: 'West York Island', centre: [115.0, 11.0833], semiAxesKm: [0.45, 0.35],
    source: `Vietnamese description of Trường Sa ("Đảo Bến Lạc/Đảo Dừa"): 11°05′N 115°00′E; 18.6 ha; ${NE10} draws it about 3 km further north-east (11.106–11.118 N, 115.009–115.023 E)`,
  },
  {
    vi: 'Đảo Vĩnh Viễn', en: 'Nanshan Island', centre: [115.8016, 10.7338], semiAxesKm: [0.32, 0.2],
    source: `Wikipedia "Nanshan Island": 10°44′N 115°48′E (its Google Maps link centred 10.7338 N 115.8016 E), 580 m long, 7.93 ha; ${NE10} 10.721–10.737 N, 115.811–115.833 E`,
  },
];

function archipelago(id: Archipelago['id'], label: Archipelago['label'], anchor: LonLat, islands: readonly ArchipelagoIsland[]): Archipelago {
  return { id, label, anchor, islands, polygons: islands.map((island) => [islandRing(island)]) };
}

/** Anchor: 16°30′N 112°00′E, the conventional centre of the Paracels (CIA World Factbook). */
export const HOANG_SA: Archipelago = archipelago(
  'hoang-sa',
  { vi: 'Quần đảo Hoàng Sa (Việt Nam)', en: 'Hoang Sa (Paracel) Islands (Viet Nam)' },
  [112.0, 16.5],
  HOANG_SA_ISLANDS,
);

/** Anchor: 10°N 114°E, the conventional centre of the Spratlys (Wikipedia, "Spratly Islands"). */
export const TRUONG_SA: Archipelago = archipelago(
  'truong-sa',
  { vi: 'Quần đảo Trường Sa (Việt Nam)', en: 'Truong Sa (Spratly) Islands (Viet Nam)' },
  [114.0, 10.0],
  TRUONG_SA_ISLANDS,
);

/** Both archipelagos, for the map (merged into Viet Nam's feature) and for the panel's labels. */
export const VIETNAM_ARCHIPELAGOS: readonly Archipelago[] = [HOANG_SA, TRUONG_SA];

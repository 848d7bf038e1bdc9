// Which ISO 3166-1 alpha-2 code each country outline of world-atlas stands for. Attack origins
// arrive as alpha-2 codes (DB-IP's country database); world-atlas names each feature by its
// ISO 3166-1 numeric code (`id`, three digits) and Natural Earth's short name (`properties.name`).
// Pure data and lookups: no DOM, no ECharts.

/**
 * ISO 3166-1 numeric → alpha-2, every code assigned by ISO 3166-1 (249 of them). Source:
 * ISO 3166-1 (the ISO 3166 Maintenance Agency's list), cross-read with the UN Statistics
 * Division's M49 "Standard country or area codes for statistical use", which publishes the same
 * numeric codes beside the ISO alpha codes. A fact table: edit only when ISO changes a code.
 */
export const ISO_NUMERIC_TO_ALPHA2: Readonly<Record<string, string>> = {
  '004': 'AF', '008': 'AL', '010': 'AQ', '012': 'DZ', '016': 'AS', '020': 'AD', '024': 'AO', '028': 'AG',
  '031': 'AZ', '032': 'AR', '036': 'AU', '040': 'AT', '044': 'BS', '048': 'BH', '050': 'BD', '051': 'AM',
  '052': 'BB', '056': 'BE', '060': 'BM', '064': 'BT', '068': 'BO', '070': 'BA', '072': 'BW', '074': 'BV',
  '076': 'BR', '084': 'BZ', '086': 'IO', '090': 'SB', '092': 'VG', '096': 'BN', '100': 'BG', '104': 'MM',
  '108': 'BI', '112': 'BY', '116': 'KH', '120': 'CM', '124': 'CA', '132': 'CV', '136': 'KY', '140': 'CF',
  '144': 'LK', '148': 'TD', '152': 'CL', '156': 'CN', '158': 'TW', '162': 'CX', '166': 'CC', '170': 'CO',
  '174': 'KM', '175': 'YT', '178': 'CG', '180': 'CD', '184': 'CK', '188': 'CR', '191': 'HR', '192': 'CU',
  '196': 'CY', '203': 'CZ', '204': 'BJ', '208': 'DK', '212': 'DM', '214': 'DO', '218': 'EC', '222': 'SV',
  '226': 'GQ', '231': 'ET', '232': 'ER', '233': 'EE', '234': 'FO', '238': 'FK', '239': 'GS', '242': 'FJ',
  '246': 'FI', '248': 'AX', '250': 'FR', '254': 'GF', '258': 'PF', '260': 'TF', '262': 'DJ', '266': 'GA',
  '268': 'GE', '270': 'GM', '275': 'PS', '276': 'DE', '288': 'GH', '292': 'GI', '296': 'KI', '300': 'GR',
  '304': 'GL', '308': 'GD', '312': 'GP', '316': 'GU', '320': 'GT', '324': 'GN', '328': 'GY', '332': 'HT',
  '334': 'HM', '336': 'VA', '340': 'HN', '344': 'HK', '348': 'HU', '352': 'IS', '356': 'IN', '360': 'ID',
  '364': 'IR', '368': 'IQ', '372': 'IE', '376': 'IL', '380': 'IT', '384': 'CI', '388': 'JM', '392': 'JP',
  '398': 'KZ', '400': 'JO', '404': 'KE', '408': 'KP', '410': 'KR', '414': 'KW', '417': 'KG', '418': 'LA',
  '422': 'LB', '426': 'LS', '428': 'LV', '430': 'LR', '434': 'LY', '438': 'LI', '440': 'LT', '442': 'LU',
  '446': 'MO', '450': 'MG', '454': 'MW', '458': 'MY', '462': 'MV', '466': 'ML', '470': 'MT', '474': 'MQ',
  '478': 'MR', '480': 'MU', '484': 'MX', '492': 'MC', '496': 'MN', '498': 'MD', '499': 'ME', '500': 'MS',
  '504': 'MA', '508': 'MZ', '512': 'OM', '516': 'NA', '520': 'NR', '524': 'NP', '528': 'NL', '531': 'CW',
  '533': 'AW', '534': 'SX', '535': 'BQ', '540': 'NC', '548': 'VU', '554': 'NZ', '558': 'NI', '562': 'NE',
  '566': 'NG', '570': 'NU', '574': 'NF', '578': 'NO', '580': 'MP', '581': 'UM', '583': 'FM', '584': 'MH',
  '585': 'PW', '586': 'PK', '591': 'PA', '598': 'PG', '600': 'PY', '604': 'PE', '608': 'PH', '612': 'PN',
  '616': 'PL', '620': 'PT', '624': 'GW', '626': 'TL', '630': 'PR', '634': 'QA', '638': 'RE', '642': 'RO',
  '643': 'RU', '646': 'RW', '652': 'BL', '654': 'SH', '659': 'KN', '660': 'AI', '662': 'LC', '663': 'MF',
  '666': 'PM', '670': 'VC', '674': 'SM', '678': 'ST', '682': 'SA', '686': 'SN', '688': 'RS', '690': 'SC',
  '694': 'SL', '702': 'SG', '703': 'SK', '704': 'VN', '705': 'SI', '706': 'SO', '710': 'ZA', '716': 'ZW',
  '724': 'ES', '728': 'SS', '729': 'SD', '732': 'EH', '740': 'SR', '744': 'SJ', '748': 'SZ', '752': 'SE',
  '756': 'CH', '760': 'SY', '762': 'TJ', '764': 'TH', '768': 'TG', '772': 'TK', '776': 'TO', '780': 'TT',
  '784': 'AE', '788': 'TN', '792': 'TR', '795': 'TM', '796': 'TC', '798': 'TV', '800': 'UG', '804': 'UA',
  '807': 'MK', '818': 'EG', '826': 'GB', '831': 'GG', '832': 'JE', '833': 'IM', '834': 'TZ', '840': 'US',
  '850': 'VI', '854': 'BF', '858': 'UY', '860': 'UZ', '862': 'VE', '876': 'WF', '882': 'WS', '887': 'YE',
  '894': 'ZM',
};

/**
 * Natural Earth features decided by name rather than by id. world-atlas 2.0.2's
 * countries-50m.json has 241 features; 236 carry an ISO numeric id that the table above maps
 * as it stands. These are the rest, checked one by one (`null`: no country code, drawn unshaded):
 * - 'Kosovo' (no id): 'XK', the user-assigned code that DB-IP (like the EU) reports for Kosovo.
 *   A data region, as Hong Kong, Macao and Taiwan are: no statement about recognition.
 * - 'N. Cyprus' (no id): 'CY'. No ISO code exists for it; it is drawn inside Cyprus, as the UN
 *   (Security Council resolution 541) and Viet Nam recognise only the Republic of Cyprus.
 * - 'Somaliland' (no id): 'SO'. No ISO code; part of Somalia for the UN and for Viet Nam.
 * - 'Siachen Glacier' (no id): null. Disputed between India and Pakistan, no code of its own;
 *   drawn unshaded rather than given to either side.
 * - 'Indian Ocean Ter.' (no id): null here, because it is two ISO territories in one feature,
 *   Christmas Island (CX) and the Cocos (Keeling) Islands (CC): FEATURE_SPLITS splits its polygons.
 * - 'Ashmore and Cartier Is.': its id '036' is Australia's; the Australian external territory
 *   has no code of its own, so it is 'AU' and is merged into Australia's feature.
 */
export const ALPHA2_BY_NE_NAME: Readonly<Record<string, string | null>> = {
  Kosovo: 'XK',
  'N. Cyprus': 'CY',
  Somaliland: 'SO',
  'Siachen Glacier': null,
  'Indian Ocean Ter.': null,
  'Ashmore and Cartier Is.': 'AU',
};

/** A feature that holds several ISO territories: each polygon goes by the longitude of its first vertex. */
export interface FeatureSplit {
  alpha2: string;
  /** West and east bounds, degrees (the first vertex of the polygon's outer ring lies within). */
  west: number;
  east: number;
}

/** Christmas Island lies at 105.6° E, the Cocos (Keeling) Islands at 96.8–96.9° E. */
export const FEATURE_SPLITS: Readonly<Record<string, readonly FeatureSplit[]>> = {
  'Indian Ocean Ter.': [
    { alpha2: 'CX', west: 100, east: 110 },
    { alpha2: 'CC', west: 90, east: 100 },
  ],
};

/**
 * Codes that DB-IP may report for territories that Natural Earth draws inside another country's
 * feature (checked with a point on each in the unit test): count them on that feature. Codes of
 * territories that world-atlas 50m does not draw at all (Bouvet Island BV, US Minor Outlying
 * Islands UM, Tokelau TK, Gibraltar GI, Tuvalu TV) have no feature and stay off the map.
 */
export const ALPHA2_DRAWN_AS: Readonly<Record<string, string>> = {
  GF: 'FR', // French Guiana
  GP: 'FR', // Guadeloupe
  MQ: 'FR', // Martinique
  RE: 'FR', // Réunion
  YT: 'FR', // Mayotte
  BQ: 'NL', // Bonaire, Sint Eustatius and Saba
  SJ: 'NO', // Svalbard and Jan Mayen
};

const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** The numeric id as world-atlas writes it ('704'), from a string or a number; null if it is not one. */
export function isoNumericKey(id: string | number | undefined): string | null {
  if (id === undefined) return null;
  const text = typeof id === 'number' ? (Number.isInteger(id) && id >= 0 ? String(id) : '') : id.trim();
  return /^\d{1,3}$/u.test(text) ? text.padStart(3, '0') : null;
}

/**
 * The alpha-2 code of a world-atlas feature, from its `id` (ISO numeric) and `properties.name`;
 * null when it has none (see ALPHA2_BY_NE_NAME and FEATURE_SPLITS). The name is looked at first,
 * because one id ('036') is shared and five features have none.
 */
export function alpha2ForFeature(id: string | number | undefined, name: string): string | null {
  const byName = own(ALPHA2_BY_NE_NAME, name);
  if (byName !== undefined) return byName;
  const key = isoNumericKey(id);
  return key === null ? null : (own(ISO_NUMERIC_TO_ALPHA2, key) ?? null);
}

/** The map feature (its `properties.name`) on which events from `alpha2` are counted. */
export function featureNameForAlpha2(alpha2: string): string {
  const code = alpha2.trim().toUpperCase();
  return own(ALPHA2_DRAWN_AS, code) ?? code;
}

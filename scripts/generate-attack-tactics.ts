// npx tsx scripts/generate-attack-tactics.ts <enterprise-attack.json> [--attack-version X.Y] [--notice-year YYYY]
//   [--source 'where the bundle came from'] [--out file]
//
// Writes electron/contract/common/attack-tactics.ts from MITRE's ATT&CK Enterprise STIX bundle:
// the `x-mitre-tactic` objects, in the order of the Enterprise `x-mitre-matrix` object's
// `tactic_refs` (the matrix's columns, the kill-chain order), joined with the Vietnamese names
// of VI_NAMES below. It reads a STIX 2.1 bundle from GitHub mitre-attack/attack-stix-data
// (enterprise-attack/enterprise-attack-X.Y.json) or a STIX 2.0 one from GitHub mitre/cti
// (enterprise-attack/enterprise-attack.json): the tactic and matrix objects are alike in both.
//
// - The ATT&CK version comes from the bundle's `x-mitre-collection` object (`x_mitre_version`,
//   in attack-stix-data bundles). mitre/cti bundles have none: pass --attack-version then.
// - The year of MITRE's notice comes from the bundle's marking-definition statement
//   ("Copyright 2015-2025, The MITRE Corporation. …"), the year MITRE's LICENSE.txt beside the
//   data states; --notice-year overrides it (check https://attack.mitre.org/resources/legal-and-branding/terms-of-use/).
// - It stops with an error, writing nothing, when the bundle has no Enterprise matrix, a
//   tactic_ref resolves to no active tactic, a tactic has no Vietnamese name, or MITRE's English
//   name of a tactic is not the one its Vietnamese name was written for (a renamed tactic needs a
//   translator's review, not a silent pass).
//
// ATT&CK v19 (April 2026) splits Defense Evasion into Stealth (TA0005, renamed) and Defense
// Impairment (TA0112, new): generating from a v19 bundle stops on TA0005's name and on TA0112
// until VI_NAMES is reviewed for them (e.g. 'Ẩn mình' and 'Làm suy yếu phòng thủ', to be confirmed
// by the centre's analysts); the wall's 14-tactic layout must then be reviewed as well.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vietnamese names by tactic id, with the English name each was written for. The terms the
 * centre's analysts use; short enough for a wall label.
 */
const VI_NAMES: Readonly<Record<string, { en: string; vi: string }>> = {
  TA0043: { en: 'Reconnaissance', vi: 'Trinh sát' },
  TA0042: { en: 'Resource Development', vi: 'Chuẩn bị tài nguyên' },
  TA0001: { en: 'Initial Access', vi: 'Truy cập ban đầu' },
  TA0002: { en: 'Execution', vi: 'Thực thi' },
  TA0003: { en: 'Persistence', vi: 'Duy trì truy cập' },
  TA0004: { en: 'Privilege Escalation', vi: 'Leo thang đặc quyền' },
  TA0005: { en: 'Defense Evasion', vi: 'Né tránh phòng thủ' },
  TA0006: { en: 'Credential Access', vi: 'Đánh cắp thông tin xác thực' },
  TA0007: { en: 'Discovery', vi: 'Khám phá' },
  TA0008: { en: 'Lateral Movement', vi: 'Di chuyển ngang' },
  TA0009: { en: 'Collection', vi: 'Thu thập dữ liệu' },
  TA0011: { en: 'Command and Control', vi: 'Chỉ huy và điều khiển (C2)' },
  TA0010: { en: 'Exfiltration', vi: 'Đánh cắp dữ liệu' },
  TA0040: { en: 'Impact', vi: 'Gây tác động' },
};

interface StixObject {
  type?: unknown;
  id?: unknown;
  name?: unknown;
  revoked?: unknown;
  x_mitre_deprecated?: unknown;
  x_mitre_shortname?: unknown;
  x_mitre_version?: unknown;
  tactic_refs?: unknown;
  external_references?: unknown;
  definition?: unknown;
}

interface Tactic {
  id: string;
  shortName: string;
  en: string;
  vi: string;
}

function fail(message: string): never {
  console.error(`generate-attack-tactics: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]): { bundle: string; version?: string; noticeYear?: string; out?: string; source?: string } {
  let bundle: string | undefined;
  let version: string | undefined;
  let noticeYear: string | undefined;
  let out: string | undefined;
  let source: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--attack-version') version = value();
    else if (a === '--notice-year') noticeYear = value();
    else if (a === '--out') out = value();
    else if (a === '--source') source = value();
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else if (bundle === undefined) bundle = a;
    else fail(`unexpected argument ${a}`);
  }
  if (bundle === undefined) fail('usage: npx tsx scripts/generate-attack-tactics.ts <enterprise-attack.json> [--attack-version X.Y] [--notice-year YYYY] [--source text] [--out file]');
  return { bundle, version, noticeYear, out, source };
}

/** The ATT&CK id (`external_id` of the `mitre-attack` reference) of an object, or undefined. */
function attackId(o: StixObject): string | undefined {
  if (!Array.isArray(o.external_references)) return undefined;
  for (const ref of o.external_references as unknown[]) {
    if (typeof ref !== 'object' || ref === null) continue;
    const r = ref as { source_name?: unknown; external_id?: unknown };
    if (r.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  }
  return undefined;
}

const active = (o: StixObject): boolean => o.revoked !== true && o.x_mitre_deprecated !== true;

function readBundle(path: string): { objects: StixObject[]; specVersion: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    fail(`cannot read ${path}: ${(err as Error).message}`);
  }
  const bundle = (typeof json === 'object' && json !== null ? json : {}) as { type?: unknown; objects?: unknown; spec_version?: unknown };
  if (bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) fail(`${path} is not a STIX bundle`);
  const objects = (bundle.objects as unknown[]).filter((o): o is StixObject => typeof o === 'object' && o !== null);
  // STIX 2.0 bundles carry spec_version themselves, STIX 2.1 objects each carry theirs.
  const first = objects.find((o) => o.type === 'x-mitre-tactic') as { spec_version?: unknown } | undefined;
  const spec = typeof bundle.spec_version === 'string' ? bundle.spec_version : first?.spec_version;
  return { objects, specVersion: typeof spec === 'string' ? spec : 'unknown' };
}

function attackVersion(objects: StixObject[], given: string | undefined): string {
  const collections = objects.filter((o) => o.type === 'x-mitre-collection' && typeof o.x_mitre_version === 'string');
  const fromBundle = collections.length === 1 ? (collections[0]?.x_mitre_version as string) : undefined;
  if (collections.length > 1) fail('the bundle has several x-mitre-collection objects');
  if (fromBundle !== undefined && given !== undefined && fromBundle !== given) {
    fail(`--attack-version ${given} contradicts the bundle's x-mitre-collection version ${fromBundle}`);
  }
  const version = fromBundle ?? given;
  if (version === undefined) fail('the bundle names no ATT&CK version (no x-mitre-collection object, as in mitre/cti): pass --attack-version X.Y');
  if (!/^\d{1,3}\.\d{1,3}$/u.test(version)) fail(`ATT&CK version ${version} is not of the form X.Y`);
  return version;
}

function noticeYear(objects: StixObject[], given: string | undefined): string {
  if (given !== undefined) {
    if (!/^20\d{2}$/u.test(given)) fail(`--notice-year ${given} is not a year`);
    return given;
  }
  for (const o of objects) {
    if (o.type !== 'marking-definition') continue;
    const statement = (o.definition as { statement?: unknown } | undefined)?.statement;
    if (typeof statement !== 'string' || !statement.includes('The MITRE Corporation')) continue;
    const m = /Copyright (?:\d{4}\s*-\s*)?(\d{4}),? The MITRE Corporation/u.exec(statement);
    if (m?.[1] !== undefined) return m[1];
  }
  return fail('the bundle has no MITRE marking-definition with a copyright year: pass --notice-year YYYY');
}

function enterpriseTactics(objects: StixObject[]): Tactic[] {
  const matrices = objects.filter((o) => o.type === 'x-mitre-matrix' && active(o) && attackId(o) === 'enterprise-attack');
  if (matrices.length !== 1) fail(`expected one active Enterprise x-mitre-matrix (external_id enterprise-attack), found ${matrices.length}`);
  const refs = (matrices[0] as StixObject).tactic_refs;
  if (!Array.isArray(refs) || refs.length === 0) fail('the Enterprise matrix has no tactic_refs');
  const byStixId = new Map<string, StixObject>();
  for (const o of objects) if (o.type === 'x-mitre-tactic' && typeof o.id === 'string' && active(o)) byStixId.set(o.id, o);

  const tactics: Tactic[] = [];
  const seen = new Set<string>();
  for (const ref of refs as unknown[]) {
    const o = typeof ref === 'string' ? byStixId.get(ref) : undefined;
    if (o === undefined) fail(`tactic_ref ${String(ref)} resolves to no active x-mitre-tactic`);
    const id = attackId(o);
    if (id === undefined || !/^TA\d{4}$/u.test(id)) fail(`tactic ${String(o.id)} has no ATT&CK id of the form TA0000`);
    if (seen.has(id)) fail(`tactic ${id} appears twice in the matrix`);
    seen.add(id);
    if (typeof o.name !== 'string' || o.name === '') fail(`tactic ${id} has no name`);
    if (typeof o.x_mitre_shortname !== 'string' || !/^[a-z]+(-[a-z]+)*$/u.test(o.x_mitre_shortname)) fail(`tactic ${id} has no x_mitre_shortname`);
    const vi = VI_NAMES[id];
    if (vi === undefined) fail(`tactic ${id} (${o.name}) has no Vietnamese name: add it to VI_NAMES in scripts/generate-attack-tactics.ts`);
    if (vi.en !== o.name) fail(`tactic ${id} is now named '${o.name}' by MITRE, its Vietnamese name '${vi.vi}' was written for '${vi.en}': review VI_NAMES`);
    if (vi.vi.trim() === '' || vi.vi === vi.en) fail(`tactic ${id} has an empty or untranslated Vietnamese name`);
    tactics.push({ id, shortName: o.x_mitre_shortname, en: o.name, vi: vi.vi });
  }
  for (const id of Object.keys(VI_NAMES)) if (!seen.has(id)) console.warn(`generate-attack-tactics: VI_NAMES has ${id}, which the matrix does not list`);
  return tactics;
}

const q = (s: string): string => `'${s.replace(/\\/gu, '\\\\').replace(/'/gu, "\\'")}'`;

function render(tactics: Tactic[], version: string, notice: string, source: string): string {
  const rows = tactics.map((t) => `  { id: ${q(t.id)}, shortName: ${q(t.shortName)}, en: ${q(t.en)}, vi: ${q(t.vi)} },`).join('\n');
  return `// GENERATED by scripts/generate-attack-tactics.ts from MITRE ATT&CK Enterprise v${version}:
// do not edit by hand, change the script and run it again:
//   npx tsx scripts/generate-attack-tactics.ts <enterprise-attack.json>
// Data: ${source}.
// The tactics in the Enterprise matrix's order (its tactic_refs: the kill-chain order); English
// names and short names are MITRE's, Vietnamese names are the script's table.
//
// ${notice}
// MITRE ATT&CK® and ATT&CK® are registered trademarks of The MITRE Corporation.
//
// Dependency-free (contract/common): the core and the renderer import these values alike.

/** The ATT&CK release these tactics come from. */
export const ATTACK_VERSION = ${q(version)};

/** MITRE's copyright designation, to be reproduced wherever ATT&CK content is shown. */
export const ATTACK_NOTICE = ${q(notice)};

/** The ${tactics.length} Enterprise tactics, in kill-chain (matrix) order. */
export const ATTACK_TACTICS = [
${rows}
] as const;

export type AttackTactic = (typeof ATTACK_TACTICS)[number];
export type TacticId = AttackTactic['id'];

/**
 * ATT&CK tags of one event: tactics deduplicated, in kill-chain order; techniques (T1234 or
 * T1234.567) deduplicated, in the order the sensor gave them, a few at most.
 */
export interface AttackTags {
  readonly tactics: readonly TacticId[];
  readonly techniques: readonly string[];
}

/** Tactic ids in kill-chain order. */
export const TACTIC_IDS: readonly TacticId[] = Object.freeze(ATTACK_TACTICS.map((t) => t.id));

const INDEX: ReadonlyMap<string, number> = new Map(ATTACK_TACTICS.map((t, i) => [t.id, i]));

export function isTacticId(s: unknown): s is TacticId {
  return typeof s === 'string' && INDEX.has(s);
}

/** Position of a tactic in kill-chain order (0 … ${tactics.length - 1}); -1 for a string that is no tactic id. */
export function tacticIndex(id: TacticId): number {
  return INDEX.get(id) ?? -1;
}

/** Names longer than this are no tactic name (and are not normalised). */
export const TACTIC_NAME_MAX = 64;

/** Lowercase, runs of spaces, underscores and hyphens as one space, trimmed. */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\\s_-]+/gu, ' ').trim();
}

const BY_NAME: ReadonlyMap<string, TacticId> = new Map(
  ATTACK_TACTICS.flatMap((t): [string, TacticId][] => [
    [normaliseName(t.en), t.id],
    [normaliseName(t.shortName), t.id],
  ]),
);

/**
 * The tactic a sensor names: 'Initial Access', 'Initial_Access', 'initial-access' and
 * 'Command_And_Control' alike (case-insensitive; spaces, underscores and hyphens interchangeable),
 * or null. O(1) for names up to TACTIC_NAME_MAX characters; longer strings are refused unread.
 */
export function tacticByName(name: string): TacticId | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > TACTIC_NAME_MAX) return null;
  return BY_NAME.get(normaliseName(name)) ?? null;
}
`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const { objects, specVersion } = readBundle(args.bundle);
  const version = attackVersion(objects, args.version);
  const year = noticeYear(objects, args.noticeYear);
  const tactics = enterpriseTactics(objects);
  const notice = `© ${year} The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.`;
  const source = `STIX ${specVersion} bundle ${basename(args.bundle)}${args.source !== undefined ? ` (${args.source})` : ''}`;
  if (/[\r\n]/u.test(source)) fail('--source must be one line');
  const out = args.out ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', 'electron', 'contract', 'common', 'attack-tactics.ts');
  writeFileSync(out, render(tactics, version, notice, source));
  console.log(`wrote ${out}: ${tactics.length} tactics, ATT&CK v${version}, notice year ${year}`);
}

main();

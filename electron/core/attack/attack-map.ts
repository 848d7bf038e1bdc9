// The fallback ATT&CK mapping for alerts whose rule carries no ATT&CK tags (DESIGN.md: "a data
// file in resources/, not code"). `resources/attack-map.json` is validated here; `AttackMapper`
// answers with Map lookups and shared, frozen tags. Like category-map.ts, which it follows.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { CATEGORIES } from '../../contract/index.js';
import type { Category } from '../../contract/index.js';
import { TACTIC_IDS, tacticIndex } from '../../contract/common/attack-tactics.js';
import type { AttackTags, TacticId } from '../../contract/common/attack-tactics.js';
import { describeIssue } from '../telemetry/category-map.js';

/** Longest Suricata category text looked up (the standard ones are under 70 characters). */
export const SURICATA_CATEGORY_MAX = 200;

const TacticSchema = v.picklist(TACTIC_IDS);

/** 1–3 distinct tactics: a Suricata category is left out rather than mapped to nothing. */
const SuricataTacticsSchema = v.pipe(v.array(TacticSchema), v.minLength(1), v.maxLength(3), v.check((list) => new Set(list).size === list.length, 'a tactic is listed twice'));
/** 0–3 distinct tactics: [] says, explicitly, that a wall category implies no tactic. */
const WallTacticsSchema = v.pipe(v.array(TacticSchema), v.maxLength(3), v.check((list) => new Set(list).size === list.length, 'a tactic is listed twice'));

const wallEntries = Object.fromEntries(CATEGORIES.map((c) => [c, WallTacticsSchema])) as Record<Category, typeof WallTacticsSchema>;

export const AttackMapSchema = v.strictObject({
  $comment: v.optional(v.union([v.string(), v.array(v.string())])),
  version: v.literal(1),
  /** Suricata `alert.category` (the description of classification.config) → tactics. */
  suricataCategories: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(SURICATA_CATEGORY_MAX)), SuricataTacticsSchema),
  /** Every wall category → tactics ([] for none). */
  wallCategories: v.strictObject(wallEntries),
});
export type AttackMap = v.InferOutput<typeof AttackMapSchema>;

/** Validates the parsed JSON of an attack-map file; throws an Error naming the bad key. */
export function loadAttackMap(json: unknown): AttackMap {
  const result = v.safeParse(AttackMapSchema, json);
  if (!result.success) {
    const issues = result.issues;
    const shown = issues.slice(0, 5).map(describeIssue).join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new Error(`Invalid attack map: ${shown}${more}`);
  }
  // Lookups ignore case and surrounding spaces: two keys equal that way would shadow each other.
  const seen = new Map<string, string>();
  for (const key of Object.keys(result.output.suricataCategories)) {
    const folded = key.trim().toLowerCase();
    const first = seen.get(folded);
    if (first !== undefined) throw new Error(`Invalid attack map: suricataCategories.${key}: same as '${first}' ignoring case and spaces`);
    seen.set(folded, key);
  }
  return result.output;
}

/** Reads, parses and validates an attack-map file (start-up only, synchronous). */
export function readAttackMapFile(path: string): AttackMap {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Invalid attack map ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return loadAttackMap(json);
  } catch (err) {
    throw new Error(`${(err as Error).message} (in ${path})`, { cause: err });
  }
}

/** Frozen tags of a tactic list, in kill-chain order, no techniques; null for none. */
function frozenTags(tactics: readonly TacticId[]): AttackTags | null {
  if (tactics.length === 0) return null;
  const sorted = [...new Set(tactics)].sort((a, b) => tacticIndex(a) - tacticIndex(b));
  return Object.freeze({ tactics: Object.freeze(sorted), techniques: Object.freeze([] as string[]) });
}

export class AttackMapper {
  private readonly suricataExact = new Map<string, AttackTags>();
  private readonly suricataFolded = new Map<string, AttackTags>();
  private readonly wall = new Map<Category, AttackTags>();

  constructor(map: AttackMap) {
    for (const [text, tactics] of Object.entries(map.suricataCategories)) {
      const tags = frozenTags(tactics);
      if (tags === null) continue;
      this.suricataExact.set(text, tags);
      this.suricataFolded.set(text.trim().toLowerCase(), tags);
    }
    for (const category of CATEGORIES) {
      const tags = frozenTags(map.wallCategories[category]);
      if (tags !== null) this.wall.set(category, tags);
    }
  }

  static fromJson(json: unknown): AttackMapper {
    return new AttackMapper(loadAttackMap(json));
  }

  /**
   * Tactics of a Suricata `alert.category`: exact, then ignoring case and surrounding spaces;
   * null for a category the map leaves out. Shared frozen tags, no techniques. O(1): texts
   * longer than SURICATA_CATEGORY_MAX are not folded.
   */
  forSuricataCategory(text: string | null | undefined): AttackTags | null {
    if (typeof text !== 'string' || text === '') return null;
    const exact = this.suricataExact.get(text);
    if (exact !== undefined) return exact;
    if (text.length > SURICATA_CATEGORY_MAX) return null;
    return this.suricataFolded.get(text.trim().toLowerCase()) ?? null;
  }

  /** Tactics a wall category implies, or null (a category mapped to []). Shared frozen tags. */
  forCategory(category: Category): AttackTags | null {
    return this.wall.get(category) ?? null;
  }
}

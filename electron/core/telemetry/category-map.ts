// The sensor-category → wall-category mapping (DESIGN.md: "a data file in resources/, not code").
// `resources/category-map.json` is validated here; `CategoryMapper` answers per message with
// Map lookups and a short, pre-lowercased list of signature rules (memoised per signature).
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { CATEGORIES, SEVERITIES, SEVERITY_RANK } from '../../contract/index.js';
import type { Category, Severity } from '../../contract/index.js';
import { MAX_TEXT, truncateText } from './wire.js';

const CategorySchema = v.picklist(CATEGORIES);
const SeveritySchema = v.picklist(SEVERITIES);

const SignatureRuleSchema = v.strictObject({
  /** Case-insensitive substring of the signature (Suricata `alert.signature`, ECS `rule.name`). */
  match: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** `start`: the signature must begin with `match`; default: anywhere. */
  at: v.optional(v.picklist(['start', 'anywhere'])),
  category: CategorySchema,
});

/** A severity for every level 0…max, as `{"0": …, "1": …}` (a level left out is an error, not a guess). */
function levelTable(max: number) {
  return v.pipe(
    v.record(v.pipe(v.string(), v.regex(/^(0|[1-9][0-9]?)$/u)), SeveritySchema),
    v.check((t) => Object.keys(t).length === max + 1 && Object.keys(t).every((k) => Number(k) <= max), `expected every level 0–${max} once`),
  );
}

export const CategoryMapSchema = v.strictObject({
  $comment: v.optional(v.union([v.string(), v.array(v.string())])),
  version: v.literal(1),
  default: CategorySchema,
  suricata: v.strictObject({
    signatureRules: v.pipe(v.array(SignatureRuleSchema), v.maxLength(256)),
    categories: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), CategorySchema),
  }),
  ecs: v.strictObject({
    categories: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(100)), CategorySchema),
  }),
  wazuh: v.strictObject({
    /** Wazuh `rule.groups` values → category; of an alert's groups, the last that maps decides (groups run general → specific). */
    groups: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(100)), CategorySchema),
  }),
  cef: v.strictObject({
    /** CEF `cat` (deviceEventCategory) or Device Event Class ID → category, exact then case-insensitive. */
    categories: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(200)), CategorySchema),
  }),
  fortigate: v.strictObject({
    /** FortiGate `subtype` of `type=utm` logs (ips, virus, webfilter, …) → category. */
    subtypes: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(50)), CategorySchema),
  }),
  firewall: v.strictObject({
    /** Firewall traffic logs (pfSense/OPNsense filterlog, FortiGate `type=traffic`): by action and direction. */
    blockedInbound: CategorySchema,
    blockedOutbound: CategorySchema,
    allowed: CategorySchema,
    severity: SeveritySchema,
  }),
  ocsf: v.strictObject({
    /** OCSF `finding_info.types` values → category (the first that maps decides; a path-style type by its most specific segment that maps). */
    types: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(100)), CategorySchema),
  }),
  severity: v.strictObject({
    /** Suricata `alert.severity` (its priority, 1 = worst) → wall severity. */
    suricata: v.record(v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,2}$/u)), SeveritySchema),
    /** For a Suricata priority missing from `suricata` (e.g. 4 and above). */
    suricataOther: SeveritySchema,
    /** Wazuh `rule.level` 0–15, every level listed. */
    wazuh: levelTable(15),
    /** CEF header severity 0–10, every level listed. */
    cef: levelTable(10),
    /** CEF's word severities (`Low`, `Medium`, `High`, `Very-High`, `Unknown`), lower-cased. */
    cefWords: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(20)), SeveritySchema),
    /** FortiGate `severity`/`crlevel`/`level` words (info … critical, emergency … debug). */
    fortigate: v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(20)), SeveritySchema),
    /** OCSF `severity_id` (0 Unknown … 6 Fatal, 99 Other). */
    ocsf: v.record(v.picklist(['0', '1', '2', '3', '4', '5', '6', '99']), SeveritySchema),
    minimumByCategory: v.record(CategorySchema, SeveritySchema),
  }),
});
export type CategoryMap = v.InferOutput<typeof CategoryMapSchema>;

/** One valibot issue as `path.to.key: message` (a typo'd key named as such); the data files share it. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  let where = '';
  for (const item of path) {
    const key: unknown = item.key;
    where += typeof key === 'number' ? `[${key}]` : where === '' ? String(key) : `.${String(key)}`;
  }
  let message = issue.message;
  if (issue.type === 'strict_object' && issue.expected === 'never') message = 'unknown key (typo?)';
  else if (issue.type === 'strict_object' && issue.received === 'undefined') message = 'required key is missing';
  return `${where === '' ? '(root)' : where}: ${message}`;
}

/** Validates the parsed JSON of a category-map file; throws an Error naming the bad key. */
export function loadCategoryMap(json: unknown): CategoryMap {
  const result = v.safeParse(CategoryMapSchema, json);
  if (result.success) return result.output;
  const issues = result.issues;
  const shown = issues.slice(0, 5).map(describeIssue).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  throw new Error(`Invalid category map: ${shown}${more}`);
}

/** Reads, parses and validates a category-map file (start-up only, synchronous). */
export function readCategoryMapFile(path: string): CategoryMap {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Invalid category map ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return loadCategoryMap(json);
  } catch (err) {
    throw new Error(`${(err as Error).message} (in ${path})`, { cause: err });
  }
}

interface CompiledRule {
  readonly needle: string;
  readonly atStart: boolean;
  readonly category: Category;
}

/**
 * The signature cache holds at most this many bytes: keys are the text as the wall keeps it
 * (cut to MAX_TEXT characters, 2 bytes each at worst) plus an estimate of a Map entry.
 */
export const SIGNATURE_CACHE_MAX_BYTES = 1024 * 1024;
const CACHE_ENTRY_OVERHEAD_BYTES = 64;

function cacheCost(key: string): number {
  return 2 * key.length + CACHE_ENTRY_OVERHEAD_BYTES;
}

export class CategoryMapper {
  readonly defaultCategory: Category;
  private readonly rules: readonly CompiledRule[];
  private readonly suricataExact = new Map<string, Category>();
  private readonly suricataLower = new Map<string, Category>();
  private readonly ecs = new Map<string, Category>();
  private readonly suricataSeverity: readonly Severity[];
  private readonly suricataOther: Severity;
  private readonly minimum = new Map<Category, Severity>();
  private readonly wazuhGroups = new Map<string, Category>();
  private readonly wazuhSeverity: readonly Severity[];
  private readonly cefCategories = new Map<string, Category>();
  private readonly cefCategoriesLower = new Map<string, Category>();
  private readonly cefSeverity: readonly Severity[];
  private readonly cefWords = new Map<string, Severity>();
  private readonly fortigateSubtypes = new Map<string, Category>();
  private readonly fortigateWords = new Map<string, Severity>();
  private readonly ocsfTypes = new Map<string, Category>();
  private readonly ocsfSeverity = new Map<number, Severity>();
  private readonly firewall: CategoryMap['firewall'];
  /**
   * Signature (cut to MAX_TEXT) → category of the first matching rule, or null for "no rule
   * matched". Oldest entries leave first once SIGNATURE_CACHE_MAX_BYTES is reached.
   */
  private readonly signatureCache = new Map<string, Category | null>();
  private signatureCacheBytes = 0;

  constructor(map: CategoryMap) {
    this.defaultCategory = map.default;
    this.rules = map.suricata.signatureRules.map((r) => ({
      needle: r.match.toLowerCase(),
      atStart: r.at === 'start',
      category: r.category,
    }));
    for (const [k, c] of Object.entries(map.suricata.categories)) {
      this.suricataExact.set(k, c);
      this.suricataLower.set(k.trim().toLowerCase(), c);
    }
    for (const [k, c] of Object.entries(map.ecs.categories)) this.ecs.set(k.toLowerCase(), c);
    const sev: Severity[] = [];
    for (const [k, s] of Object.entries(map.severity.suricata)) sev[Number(k)] = s;
    this.suricataSeverity = sev;
    this.suricataOther = map.severity.suricataOther;
    for (const [c, s] of Object.entries(map.severity.minimumByCategory)) this.minimum.set(c as Category, s);
    for (const [k, c] of Object.entries(map.wazuh.groups)) this.wazuhGroups.set(k, c);
    this.wazuhSeverity = levelArray(map.severity.wazuh);
    for (const [k, c] of Object.entries(map.cef.categories)) {
      this.cefCategories.set(k, c);
      this.cefCategoriesLower.set(k.toLowerCase(), c);
    }
    this.cefSeverity = levelArray(map.severity.cef);
    for (const [k, s] of Object.entries(map.severity.cefWords)) this.cefWords.set(k.toLowerCase(), s);
    for (const [k, c] of Object.entries(map.fortigate.subtypes)) this.fortigateSubtypes.set(k.toLowerCase(), c);
    for (const [k, s] of Object.entries(map.severity.fortigate)) this.fortigateWords.set(k.toLowerCase(), s);
    for (const [k, c] of Object.entries(map.ocsf.types)) this.ocsfTypes.set(k.toLowerCase(), c);
    for (const [k, s] of Object.entries(map.severity.ocsf)) this.ocsfSeverity.set(Number(k), s);
    this.firewall = map.firewall;
  }

  static fromJson(json: unknown): CategoryMapper {
    return new CategoryMapper(loadCategoryMap(json));
  }

  /**
   * Signature rules only: the category of the first rule matching, or null. Rules see the
   * signature as the wall keeps and shows it: cut to MAX_TEXT characters.
   */
  bySignature(signature: string | null | undefined): Category | null {
    if (signature === undefined || signature === null || signature === '') return null;
    // Key on the cut text (a copy), never on the raw wire string: 4,095 cached 63 KB
    // signatures kept 260 MB alive.
    const text = signature.length > MAX_TEXT ? truncateText(signature) : signature;
    const cached = this.signatureCache.get(text);
    if (cached !== undefined) return cached;
    const lower = text.toLowerCase();
    let found: Category | null = null;
    for (const r of this.rules) {
      if (r.atStart ? lower.startsWith(r.needle) : lower.includes(r.needle)) {
        found = r.category;
        break;
      }
    }
    this.remember(text, found);
    return found;
  }

  /** Adds one entry, evicting the oldest until the cache fits its byte bound (O(1) amortised). */
  private remember(text: string, category: Category | null): void {
    const cost = cacheCost(text);
    for (const oldest of this.signatureCache.keys()) {
      if (this.signatureCacheBytes + cost <= SIGNATURE_CACHE_MAX_BYTES) break;
      this.signatureCache.delete(oldest);
      this.signatureCacheBytes -= cacheCost(oldest);
    }
    this.signatureCache.set(text, category);
    this.signatureCacheBytes += cost;
  }

  /** Entries and bytes (as counted against SIGNATURE_CACHE_MAX_BYTES) of the signature cache. */
  get signatureCacheSize(): { entries: number; bytes: number } {
    return { entries: this.signatureCache.size, bytes: this.signatureCacheBytes };
  }

  /** A Suricata `alert.category` alone (exact, then case- and space-insensitive), or null. */
  bySuricataCategory(category: string | null | undefined): Category | null {
    if (category === undefined || category === null || category === '') return null;
    const exact = this.suricataExact.get(category);
    if (exact !== undefined) return exact;
    return this.suricataLower.get(category.trim().toLowerCase()) ?? null;
  }

  /** Wall category of a Suricata alert: signature rules, then the category table, then the default. */
  forSuricata(category: string | undefined, signature: string | undefined): Category {
    return this.bySignature(signature) ?? this.bySuricataCategory(category) ?? this.defaultCategory;
  }

  /**
   * Wall category of an ECS document: signature rules on `rule.name`, then `rule.category`
   * through the Suricata table, then the first `event.category` value that maps to
   * something other than the default.
   */
  forEcs(eventCategory: unknown, ruleName: string | undefined, ruleCategory: string | undefined): Category {
    const bySig = this.bySignature(ruleName) ?? this.bySuricataCategory(ruleCategory);
    if (bySig !== null) return bySig;
    if (typeof eventCategory === 'string') return this.ecsOne(eventCategory) ?? this.defaultCategory;
    if (Array.isArray(eventCategory)) {
      const n = Math.min(eventCategory.length, 16);
      for (let i = 0; i < n; i++) {
        const item: unknown = eventCategory[i];
        if (typeof item !== 'string') continue;
        const c = this.ecsOne(item);
        if (c !== null && c !== this.defaultCategory) return c;
      }
    }
    return this.defaultCategory;
  }

  private ecsOne(value: string): Category | null {
    return this.ecs.get(value) ?? (value.length <= 100 ? (this.ecs.get(value.toLowerCase()) ?? null) : null);
  }

  /** Suricata priority (1 = worst) → wall severity. */
  severityForSuricata(priority: number): Severity {
    return this.suricataSeverity[priority] ?? this.suricataOther;
  }

  /**
   * Wall category of a Wazuh alert: signature rules on `rule.description`, then the last of
   * `rule.groups` (first 32 read) that the table maps, then the default.
   */
  forWazuh(groups: unknown, description: string | undefined): Category {
    const bySig = this.bySignature(description);
    if (bySig !== null) return bySig;
    if (Array.isArray(groups)) {
      for (let i = Math.min(groups.length, 32) - 1; i >= 0; i--) {
        const g: unknown = groups[i];
        if (typeof g !== 'string' || g.length > 100) continue;
        const c = this.wazuhGroups.get(g) ?? this.wazuhGroups.get(g.toLowerCase());
        if (c !== undefined) return c;
      }
    }
    return this.defaultCategory;
  }

  /** Wazuh `rule.level` 0–15 → severity; null outside the range (the decoder rejects it). */
  severityForWazuh(level: number): Severity | null {
    return Number.isInteger(level) ? (this.wazuhSeverity[level] ?? null) : null;
  }

  /**
   * Wall category of a CEF event: signature rules on its name, then its `cat` through the
   * table, then its Device Event Class ID (Kaspersky's `GNRL_EV_VIRUS_FOUND`), then the default.
   */
  forCef(cat: string | null, classId: string | null, name: string | null): Category {
    return this.bySignature(name) ?? this.cefKey(cat) ?? this.cefKey(classId) ?? this.defaultCategory;
  }

  private cefKey(key: string | null): Category | null {
    if (key === null || key.length > 200) return null;
    return this.cefCategories.get(key) ?? this.cefCategoriesLower.get(key.toLowerCase()) ?? null;
  }

  /** CEF severity: 0–10, or one of its words (Low, Medium, High, Very-High, Unknown); null when neither. */
  severityForCef(x: number | string): Severity | null {
    if (typeof x === 'number') return Number.isInteger(x) ? (this.cefSeverity[x] ?? null) : null;
    return x.length <= 20 ? (this.cefWords.get(x.toLowerCase()) ?? null) : null;
  }

  /** Wall category of a FortiGate UTM log: signature rules on the attack/virus name, then its subtype, then the default. */
  forFortigate(subtype: string | null, name: string | null): Category {
    const bySig = this.bySignature(name);
    if (bySig !== null) return bySig;
    if (subtype !== null && subtype.length <= 50) {
      const c = this.fortigateSubtypes.get(subtype.toLowerCase());
      if (c !== undefined) return c;
    }
    return this.defaultCategory;
  }

  /** A FortiGate severity word (`severity`, `crlevel` or `level`) → severity, or null when unknown. */
  severityForFortigate(word: string): Severity | null {
    return word.length <= 20 ? (this.fortigateWords.get(word.toLowerCase()) ?? null) : null;
  }

  /** Category of a firewall traffic record by its action and direction (unknown direction counts as inbound). */
  forFirewall(action: 'blocked' | 'allowed' | 'unknown', direction: 'in' | 'out' | null): Category {
    if (action !== 'blocked') return this.firewall.allowed;
    return direction === 'out' ? this.firewall.blockedOutbound : this.firewall.blockedInbound;
  }

  /** Severity of a firewall traffic record (before the category minimum). */
  get firewallSeverity(): Severity {
    return this.firewall.severity;
  }

  /** Wall category of an OCSF finding: signature rules on its title, then the first of `finding_info.types` that maps, then the default. */
  forOcsf(types: unknown, title: string | null): Category {
    const bySig = this.bySignature(title);
    if (bySig !== null) return bySig;
    if (Array.isArray(types)) {
      const n = Math.min(types.length, 16);
      for (let i = 0; i < n; i++) {
        const t: unknown = types[i];
        if (typeof t !== 'string' || t.length > 200) continue;
        const c = this.ocsfType(t.toLowerCase());
        if (c !== undefined) return c;
      }
    }
    return this.defaultCategory;
  }

  /** A whole type, else its `/`-separated segments, most specific first (AWS writes "TTPs/Defense Evasion/…"). */
  private ocsfType(lower: string): Category | undefined {
    const whole = this.ocsfTypes.get(lower);
    if (whole !== undefined || !lower.includes('/')) return whole;
    const parts = lower.split('/', 8);
    for (let i = parts.length - 1; i >= 0; i--) {
      const c = this.ocsfTypes.get(parts[i]!.trim());
      if (c !== undefined) return c;
    }
    return undefined;
  }

  /** OCSF `severity_id` → severity, or null for an id OCSF does not define. */
  severityForOcsf(id: number): Severity | null {
    return this.ocsfSeverity.get(id) ?? null;
  }

  /** Raises `severity` to the minimum configured for `category` (targeted → at least high). */
  applyMinimum(category: Category, severity: Severity): Severity {
    const min = this.minimum.get(category);
    return min !== undefined && SEVERITY_RANK[min] > SEVERITY_RANK[severity] ? min : severity;
  }
}

/** A level table (`{"0": …, …}`, every level present: the schema checks it) as an array by level. */
function levelArray(table: Record<string, Severity>): Severity[] {
  const out: Severity[] = [];
  for (const [k, sev] of Object.entries(table)) out[Number(k)] = sev;
  return out;
}

// MITRE ATT&CK tags as four kinds of sensor send them: Suricata EVE `alert.metadata`
// (Emerging Threats rules' mitre_* metadata), Wazuh `rule.mitre`, ECS `threat.*`, OCSF
// `finding_info.attacks`. Pure functions
// over untrusted JSON: they never throw, read at most ARRAY_ITEMS_READ items of an array and
// ITEMS_BUDGET items per call, skip strings longer than STRING_MAX unread, and look keys up as own
// properties only (an inherited or `__proto__` key is no tag). Unknown tactics are dropped.
import { ATTACK_TACTICS, isTacticId, tacticByName, tacticIndex } from '../../contract/common/attack-tactics.js';
import type { AttackTags, TacticId } from '../../contract/common/attack-tactics.js';

/** Items of one array read; the rest is ignored. */
export const ARRAY_ITEMS_READ = 16;
/** Strings longer than this are ignored (ids and names are far shorter). */
export const STRING_MAX = 64;
/** Techniques kept per event. */
export const TECHNIQUES_KEPT = 4;
/** Items (strings and objects) examined per call at most, whatever the nesting. */
export const ITEMS_BUDGET = 128;

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/u;
const TACTIC_ID = /^TA\d{4}$/u;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property only: never the prototype's, whatever the key. */
function own(o: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Collects one event's tags: tactics as a bit set (kill-chain order for free), techniques in order. */
class Tags {
  private tactics = 0;
  private readonly techniques: string[] = [];
  private budget = ITEMS_BUDGET;

  /** Spends one item of the call's budget; false once it is spent. */
  take(): boolean {
    if (this.budget <= 0) return false;
    this.budget--;
    return true;
  }

  /** Each usable string of a string or an array of strings (first ARRAY_ITEMS_READ items). */
  strings(value: unknown, fn: (s: string) => void): void {
    if (typeof value === 'string') {
      if (value.length <= STRING_MAX && this.take()) fn(value);
      return;
    }
    if (!Array.isArray(value)) return;
    const n = Math.min(value.length, ARRAY_ITEMS_READ);
    for (let i = 0; i < n; i++) {
      if (!this.take()) return;
      const item: unknown = value[i];
      if (typeof item === 'string' && item.length <= STRING_MAX) fn(item);
    }
  }

  /** Each object of an object or an array of objects (first ARRAY_ITEMS_READ items). */
  objects(value: unknown, fn: (o: Json) => void): void {
    if (isObject(value)) {
      if (this.take()) fn(value);
      return;
    }
    if (!Array.isArray(value)) return;
    const n = Math.min(value.length, ARRAY_ITEMS_READ);
    for (let i = 0; i < n; i++) {
      if (!this.take()) return;
      const item: unknown = value[i];
      if (isObject(item)) fn(item);
    }
  }

  private add(id: TacticId): void {
    this.tactics |= 1 << tacticIndex(id);
  }

  /** A tactic id ('TA0001', any case, spaces around): true when it is a known tactic. */
  tacticId(s: string): boolean {
    const id = s.trim().toUpperCase();
    if (!isTacticId(id)) return false;
    this.add(id);
    return true;
  }

  /** A tactic name ('Initial_Access', 'Credential Access'): true when it names a known tactic. */
  tacticName(s: string): boolean {
    const id = tacticByName(s);
    if (id === null) return false;
    this.add(id);
    return true;
  }

  /** A tactic given either way (Wazuh custom rules may carry an id where the name belongs). */
  tactic(s: string): boolean {
    return TACTIC_ID.test(s.trim().toUpperCase()) ? this.tacticId(s) : this.tacticName(s);
  }

  /**
   * Tactics of one id list and its name list: the ids that are valid; the names only when no id
   * is (ids are exact, names a fallback).
   */
  tacticsOf(ids: unknown, names: unknown): void {
    let found = false;
    this.strings(ids, (s) => {
      if (this.tacticId(s)) found = true;
    });
    if (!found) this.strings(names, (s) => this.tacticName(s));
  }

  technique(s: string): void {
    if (this.techniques.length >= TECHNIQUES_KEPT) return;
    const t = s.trim().toUpperCase();
    if (TECHNIQUE_ID.test(t) && !this.techniques.includes(t)) this.techniques.push(t);
  }

  result(): AttackTags | null {
    if (this.tactics === 0 && this.techniques.length === 0) return null;
    const tactics: TacticId[] = [];
    for (let i = 0; i < ATTACK_TACTICS.length; i++) {
      if ((this.tactics & (1 << i)) !== 0) tactics.push((ATTACK_TACTICS[i] as (typeof ATTACK_TACTICS)[number]).id);
    }
    return { tactics, techniques: this.techniques };
  }
}

/** Runs `read` on a fresh collector; whatever goes wrong (a throwing getter, a Proxy) is "no tags". */
function collect(read: (tags: Tags) => void): AttackTags | null {
  try {
    const tags = new Tags();
    read(tags);
    return tags.result();
  } catch {
    return null;
  }
}

/**
 * Suricata EVE `alert.metadata` (every value an array of strings): `mitre_tactic_id`
 * (["TA0001"]), else `mitre_tactic_name` (["Initial_Access"]); `mitre_technique_id` (["T1190"])
 * and `mitre_subtechnique_id`. Emerging Threats rules carry these keys.
 */
export function attackFromSuricataMetadata(metadata: unknown): AttackTags | null {
  return collect((tags) => {
    if (!isObject(metadata)) return;
    tags.tacticsOf(own(metadata, 'mitre_tactic_id'), own(metadata, 'mitre_tactic_name'));
    tags.strings(own(metadata, 'mitre_technique_id'), (s) => tags.technique(s));
    tags.strings(own(metadata, 'mitre_subtechnique_id'), (s) => tags.technique(s));
  });
}

/**
 * A Wazuh alert's `rule`: `rule.mitre` = { id: ["T1110"], tactic: ["Credential Access"],
 * technique: ["Brute Force"] } (tactics by name; an id there is accepted too).
 */
export function attackFromWazuhRule(rule: unknown): AttackTags | null {
  return collect((tags) => {
    if (!isObject(rule)) return;
    const mitre = own(rule, 'mitre');
    if (!isObject(mitre)) return;
    tags.strings(own(mitre, 'tactic'), (s) => tags.tactic(s));
    tags.strings(own(mitre, 'id'), (s) => tags.technique(s));
  });
}

/**
 * `framework` absent, or naming ATT&CK ("MITRE ATT&CK", "MITRE ATT&CK®", "MITRE ATTACK",
 * "ATT&amp;CK"); anything else is another taxonomy.
 */
function isAttackFramework(tags: Tags, framework: unknown): boolean {
  if (framework === undefined || framework === null) return true;
  let attack = false;
  tags.strings(framework, (s) => {
    if (/att(?:&(?:amp;)?|a)?ck/iu.test(s)) attack = true;
  });
  return attack;
}

/** Whether an array holds an object among the items that would be read. */
function holdsObjects(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  const n = Math.min(v.length, ARRAY_ITEMS_READ);
  for (let i = 0; i < n; i++) if (isObject(v[i])) return true;
  return false;
}

/** One ECS technique object: `id`, then `subtechnique.id` (nested, as objects, or dotted). */
function ecsTechnique(tags: Tags, technique: Json): void {
  tags.strings(own(technique, 'id'), (s) => tags.technique(s));
  const sub = own(technique, 'subtechnique');
  if (isObject(sub) || holdsObjects(sub)) tags.objects(sub, (o) => tags.strings(own(o, 'id'), (s) => tags.technique(s)));
  else tags.strings(own(technique, 'subtechnique.id'), (s) => tags.technique(s));
}

function ecsEntry(tags: Tags, threat: Json): void {
  if (!isAttackFramework(tags, own(threat, 'framework'))) return;
  // `tactic: { id, name }` (ECS), `tactic: [{ id, name }, …]` (Elastic detection rules): per
  // object, its ids, else its names. Flattened documents: "tactic.id", "tactic.name".
  const tactic = own(threat, 'tactic');
  if (isObject(tactic) || holdsObjects(tactic)) tags.objects(tactic, (t) => tags.tacticsOf(own(t, 'id'), own(t, 'name')));
  else tags.tacticsOf(own(threat, 'tactic.id'), own(threat, 'tactic.name'));
  const technique = own(threat, 'technique');
  if (isObject(technique) || holdsObjects(technique)) tags.objects(technique, (t) => ecsTechnique(tags, t));
  else {
    tags.strings(own(threat, 'technique.id'), (s) => tags.technique(s));
    tags.strings(own(threat, 'technique.subtechnique.id'), (s) => tags.technique(s));
  }
}

/**
 * An ECS document's `threat`: `threat.tactic.id` (else `threat.tactic.name`),
 * `threat.technique.id`, `threat.technique.subtechnique.id`, each a string or an array of
 * strings; `threat.framework` absent or naming ATT&CK. Also read: `threat` as an array of such
 * objects and tactics/techniques as arrays of objects (the shape of Elastic detection rules),
 * and dotted keys ("tactic.id") of flattened documents.
 */
export function attackFromEcsThreat(threat: unknown): AttackTags | null {
  return collect((tags) => {
    if (Array.isArray(threat)) tags.objects(threat, (t) => ecsEntry(tags, t));
    else if (isObject(threat)) ecsEntry(tags, threat);
  });
}

/**
 * One OCSF tactic object (`{ uid: "TA0001", name: "Initial Access" }`): a given `uid` decides
 * alone (an ATLAS `AML.TA0000` is no ATT&CK tactic, whatever its name says); the name is read
 * only when there is no uid.
 */
function ocsfTactic(tags: Tags, tactic: Json): void {
  const uid = own(tactic, 'uid');
  if (uid !== undefined && uid !== null) tags.strings(uid, (s) => tags.tacticId(s));
  else tags.strings(own(tactic, 'name'), (s) => tags.tacticName(s));
}

function ocsfTechnique(tags: Tags, technique: Json): void {
  tags.strings(own(technique, 'uid'), (s) => tags.technique(s));
}

/** One OCSF attack object: `tactic`, the deprecated `tactics` list, `technique`, `sub_technique`. */
function ocsfAttack(tags: Tags, attack: Json): void {
  tags.objects(own(attack, 'tactic'), (t) => ocsfTactic(tags, t));
  tags.objects(own(attack, 'tactics'), (t) => ocsfTactic(tags, t));
  tags.objects(own(attack, 'technique'), (t) => ocsfTechnique(tags, t));
  tags.objects(own(attack, 'sub_technique'), (t) => ocsfTechnique(tags, t));
}

/**
 * OCSF `finding_info.attacks` (or a finding's top-level `attacks`): an array of
 * `{ tactic: { uid, name }, technique: { uid, name }, sub_technique?: { uid, name },
 * tactics?: [{ uid, name }] }` (OCSF 1.x attack object; `tactics` deprecated since 1.1).
 * ATLAS ids (`AML.…`) are not ATT&CK and are dropped.
 */
export function attackFromOcsfAttacks(attacks: unknown): AttackTags | null {
  return collect((tags) => tags.objects(attacks, (a) => ocsfAttack(tags, a)));
}

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AttackMapper, SURICATA_CATEGORY_MAX, loadAttackMap, readAttackMapFile } from '../../../electron/core/attack/attack-map.js';
import { CATEGORIES } from '../../../electron/contract/index.js';
import { TACTIC_IDS, tacticIndex } from '../../../electron/contract/common/attack-tactics.js';

const MAP_PATH = fileURLToPath(new URL('../../../resources/attack-map.json', import.meta.url));
const shipped = JSON.parse(readFileSync(MAP_PATH, 'utf8')) as Record<string, unknown>;
const clone = (): Record<string, any> => structuredClone(shipped) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form edits of a JSON fixture
const MAPPER = new AttackMapper(readAttackMapFile(MAP_PATH));

/** Suricata's standard etc/classification.config (GitHub OISF/suricata), descriptions in file order. */
const CLASSIFICATION_CONFIG = [
  'Not Suspicious Traffic',
  'Unknown Traffic',
  'Potentially Bad Traffic',
  'Attempted Information Leak',
  'Information Leak',
  'Large Scale Information Leak',
  'Attempted Denial of Service',
  'Denial of Service',
  'Attempted User Privilege Gain',
  'Unsuccessful User Privilege Gain',
  'Successful User Privilege Gain',
  'Attempted Administrator Privilege Gain',
  'Successful Administrator Privilege Gain',
  'Decode of an RPC Query',
  'Executable code was detected',
  'A suspicious string was detected',
  'A suspicious filename was detected',
  'An attempted login using a suspicious username was detected',
  'A system call was detected',
  'A TCP connection was detected',
  'A Network Trojan was detected',
  'A client was using an unusual port',
  'Detection of a Network Scan',
  'Detection of a Denial of Service Attack',
  'Detection of a non-standard protocol or event',
  'Generic Protocol Command Decode',
  'access to a potentially vulnerable web application',
  'Web Application Attack',
  'Misc activity',
  'Misc Attack',
  'Generic ICMP event',
  'Inappropriate Content was Detected',
  'Potential Corporate Privacy Violation',
  'Attempt to login by a default username and password',
  'Targeted Malicious Activity was Detected',
  'Exploit Kit Activity Detected',
  'Device Retrieving External IP Address Detected',
  'Domain Observed Used for C2 Detected',
  'Possibly Unwanted Program Detected',
  'Successful Credential Theft Detected',
  'Possible Social Engineering Attempted',
  'Crypto Currency Mining Activity Detected',
  'Malware Command and Control Activity Detected',
];

/** Left out on purpose ($comment of the file): informational, of any stage, or policy. */
const LEFT_OUT = [
  'Not Suspicious Traffic',
  'Unknown Traffic',
  'Generic Protocol Command Decode',
  'Misc activity',
  'Generic ICMP event',
  'A TCP connection was detected',
  'Detection of a non-standard protocol or event',
  'Potentially Bad Traffic',
  'Misc Attack',
  'A suspicious string was detected',
  'A suspicious filename was detected',
  'A client was using an unusual port',
  'Targeted Malicious Activity was Detected',
  'Potential Corporate Privacy Violation',
  'Inappropriate Content was Detected',
  'Possibly Unwanted Program Detected',
];

describe('resources/attack-map.json', () => {
  it('loads, and every tactic in it is a known tactic id', () => {
    const map = readAttackMapFile(MAP_PATH);
    const lists = [...Object.values(map.suricataCategories), ...Object.values(map.wallCategories)];
    expect(lists.length).toBeGreaterThan(20);
    for (const list of lists) for (const t of list) expect(TACTIC_IDS).toContain(t);
  });

  it('decides on every class of Suricata’s classification.config: mapped, or left out and named in $comment', () => {
    const map = readAttackMapFile(MAP_PATH);
    const comment = (shipped.$comment as string[]).join('\n');
    for (const text of CLASSIFICATION_CONFIG) {
      const mapped = Object.hasOwn(map.suricataCategories, text);
      expect(mapped !== LEFT_OUT.includes(text), text).toBe(true);
      if (!mapped) expect(comment, text).toContain(`'${text}'`);
    }
    // Nothing beyond the standard file, the Snort/ET wording of suspicious-login excepted.
    const extra = Object.keys(map.suricataCategories).filter((k) => !CLASSIFICATION_CONFIG.includes(k));
    expect(extra).toEqual(['Attempted Login with Suspicious Username']);
  });

  it('maps the classes of the repository’s real Suricata samples that name a stage', () => {
    expect(MAPPER.forSuricataCategory('Detection of a Network Scan')?.tactics).toEqual(['TA0043']);
    expect(MAPPER.forSuricataCategory('Attempted Information Leak')?.tactics).toEqual(['TA0043']);
    expect(MAPPER.forSuricataCategory('Web Application Attack')?.tactics).toEqual(['TA0001']);
    expect(MAPPER.forSuricataCategory('Attempted Administrator Privilege Gain')?.tactics).toEqual(['TA0001']);
    expect(MAPPER.forSuricataCategory('Successful Administrator Privilege Gain')?.tactics).toEqual(['TA0001', 'TA0004']);
    expect(MAPPER.forSuricataCategory('A Network Trojan was detected')?.tactics).toEqual(['TA0011']);
    expect(MAPPER.forSuricataCategory('Malware Command and Control Activity Detected')?.tactics).toEqual(['TA0011']);
    expect(MAPPER.forSuricataCategory('Attempted Denial of Service')?.tactics).toEqual(['TA0040']);
    expect(MAPPER.forSuricataCategory('Device Retrieving External IP Address Detected')?.tactics).toEqual(['TA0007']);
    for (const text of ['Not Suspicious Traffic', 'Unknown Traffic', 'Generic Protocol Command Decode', 'Misc Attack', 'Potential Corporate Privacy Violation']) {
      expect(MAPPER.forSuricataCategory(text), text).toBeNull();
    }
  });

  it('states every wall category, and only those', () => {
    const map = readAttackMapFile(MAP_PATH);
    expect(Object.keys(map.wallCategories).sort()).toEqual([...CATEGORIES].sort());
    expect(MAPPER.forCategory('scan')?.tactics).toEqual(['TA0043']);
    expect(MAPPER.forCategory('malware')?.tactics).toEqual(['TA0002', 'TA0011']);
    expect(MAPPER.forCategory('targeted')?.tactics).toEqual(['TA0001']);
    for (const c of ['combined', 'policy', 'other'] as const) expect(MAPPER.forCategory(c), c).toBeNull();
  });
});

describe('loadAttackMap', () => {
  it('refuses a typo in a wall category, naming the key', () => {
    const bad = clone();
    bad.wallCategories.scna = bad.wallCategories.scan;
    delete bad.wallCategories.scan;
    expect(() => loadAttackMap(bad)).toThrow(/wallCategories\.scna: unknown key \(typo\?\)/u);
    expect(() => loadAttackMap(bad)).toThrow(/wallCategories\.scan: required key is missing/u);
  });

  it('refuses a typo in a tactic id, naming where it is', () => {
    const bad = clone();
    bad.suricataCategories['Web Application Attack'] = ['TA001'];
    expect(() => loadAttackMap(bad)).toThrow(/suricataCategories\.Web Application Attack\[0\]/u);
  });

  it('refuses unknown top-level keys, a wrong version, empty, long or repeated tactic lists', () => {
    const cases: [string, (m: Record<string, any>) => void, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON edits
      ['unknown key', (m) => (m.suricataCategory = {}), /suricataCategory: unknown key/u],
      ['version', (m) => (m.version = 2), /version/u],
      ['empty', (m) => (m.suricataCategories['Misc Attack'] = []), /suricataCategories\.Misc Attack/u],
      ['too many', (m) => (m.suricataCategories['Misc Attack'] = ['TA0001', 'TA0002', 'TA0003', 'TA0004']), /suricataCategories\.Misc Attack/u],
      ['repeated', (m) => (m.wallCategories.malware = ['TA0002', 'TA0002']), /wallCategories\.malware: a tactic is listed twice/u],
      ['not a list', (m) => (m.wallCategories.other = 'TA0001'), /wallCategories\.other/u],
      ['same key but for case', (m) => (m.suricataCategories['web application attack'] = ['TA0001']), /same as 'Web Application Attack' ignoring case/u],
    ];
    for (const [name, edit, message] of cases) {
      const bad = clone();
      edit(bad);
      expect(() => loadAttackMap(bad), name).toThrow(message);
    }
    expect(() => loadAttackMap(null)).toThrow(/Invalid attack map/u);
    expect(() => loadAttackMap(clone())).not.toThrow();
  });

  it('reports a missing or unparsable file with its path', () => {
    const missing = fileURLToPath(new URL('../../fixtures/attack/no-such-attack-map.json', import.meta.url));
    expect(() => readAttackMapFile(missing)).toThrow(/Invalid attack map .*no-such-attack-map\.json/u);
    const notJson = fileURLToPath(new URL('../../fixtures/attack/README.md', import.meta.url));
    expect(() => readAttackMapFile(notJson)).toThrow(/README\.md/u);
  });
});

describe('AttackMapper', () => {
  const mapper = AttackMapper.fromJson({
    version: 1,
    suricataCategories: { 'Misc Attack': ['TA0040', 'TA0043', 'TA0001'] },
    wallCategories: { scan: ['TA0043'], spoof: [], malware: ['TA0011', 'TA0002'], combined: [], targeted: [], policy: [], other: [] },
  });

  it('looks Suricata categories up exactly, then ignoring case and surrounding spaces', () => {
    const exact = mapper.forSuricataCategory('Misc Attack');
    expect(exact).toEqual({ tactics: ['TA0043', 'TA0001', 'TA0040'], techniques: [] });
    expect(mapper.forSuricataCategory('misc attack')).toBe(exact);
    expect(mapper.forSuricataCategory('  MISC ATTACK \t')).toBe(exact);
    expect(MAPPER.forSuricataCategory('detection of a network scan')?.tactics).toEqual(['TA0043']);
    expect(MAPPER.forSuricataCategory('ACCESS TO A POTENTIALLY VULNERABLE WEB APPLICATION')?.tactics).toEqual(['TA0043']);
  });

  it('answers null for unknown, empty, missing and overlong texts', () => {
    for (const text of ['Misc Attacks', '', null, undefined, 'Misc Attack'.padEnd(SURICATA_CATEGORY_MAX + 1, ' '), 'x'.repeat(1_000_000), '__proto__', 'constructor']) {
      expect(mapper.forSuricataCategory(text), String(text).slice(0, 20)).toBeNull();
    }
  });

  it('returns shared, frozen tags in kill-chain order, with no techniques', () => {
    const a = mapper.forCategory('malware');
    expect(a).toEqual({ tactics: ['TA0002', 'TA0011'], techniques: [] });
    expect(mapper.forCategory('malware')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.tactics)).toBe(true);
    expect(Object.isFrozen(a?.techniques)).toBe(true);
    expect(() => (a?.tactics as string[]).push('TA0040')).toThrow(TypeError);
    expect(mapper.forCategory('spoof')).toBeNull();
    const tactics = MAPPER.forSuricataCategory('Successful Administrator Privilege Gain')?.tactics ?? [];
    expect([...tactics].sort((x, y) => tacticIndex(x) - tacticIndex(y))).toEqual(tactics);
  });
});

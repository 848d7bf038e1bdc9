import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CategoryMapper, loadCategoryMap, readCategoryMapFile } from '../../../electron/core/telemetry/category-map.js';
import { CATEGORY_MAP_PATH, MAPPER } from './fixtures.js';

const shipped = JSON.parse(readFileSync(CATEGORY_MAP_PATH, 'utf8')) as Record<string, unknown>;
const clone = (): Record<string, any> => structuredClone(shipped) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form edits of a JSON fixture

const README_CATEGORIES = [
  'Misc Attack',
  'Generic Protocol Command Decode',
  'Potentially Bad Traffic',
  'Potential Corporate Privacy Violation',
  'A Network Trojan was detected',
  'Web Application Attack',
  'Attempted Information Leak',
  'Misc activity',
  'Attempted Administrator Privilege Gain',
  'access to a potentially vulnerable web application',
  'Not Suspicious Traffic',
  'Attempted User Privilege Gain',
  'Attempted Denial of Service',
  'Detection of a Network Scan',
  'Successful User Privilege Gain',
  'Successful Administrator Privilege Gain',
  'Information Leak',
];

describe('resources/category-map.json', () => {
  it('is valid and covers all 17 categories of the samples and the common others', () => {
    const map = readCategoryMapFile(CATEGORY_MAP_PATH);
    for (const c of README_CATEGORIES) expect(map.suricata.categories[c], c).toBeDefined();
    for (const c of [
      'Detection of a Denial of Service Attack',
      'Executable code was detected',
      'Exploit Kit Activity Detected',
      'Malware Command and Control Activity Detected',
      'Targeted Malicious Activity was Detected',
      'Crypto Currency Mining Activity Detected',
      'Device Retrieving External IP Address Detected',
      'Unknown Traffic',
      'Decode of an RPC Query',
      'A suspicious string was detected',
      'A suspicious filename was detected',
      'Attempted Login with Suspicious Username',
    ]) {
      expect(map.suricata.categories[c], c).toBeDefined();
    }
    expect(map.default).toBe('other');
  });

  it('maps Suricata categories', () => {
    expect(MAPPER.forSuricata('Detection of a Network Scan', undefined)).toBe('scan');
    expect(MAPPER.forSuricata('A Network Trojan was detected', 'GPL something')).toBe('malware');
    expect(MAPPER.forSuricata('Successful Administrator Privilege Gain', undefined)).toBe('targeted');
    expect(MAPPER.forSuricata('Targeted Malicious Activity was Detected', undefined)).toBe('targeted');
    expect(MAPPER.forSuricata('Potential Corporate Privacy Violation', undefined)).toBe('policy');
    expect(MAPPER.forSuricata('Web Application Attack', undefined)).toBe('combined');
    expect(MAPPER.forSuricata('Possible Social Engineering Attempted', undefined)).toBe('spoof');
    expect(MAPPER.forSuricata('Crypto Currency Mining Activity Detected', undefined)).toBe('malware');
    expect(MAPPER.forSuricata('Misc activity', undefined)).toBe('other');
    // case and surrounding spaces do not matter; unknown → default
    expect(MAPPER.forSuricata('  misc ATTACK ', undefined)).toBe('combined');
    expect(MAPPER.forSuricata('Something new in Suricata 9', undefined)).toBe('other');
    expect(MAPPER.forSuricata(undefined, undefined)).toBe('other');
    expect(MAPPER.forSuricata('constructor', 'toString')).toBe('other');
  });

  it('lets signature rules win over the category, in order', () => {
    expect(MAPPER.forSuricata('Attempted Information Leak', 'ET POLICY POSSIBLE Web Crawl using Wget')).toBe('policy');
    expect(MAPPER.forSuricata('Misc activity', 'ET SCAN Behavioral Unusual Port 445 traffic')).toBe('scan');
    expect(MAPPER.forSuricata('Unknown Traffic', 'ET JA3 Hash - [Abuse.ch] Possible Dridex')).toBe('malware');
    expect(MAPPER.forSuricata('Misc Attack', 'ET DNS Reply Sinkhole - spoofed answer')).toBe('spoof');
    expect(MAPPER.forSuricata('Misc Attack', 'ET CURRENT_EVENTS Successful Phish Login')).toBe('spoof');
    expect(MAPPER.forSuricata('Not Suspicious Traffic', 'et trojan lower case')).toBe('malware');
    // "at": "start" rules do not match in the middle of a signature
    expect(MAPPER.forSuricata('Misc Attack', 'GPL WEB get scanner probe')).toBe('combined');
    expect(MAPPER.forSuricata('Misc Attack', 'XET SCAN fake')).toBe('combined');
    // memoised: same answer twice, and the cache stays bounded
    for (let i = 0; i < 5000; i++) MAPPER.bySignature(`sig ${i}`);
    expect(MAPPER.forSuricata('Misc activity', 'ET SCAN again')).toBe('scan');
  });

  it('maps ECS event.category', () => {
    expect(MAPPER.forEcs(['malware'], undefined, undefined)).toBe('malware');
    expect(MAPPER.forEcs(['network', 'intrusion_detection'], undefined, undefined)).toBe('combined');
    expect(MAPPER.forEcs('MALWARE', undefined, undefined)).toBe('malware');
    expect(MAPPER.forEcs([1, null, 'network'], undefined, undefined)).toBe('other');
    expect(MAPPER.forEcs(undefined, undefined, undefined)).toBe('other');
  });

  it('maps Suricata severity 1/2/3/4+ to high/medium/low/low and keeps targeted at least high', () => {
    expect(MAPPER.severityForSuricata(1)).toBe('high');
    expect(MAPPER.severityForSuricata(2)).toBe('medium');
    expect(MAPPER.severityForSuricata(3)).toBe('low');
    expect(MAPPER.severityForSuricata(4)).toBe('low');
    expect(MAPPER.severityForSuricata(200)).toBe('low');
    expect(MAPPER.applyMinimum('targeted', 'low')).toBe('high');
    expect(MAPPER.applyMinimum('targeted', 'medium')).toBe('high');
    expect(MAPPER.applyMinimum('targeted', 'critical')).toBe('critical');
    expect(MAPPER.applyMinimum('scan', 'low')).toBe('low');
  });
});

describe('loadCategoryMap errors name the bad key', () => {
  it('a bad wall category in the Suricata table', () => {
    const m = clone();
    m.suricata.categories['Misc Attack'] = 'ddos';
    expect(() => loadCategoryMap(m)).toThrow(/suricata\.categories\.Misc Attack/u);
    expect(() => CategoryMapper.fromJson(m)).toThrow(/^Invalid category map: /u);
  });

  it('a bad signature rule', () => {
    const m = clone();
    m.suricata.signatureRules[2].category = 'phishing';
    expect(() => loadCategoryMap(m)).toThrow(/suricata\.signatureRules\[2\]\.category/u);
    const m2 = clone();
    m2.suricata.signatureRules[0].match = '';
    expect(() => loadCategoryMap(m2)).toThrow(/suricata\.signatureRules\[0\]\.match/u);
  });

  it('a bad ECS category, default, severity or an unknown key', () => {
    const a = clone();
    a.ecs.categories.malware = 'virus';
    expect(() => loadCategoryMap(a)).toThrow(/ecs\.categories\.malware/u);
    const b = clone();
    b.default = 'misc';
    expect(() => loadCategoryMap(b)).toThrow(/default/u);
    const c = clone();
    c.severity.suricata['1'] = 'urgent';
    expect(() => loadCategoryMap(c)).toThrow(/severity\.suricata\.1/u);
    const e = clone();
    e.severity.minimumByCategory.apt = 'high';
    expect(() => loadCategoryMap(e)).toThrow(/severity\.minimumByCategory/u);
    const f = clone();
    f.suricata.signatureRule = [];
    expect(() => loadCategoryMap(f)).toThrow(/signatureRule/u);
  });

  it('not an object at all', () => {
    expect(() => loadCategoryMap(null)).toThrow(/Invalid category map/u);
    expect(() => loadCategoryMap([])).toThrow(/Invalid category map/u);
    const missing = path.join(tmpdir(), 'socwall-nonexistent', 'category-map.json');
    expect(() => readCategoryMapFile(missing)).toThrow(`Invalid category map ${missing}`);
  });
});

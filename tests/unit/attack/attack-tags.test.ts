import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ARRAY_ITEMS_READ,
  ITEMS_BUDGET,
  STRING_MAX,
  TECHNIQUES_KEPT,
  attackFromEcsThreat,
  attackFromOcsfAttacks,
  attackFromSuricataMetadata,
  attackFromWazuhRule,
} from '../../../electron/core/attack/attack-tags.js';
import { TACTIC_IDS } from '../../../electron/contract/common/attack-tactics.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form reads of JSON fixtures

const lines = (file: string): Doc[] =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/${file}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Doc);

const ET = lines('attack/suricata-et-mitre.ndjson');
const WAZUH = lines('attack/wazuh-docs-mitre-alert.ndjson');
const ECS = lines('attack/ecs-threat.ndjson');

/** A Proxy over an array that counts the items read: boundedness without timing. */
function counted(items: unknown[]): { proxy: unknown[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/u.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { proxy, reads: () => reads };
}

const throwing = new Proxy(
  {},
  {
    get() {
      throw new Error('hostile get');
    },
    has() {
      throw new Error('hostile has');
    },
    getOwnPropertyDescriptor() {
      throw new Error('hostile descriptor');
    },
  },
);

describe('attackFromSuricataMetadata (Emerging Threats rules)', () => {
  it('reads the mitre_* metadata of real ET Open rules', () => {
    const bySid = new Map(ET.map((e) => [e.alert.signature_id as number, attackFromSuricataMetadata(e.alert.metadata)]));
    expect(bySid.get(2050988)).toEqual({ tactics: ['TA0001'], techniques: ['T1190'] });
    expect(bySid.get(2024216)).toEqual({ tactics: ['TA0011'], techniques: ['T1041'] });
    expect(bySid.get(2034006)).toEqual({ tactics: ['TA0003'], techniques: ['T1505'] });
    expect(bySid.get(2033165)).toEqual({ tactics: ['TA0043'], techniques: ['T1593'] });
  });

  it('finds nothing in the repository’s real sensor samples, whose rules carry no ATT&CK metadata', () => {
    const alerts = [
      ...lines('suricata/suricata-eve-mixed-nicoaller-2022.ndjson'),
      ...lines('suricata/suricata-alerts-wrccdc-2018.ndjson'),
      ...lines('suricata-docs/suricata-docs-examples.ndjson'),
    ].filter((e) => e.event_type === 'alert' && e.alert?.metadata !== undefined);
    expect(alerts.length).toBeGreaterThan(10);
    for (const e of alerts) expect(attackFromSuricataMetadata(e.alert.metadata)).toBeNull();
  });

  it('falls back to mitre_tactic_name when no tactic id is valid', () => {
    const meta = { mitre_tactic_id: ['TA9999'], mitre_tactic_name: ['Command_And_Control'], mitre_technique_id: ['T1071.001'] };
    expect(attackFromSuricataMetadata(meta)).toEqual({ tactics: ['TA0011'], techniques: ['T1071.001'] });
    expect(attackFromSuricataMetadata({ mitre_tactic_name: ['Initial_Access'] })).toEqual({ tactics: ['TA0001'], techniques: [] });
    // A valid id wins over a contradicting name.
    expect(attackFromSuricataMetadata({ mitre_tactic_id: ['TA0001'], mitre_tactic_name: ['Impact'] })?.tactics).toEqual(['TA0001']);
  });

  it('deduplicates tactics into kill-chain order and keeps techniques in order, deduplicated, at most TECHNIQUES_KEPT', () => {
    const meta = {
      mitre_tactic_id: ['TA0040', 'TA0001', 'ta0043', 'TA0001', ' TA0011 '],
      mitre_technique_id: ['T1190', 't1059.001', 'T1190', 'T1071', 'T9', 'T1499.004', 'T1105', 'T1046'],
    };
    expect(attackFromSuricataMetadata(meta)).toEqual({ tactics: ['TA0043', 'TA0001', 'TA0011', 'TA0040'], techniques: ['T1190', 'T1059.001', 'T1071', 'T1499.004'] });
    expect(TECHNIQUES_KEPT).toBe(4);
  });

  it('reads mitre_subtechnique_id and drops ids that are no technique ("none", T12345, T1059.01)', () => {
    const meta = { mitre_technique_id: ['T12345', 'T1059.01', 'T1059'], mitre_subtechnique_id: ['none', 'T1059.003'] };
    expect(attackFromSuricataMetadata(meta)).toEqual({ tactics: [], techniques: ['T1059', 'T1059.003'] });
  });

  it('returns null when nothing valid remains', () => {
    expect(attackFromSuricataMetadata({})).toBeNull();
    expect(attackFromSuricataMetadata({ mitre_tactic_id: ['TA0000'], mitre_tactic_name: ['Stealthy_Things'], mitre_technique_id: ['X1190'] })).toBeNull();
    for (const bad of [undefined, null, 42, 'TA0001', ['TA0001'], true]) expect(attackFromSuricataMetadata(bad), String(bad)).toBeNull();
  });
});

describe('attackFromWazuhRule', () => {
  it('reads rule.mitre of the Wazuh documentation’s SSH brute-force alert', () => {
    expect(WAZUH[0]?.rule.mitre.tactic).toEqual(['Credential Access']);
    expect(attackFromWazuhRule(WAZUH[0]?.rule)).toEqual({ tactics: ['TA0006'], techniques: ['T1110'] });
  });

  it('orders several tactics (Wazuh’s T1078 mapping) and accepts an id where a name belongs', () => {
    const rule = { id: '5715', mitre: { id: ['T1078'], tactic: ['Defense Evasion', 'Persistence', 'Privilege Escalation', 'Initial Access'], technique: ['Valid Accounts'] } };
    expect(attackFromWazuhRule(rule)).toEqual({ tactics: ['TA0001', 'TA0003', 'TA0004', 'TA0005'], techniques: ['T1078'] });
    expect(attackFromWazuhRule({ mitre: { tactic: ['TA0008'], id: ['T1021.004'] } })).toEqual({ tactics: ['TA0008'], techniques: ['T1021.004'] });
  });

  it('returns null without rule.mitre or without anything valid in it', () => {
    expect(attackFromWazuhRule({ id: '5710', level: 5, description: 'sshd: Attempt to login using a non-existent user' })).toBeNull();
    expect(attackFromWazuhRule({ mitre: { tactic: ['Brute Force'], id: ['Brute Force'] } })).toBeNull();
    expect(attackFromWazuhRule({ mitre: ['T1110'] })).toBeNull();
    expect(attackFromWazuhRule(WAZUH[0])).toBeNull(); // the whole alert is not its rule
  });
});

describe('attackFromEcsThreat', () => {
  it('reads threat.* as arrays (the ECS field set’s own example), with the sub-technique', () => {
    expect(attackFromEcsThreat(ECS[0]?.threat)).toEqual({ tactics: ['TA0002'], techniques: ['T1059', 'T1059.001'] });
  });

  it('reads plain strings, and tactic names when no tactic id is given', () => {
    expect(attackFromEcsThreat(ECS[1]?.threat)).toEqual({ tactics: ['TA0001', 'TA0006'], techniques: ['T1110', 'T1110.001'] });
  });

  it('reads the Elastic detection-rule shape (threat, technique and subtechnique as arrays of objects)', () => {
    expect(attackFromEcsThreat(ECS[2]?.threat)).toEqual({ tactics: ['TA0006'], techniques: ['T1003', 'T1003.001'] });
  });

  it('reads the dotted keys of a flattened document', () => {
    const threat = { framework: 'MITRE ATT&CK', 'tactic.id': ['TA0008'], 'technique.id': 'T1021', 'technique.subtechnique.id': ['T1021.002'] };
    expect(attackFromEcsThreat(threat)).toEqual({ tactics: ['TA0008'], techniques: ['T1021', 'T1021.002'] });
  });

  it('accepts a missing framework or any spelling of ATT&CK, and refuses other frameworks', () => {
    const body = { tactic: { id: 'TA0007' }, technique: { id: 'T1046' } };
    const expected = { tactics: ['TA0007'], techniques: ['T1046'] };
    expect(attackFromEcsThreat(body)).toEqual(expected);
    expect(attackFromEcsThreat({ ...body, framework: null })).toEqual(expected);
    expect(attackFromEcsThreat({ ...body, framework: 'MITRE ATT&CK®' })).toEqual(expected);
    expect(attackFromEcsThreat({ ...body, framework: ['MITRE ATTACK'] })).toEqual(expected);
    expect(attackFromEcsThreat({ ...body, framework: 'MITRE ATT&amp;CK' })).toEqual(expected);
    expect(attackFromEcsThreat({ ...body, framework: 'MITRE D3FEND' })).toBeNull();
    expect(attackFromEcsThreat({ ...body, framework: 'Cyber Kill Chain' })).toBeNull();
    expect(attackFromEcsThreat({ ...body, framework: 7 })).toBeNull();
    expect(attackFromEcsThreat({ ...body, framework: `MITRE ATT&CK${' '.repeat(STRING_MAX)}` })).toBeNull();
  });

  it('returns null when nothing valid remains', () => {
    expect(attackFromEcsThreat({})).toBeNull();
    expect(attackFromEcsThreat({ framework: 'MITRE ATT&CK', tactic: { id: 'TA0000', name: 'Nothing' } })).toBeNull();
    for (const bad of [undefined, null, 1, 'threat', [1, 2]]) expect(attackFromEcsThreat(bad), String(bad)).toBeNull();
  });
});

describe('hostile input: never throws, bounded work', () => {
  const extractors = [
    ['suricata', (x: unknown) => attackFromSuricataMetadata(x)],
    ['wazuh', (x: unknown) => attackFromWazuhRule({ mitre: x })],
    ['ecs', (x: unknown) => attackFromEcsThreat(x)],
  ] as const;

  it('reads no more than ARRAY_ITEMS_READ items of a 10,000-item array', () => {
    const big = Array.from({ length: 10_000 }, () => 'not a tactic');
    big[ARRAY_ITEMS_READ] = 'TA0001'; // the 17th item: never read
    big[9_999] = 'TA0040';
    const ids = counted(big);
    expect(attackFromSuricataMetadata({ mitre_tactic_id: ids.proxy, mitre_tactic_name: big })).toBeNull();
    expect(ids.reads()).toBeLessThanOrEqual(ARRAY_ITEMS_READ);

    const tactics = counted(big);
    expect(attackFromWazuhRule({ mitre: { tactic: tactics.proxy, id: big } })).toBeNull();
    expect(tactics.reads()).toBeLessThanOrEqual(ARRAY_ITEMS_READ);

    const threats = counted(Array.from({ length: 10_000 }, () => ({ tactic: { id: 'TA0001' } })));
    expect(attackFromEcsThreat(threats.proxy)).toEqual({ tactics: ['TA0001'], techniques: [] });
    expect(threats.reads()).toBeLessThanOrEqual(2 * ARRAY_ITEMS_READ);
  });

  it('keeps at most TECHNIQUES_KEPT of 10,000 distinct valid techniques', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `T${String(1000 + (i % 9000)).padStart(4, '0')}`);
    const r = attackFromSuricataMetadata({ mitre_technique_id: many });
    expect(r?.techniques).toEqual(['T1000', 'T1001', 'T1002', 'T1003']);
  });

  it('spends at most ITEMS_BUDGET items per call, however deep the nesting', () => {
    const shared = counted(Array.from({ length: 10_000 }, () => 'T1059'));
    const leaf = (): unknown[] => shared.proxy;
    const threat = Array.from({ length: 16 }, () => ({
      tactic: Array.from({ length: 16 }, () => ({ id: leaf(), name: leaf() })),
      technique: Array.from({ length: 16 }, () => ({ id: leaf(), subtechnique: Array.from({ length: 16 }, () => ({ id: leaf() })) })),
    }));
    // The budget is spent on the first junk tactic lists: no technique is ever reached.
    expect(attackFromEcsThreat(threat)).toBeNull();
    expect(shared.reads()).toBeGreaterThan(ARRAY_ITEMS_READ);
    expect(shared.reads()).toBeLessThanOrEqual(ITEMS_BUDGET);
  });

  it('ignores 1 MB strings and strings longer than STRING_MAX', () => {
    const huge = `TA0001${' '.repeat(1_000_000)}`;
    expect(attackFromSuricataMetadata({ mitre_tactic_id: [huge], mitre_tactic_name: [huge], mitre_technique_id: huge })).toBeNull();
    expect(attackFromWazuhRule({ mitre: { tactic: [`Initial Access${' '.repeat(STRING_MAX)}`], id: [huge] } })).toBeNull();
    expect(attackFromEcsThreat({ framework: huge, tactic: { id: 'TA0001' } })).toBeNull();
    expect(attackFromEcsThreat({ tactic: { id: huge, name: huge }, technique: { id: huge } })).toBeNull();
    // Exactly STRING_MAX characters are still read.
    expect(attackFromSuricataMetadata({ mitre_tactic_id: [`TA0001${' '.repeat(STRING_MAX - 6)}`] })?.tactics).toEqual(['TA0001']);
  });

  it('ignores numbers, nested objects and arrays where strings belong', () => {
    const shapes: unknown[] = [1, 3.5, NaN, true, {}, { id: 'TA0001' }, [['TA0001']], [{ id: 'TA0001' }], [1, 2, 3], [null]];
    for (const shape of shapes) {
      expect(attackFromSuricataMetadata({ mitre_tactic_id: shape, mitre_tactic_name: shape, mitre_technique_id: shape })).toBeNull();
      expect(attackFromWazuhRule({ mitre: { tactic: shape, id: shape } })).toBeNull();
    }
    expect(attackFromEcsThreat({ tactic: { id: [['TA0001']] }, technique: { id: [{ id: 'T1059' }] } })).toBeNull();
  });

  it('takes only own keys: __proto__ and inherited keys are no tags', () => {
    const fromJson = JSON.parse('{"__proto__":{"mitre_tactic_id":["TA0001"],"mitre":{"tactic":["Impact"]},"tactic":{"id":"TA0001"}}}') as unknown;
    expect(attackFromSuricataMetadata(fromJson)).toBeNull();
    expect(attackFromWazuhRule(fromJson)).toBeNull();
    expect(attackFromEcsThreat(fromJson)).toBeNull();
    const inherited = Object.create({ mitre_tactic_id: ['TA0001'], mitre: { tactic: ['Impact'] }, tactic: { id: 'TA0001' } }) as unknown;
    expect(attackFromSuricataMetadata(inherited)).toBeNull();
    expect(attackFromWazuhRule(inherited)).toBeNull();
    expect(attackFromEcsThreat(inherited)).toBeNull();
    expect(attackFromSuricataMetadata({ mitre_tactic_name: ['__proto__', 'constructor', 'toString'] })).toBeNull();
    // And nothing leaked onto Object.prototype.
    expect(({} as Record<string, unknown>).mitre_tactic_id).toBeUndefined();
  });

  it('never throws, even on throwing getters and Proxies', () => {
    const getter = Object.defineProperty({}, 'mitre_tactic_id', {
      enumerable: true,
      get() {
        throw new Error('hostile getter');
      },
    });
    for (const [name, extract] of extractors) {
      expect(() => extract(throwing), name).not.toThrow();
      expect(extract(throwing), name).toBeNull();
      expect(extract(getter), name).toBeNull();
    }
    expect(attackFromSuricataMetadata({ mitre_tactic_id: throwing })).toBeNull();
    expect(attackFromWazuhRule(throwing)).toBeNull();
    expect(attackFromEcsThreat([throwing, throwing])).toBeNull();
  });

  it('only ever returns known tactic ids and well-formed techniques, in bounds', () => {
    const junk: unknown[] = ['TA0001', 'TA9999', 'Initial_Access', 'T1190', 'T1190.1234', 'impact', '', ' ', 'T1059.001'];
    const results = [
      attackFromSuricataMetadata({ mitre_tactic_id: junk, mitre_tactic_name: junk, mitre_technique_id: junk }),
      attackFromWazuhRule({ mitre: { tactic: junk, id: junk } }),
      attackFromEcsThreat({ tactic: { id: junk, name: junk }, technique: { id: junk, subtechnique: { id: junk } } }),
    ];
    for (const r of results) {
      expect(r).not.toBeNull();
      for (const t of r?.tactics ?? []) expect(TACTIC_IDS).toContain(t);
      for (const t of r?.techniques ?? []) expect(t).toMatch(/^T\d{4}(\.\d{3})?$/u);
      expect(r?.techniques.length).toBeLessThanOrEqual(TECHNIQUES_KEPT);
    }
    expect(results[0]).toEqual({ tactics: ['TA0001'], techniques: ['T1190', 'T1059.001'] });
    expect(results[1]).toEqual({ tactics: ['TA0001', 'TA0040'], techniques: ['T1190', 'T1059.001'] });
  });
});

describe('attackFromOcsfAttacks (OCSF finding_info.attacks)', () => {
  // The OCSF 1.x attack object: tactic / technique / sub_technique as { uid, name }, and the
  // `tactics` list deprecated since 1.1 (objects/attack.json of GitHub ocsf/ocsf-schema).
  const initialAccess = { tactic: { uid: 'TA0001', name: 'Initial Access' }, technique: { uid: 'T1190', name: 'Exploit Public-Facing Application' } };

  it('reads tactic, technique and sub_technique uids, in kill-chain order, techniques in order', () => {
    expect(attackFromOcsfAttacks([initialAccess])).toEqual({ tactics: ['TA0001'], techniques: ['T1190'] });
    const r = attackFromOcsfAttacks([
      { tactic: { uid: 'TA0011', name: 'Command and Control' }, technique: { uid: 'T1071', name: 'Application Layer Protocol' }, sub_technique: { uid: 'T1071.004', name: 'DNS' } },
      initialAccess,
    ]);
    expect(r).toEqual({ tactics: ['TA0001', 'TA0011'], techniques: ['T1071', 'T1071.004', 'T1190'] });
  });

  it('reads the deprecated tactics list, and a single attack object', () => {
    expect(attackFromOcsfAttacks([{ tactics: [{ uid: 'TA0003' }, { name: 'Privilege Escalation' }], technique: { uid: 'T1078' } }])).toEqual({
      tactics: ['TA0003', 'TA0004'],
      techniques: ['T1078'],
    });
    expect(attackFromOcsfAttacks(initialAccess)).toEqual({ tactics: ['TA0001'], techniques: ['T1190'] });
  });

  it('a tactic uid decides alone: the name is read only without one; ATLAS ids are no tags', () => {
    expect(attackFromOcsfAttacks([{ tactic: { name: 'Lateral Movement' } }])).toEqual({ tactics: ['TA0008'], techniques: [] });
    expect(attackFromOcsfAttacks([{ tactic: { uid: 'AML.TA0002', name: 'Reconnaissance' } }])).toBeNull();
    expect(attackFromOcsfAttacks([{ tactic: { uid: 'TA9999', name: 'Impact' } }])).toBeNull();
    expect(attackFromOcsfAttacks([{ technique: { uid: 'AML.T0040', name: 'AI Model Inference API Access' } }])).toBeNull();
    expect(attackFromOcsfAttacks([{ technique: { name: 'Exploit Public-Facing Application' } }])).toBeNull(); // names are no technique ids
  });

  it('returns null for nothing usable', () => {
    for (const bad of [undefined, null, 1, 'TA0001', [], [1, 'x', null], [{}], [{ tactic: 'TA0001' }], [{ tactic: { uid: 1 } }]]) {
      expect(attackFromOcsfAttacks(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reads no more than ARRAY_ITEMS_READ of 10,000 attacks, and spends at most ITEMS_BUDGET items', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ tactic: { uid: i === ARRAY_ITEMS_READ ? 'TA0040' : 'TA0001' } }));
    const c = counted(many);
    expect(attackFromOcsfAttacks(c.proxy)).toEqual({ tactics: ['TA0001'], techniques: [] });
    expect(c.reads()).toBeLessThanOrEqual(ARRAY_ITEMS_READ);
    const shared = counted(Array.from({ length: 10_000 }, () => ({ uid: 'TA0001' })));
    const wide = Array.from({ length: 16 }, () => ({ tactics: shared.proxy, technique: { uid: 'T1059' } }));
    expect(attackFromOcsfAttacks(wide)).not.toBeNull();
    expect(shared.reads()).toBeLessThanOrEqual(ITEMS_BUDGET);
  });

  it('ignores long strings, takes own keys only, never throws', () => {
    expect(attackFromOcsfAttacks([{ tactic: { uid: `TA0001${' '.repeat(1_000_000)}` }, technique: { uid: `T1190${' '.repeat(STRING_MAX)}` } }])).toBeNull();
    const fromJson = JSON.parse('[{"__proto__":{"tactic":{"uid":"TA0001"}},"technique":{"__proto__":{"uid":"T1190"}}}]') as unknown;
    expect(attackFromOcsfAttacks(fromJson)).toBeNull();
    expect(attackFromOcsfAttacks([Object.create({ tactic: { uid: 'TA0001' } }) as unknown])).toBeNull();
    expect(() => attackFromOcsfAttacks(throwing)).not.toThrow();
    expect(attackFromOcsfAttacks(throwing)).toBeNull();
    expect(attackFromOcsfAttacks([{ tactic: throwing }, initialAccess])).toBeNull();
  });
});

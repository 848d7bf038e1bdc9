import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ATTACK_NOTICE,
  ATTACK_TACTICS,
  ATTACK_VERSION,
  TACTIC_IDS,
  TACTIC_NAME_MAX,
  isTacticId,
  tacticByName,
  tacticIndex,
  type TacticId,
} from '../../../electron/contract/common/attack-tactics.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GENERATED = path.join(ROOT, 'electron/contract/common/attack-tactics.ts');
const SCRIPT = path.join(ROOT, 'scripts/generate-attack-tactics.ts');
const BUNDLE = path.join(ROOT, 'tests/fixtures/attack/enterprise-attack-18.1-tactics.json');
const SOURCE = 'objects of GitHub mitre/cti commit 421deacb77, "ATT&CK v18.1 Enterprise"';

/** MITRE's Enterprise matrix, column by column (attack.mitre.org/matrices/enterprise/, v18). */
const MATRIX: [string, string, string][] = [
  ['TA0043', 'reconnaissance', 'Reconnaissance'],
  ['TA0042', 'resource-development', 'Resource Development'],
  ['TA0001', 'initial-access', 'Initial Access'],
  ['TA0002', 'execution', 'Execution'],
  ['TA0003', 'persistence', 'Persistence'],
  ['TA0004', 'privilege-escalation', 'Privilege Escalation'],
  ['TA0005', 'defense-evasion', 'Defense Evasion'],
  ['TA0006', 'credential-access', 'Credential Access'],
  ['TA0007', 'discovery', 'Discovery'],
  ['TA0008', 'lateral-movement', 'Lateral Movement'],
  ['TA0009', 'collection', 'Collection'],
  ['TA0011', 'command-and-control', 'Command and Control'],
  ['TA0010', 'exfiltration', 'Exfiltration'],
  ['TA0040', 'impact', 'Impact'],
];

describe('ATTACK_TACTICS', () => {
  it('lists the 14 Enterprise tactics in kill-chain order, with MITRE ids, short names and names', () => {
    expect(ATTACK_TACTICS.map((t) => [t.id, t.shortName, t.en])).toEqual(MATRIX);
    expect(TACTIC_IDS).toEqual(MATRIX.map(([id]) => id));
  });

  it('has unique ids, short names and Vietnamese names', () => {
    for (const key of ['id', 'shortName', 'en', 'vi'] as const) {
      expect(new Set(ATTACK_TACTICS.map((t) => t[key])).size, key).toBe(14);
    }
  });

  it('names every tactic in Vietnamese, not in English', () => {
    for (const t of ATTACK_TACTICS) {
      expect(t.vi.trim(), t.id).not.toBe('');
      expect(t.vi.toLowerCase(), t.id).not.toBe(t.en.toLowerCase());
      // Vietnamese text carries diacritics; an English placeholder would not.
      expect(t.vi, t.id).toMatch(/[^\u0020-\u007e]/u);
    }
    expect(ATTACK_TACTICS.find((t) => t.id === 'TA0043')?.vi).toBe('Trinh sát');
    expect(ATTACK_TACTICS.find((t) => t.id === 'TA0004')?.vi).toBe('Leo thang đặc quyền');
  });

  it('keeps TACTIC_IDS frozen', () => {
    expect(Object.isFrozen(TACTIC_IDS)).toBe(true);
  });
});

describe('isTacticId / tacticIndex', () => {
  it('accepts exactly the 14 ids', () => {
    for (const id of TACTIC_IDS) expect(isTacticId(id)).toBe(true);
    for (const bad of ['ta0001', 'TA0000', 'TA0012', 'TA0112', ' TA0001', 'T1190', '', '__proto__', 'constructor', 1, null, undefined, {}, ['TA0001']]) {
      expect(isTacticId(bad), String(bad)).toBe(false);
    }
  });

  it('gives each tactic its kill-chain position', () => {
    TACTIC_IDS.forEach((id, i) => expect(tacticIndex(id)).toBe(i));
    expect(tacticIndex('TA0043')).toBe(0);
    expect(tacticIndex('TA0011')).toBe(11);
    expect(tacticIndex('TA0040')).toBe(13);
    expect(tacticIndex('TA9999' as TacticId)).toBe(-1);
  });
});

describe('tacticByName', () => {
  it('resolves the names sensors send', () => {
    const cases: [string, TacticId][] = [
      ['Initial_Access', 'TA0001'],
      ['initial-access', 'TA0001'],
      ['Initial Access', 'TA0001'],
      ['INITIAL ACCESS', 'TA0001'],
      ['  initial \t access ', 'TA0001'],
      ['Initial__-Access', 'TA0001'],
      ['Command and Control', 'TA0011'],
      ['Command_And_Control', 'TA0011'],
      ['command-and-control', 'TA0011'],
      ['Credential Access', 'TA0006'],
      ['Privilege_Escalation', 'TA0004'],
      ['Resource_Development', 'TA0042'],
      ['Reconnaissance', 'TA0043'],
      ['Exfiltration', 'TA0010'],
    ];
    for (const [name, id] of cases) expect(tacticByName(name), name).toBe(id);
  });

  it('resolves every tactic from its English name and its short name', () => {
    for (const t of ATTACK_TACTICS) {
      expect(tacticByName(t.en)).toBe(t.id);
      expect(tacticByName(t.shortName)).toBe(t.id);
      expect(tacticByName(t.en.replace(/ /gu, '_'))).toBe(t.id);
    }
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'Initial Accesss', 'Initial', 'TA0001', 'Stealth', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(tacticByName(bad), bad).toBeNull();
    }
    // A long string is refused unread, even when it would normalise to a name.
    expect(tacticByName(`Initial${' '.repeat(TACTIC_NAME_MAX)}Access`)).toBeNull();
    expect(tacticByName('x'.repeat(1_000_000))).toBeNull();
    expect(tacticByName(42 as unknown as string)).toBeNull();
  });
});

describe('ATTACK_VERSION / ATTACK_NOTICE', () => {
  it('name the ATT&CK release and carry MITRE’s notice verbatim', () => {
    expect(ATTACK_VERSION).toMatch(/^\d{1,3}\.\d{1,3}$/u);
    expect(ATTACK_NOTICE).toMatch(
      /^© 20\d\d The MITRE Corporation\. This work is reproduced and distributed with the permission of The MITRE Corporation\.$/u,
    );
  });
});

describe('scripts/generate-attack-tactics.ts', () => {
  const run = (args: string[]): { status: number | null; stderr: string } => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stderr: r.stderr };
  };
  const withTemp = (fn: (dir: string) => void): void => {
    const dir = mkdtempSync(path.join(tmpdir(), 'socwall-attack-'));
    try {
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const bundle = (): { objects: Record<string, unknown>[] } => JSON.parse(readFileSync(BUNDLE, 'utf8')) as { objects: Record<string, unknown>[] };

  it('wrote electron/contract/common/attack-tactics.ts: the file is what it generates from the MITRE bundle', () => {
    const text = readFileSync(GENERATED, 'utf8');
    expect(text.startsWith('// GENERATED by scripts/generate-attack-tactics.ts')).toBe(true);
    expect(text).toContain(`MITRE ATT&CK Enterprise v${ATTACK_VERSION}`);
    expect(text).toContain(`// ${ATTACK_NOTICE}`);
    withTemp((dir) => {
      const out = path.join(dir, 'attack-tactics.ts');
      const r = run([BUNDLE, '--attack-version', '18.1', '--source', SOURCE, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(text);
    });
  }, 60_000);

  it('stops on a tactic without a Vietnamese name and on a tactic MITRE renamed', () => {
    withTemp((dir) => {
      const out = path.join(dir, 'never-written.ts');
      const unnamed = bundle();
      const renamed = bundle();
      for (const o of unnamed.objects) {
        if (o.type === 'x-mitre-tactic' && o.x_mitre_shortname === 'impact') o.external_references = [{ source_name: 'mitre-attack', external_id: 'TA0099' }];
      }
      for (const o of renamed.objects) if (o.type === 'x-mitre-tactic' && o.x_mitre_shortname === 'defense-evasion') o.name = 'Stealth';
      writeFileSync(path.join(dir, 'unnamed.json'), JSON.stringify(unnamed));
      writeFileSync(path.join(dir, 'renamed.json'), JSON.stringify(renamed));

      const a = run([path.join(dir, 'unnamed.json'), '--attack-version', '18.1', '--out', out]);
      expect(a.status).toBe(1);
      expect(a.stderr).toContain('TA0099 (Impact) has no Vietnamese name');
      const b = run([path.join(dir, 'renamed.json'), '--attack-version', '19.0', '--out', out]);
      expect(b.status).toBe(1);
      expect(b.stderr).toContain("TA0005 is now named 'Stealth'");
      // No version in a mitre/cti bundle and none given: refused too.
      const c = run([BUNDLE, '--out', out]);
      expect(c.status).toBe(1);
      expect(c.stderr).toContain('--attack-version');
      expect(() => readFileSync(out)).toThrow();
    });
  }, 60_000);
});

// The guard behind every test file: a path outside the checkout is refused and recorded, the
// repository and the temporary folder are not; and no source names a path outside the tree.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutsideRepositoryError, REPO_ROOT, isAllowedPath, violations } from '../helpers/repo-guard.js';

const beside = path.join(REPO_ROOT, '..', 'shared', 'data', 'samples', 'README.md');

describe('repository guard', () => {
  it('refuses sync, promise and ES-module-imported reads of a folder beside the checkout, and records them', async () => {
    const before = violations.length;
    expect(() => readFileSync(beside)).toThrow(OutsideRepositoryError);
    expect(() => existsSync(beside)).toThrow(OutsideRepositoryError);
    expect(() => readdirSync(new URL(`file://${path.dirname(beside)}/`))).toThrow(OutsideRepositoryError);
    await expect(readFile(beside)).rejects.toThrow(OutsideRepositoryError);
    // These four are the guard's own probes: taken off the record so this file does not fail itself.
    expect(violations.splice(before).map((e) => e.message.split('(')[0])).toEqual(['fs.readFileSync', 'fs.existsSync', 'fs.readdirSync', 'fs.promises.readFile']);
  });

  it('lets the repository, the temporary folder and the system folders through', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).toContain('"name"');
    expect(isAllowedPath(path.join(tmpdir(), 'socwall-x'))).toBe(true);
    expect(isAllowedPath('/usr/bin/chromium')).toBe(true);
    expect(isAllowedPath(path.join(REPO_ROOT, '..', 'main-other'))).toBe(false);
    expect(isAllowedPath(path.join(REPO_ROOT, 'tests', '..', '..', 'shared'))).toBe(false);
  });

  it('no test, bench or script names a path outside the repository relative to itself', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|mjs|js|cjs|vue)$/u.test(entry.name)) {
          const text = readFileSync(full, 'utf8');
          for (const m of text.matchAll(/new URL\('(\.\.?\/[^']*)', import\.meta\.url\)|import\.meta\.dirname, ((?:'\.\.', ?)+)'([^']+)'/gu)) {
            const target = m[1] !== undefined ? path.resolve(path.dirname(full), m[1]) : path.resolve(path.dirname(full), ...m[2]!.split(',').map((s) => s.trim().replace(/'/gu, '')).filter(Boolean), m[3]!);
            if (!target.startsWith(REPO_ROOT + path.sep) && target !== REPO_ROOT) offenders.push(`${path.relative(REPO_ROOT, full)}: ${m[0]}`);
          }
        }
      }
    };
    for (const dir of ['tests', 'bench', 'scripts', 'electron', 'renderer', 'build']) walk(path.join(REPO_ROOT, dir));
    expect(offenders).toEqual([]);
  });
});

// Nothing the tests or benchmarks do may depend on files beside the checkout (a `../shared`
// folder exists on the developers' machines and on nobody else's). Installed before every test
// file (vitest `setupFiles`) and by `bench/run.ts`: each file-system call that names a path
// outside the repository throws, and is also recorded so that a caller swallowing the error
// still fails its file. Outside the repository only the temporary folder (tests make their
// data folders there), the operating system's own folders and the user's cache of tools
// (playwright-core keeps its browser markers in ~/.cache) may be touched.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

const ALLOWED_OUTSIDE = [...new Set([os.tmpdir(), path.join(os.homedir(), '.cache'), '/tmp', '/dev', '/proc', '/sys', '/usr', '/etc', '/lib', '/lib64', '/bin', '/sbin', '/run', '/var/tmp', '/var/run'])];

function within(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The absolute path a file-system argument names, or null for a file descriptor or an unreadable value. */
function pathOf(arg: unknown): string | null {
  if (typeof arg === 'string') return path.resolve(arg);
  if (arg instanceof URL) return arg.protocol === 'file:' ? path.resolve(fileURLToPath(arg)) : null;
  if (Buffer.isBuffer(arg)) return path.resolve(arg.toString('utf8'));
  return null;
}

/** True when a path may be opened by the tests: inside the repository or an allowed system folder. */
// The folder holding the checkout: what lies beside the checkout is refused even when that
// folder is itself inside an allowed one (CI clones into a temporary folder). Unless the
// checkout sits directly in an allowed folder, where siblings and temporary files look alike.
const BESIDE = path.dirname(REPO_ROOT);
const BESIDE_REFUSED = !ALLOWED_OUTSIDE.includes(BESIDE);

export function isAllowedPath(p: string): boolean {
  const abs = path.resolve(p);
  // Compared without case: TypeScript probes whether the file system is case-sensitive by
  // stat-ing its own path in upper case, which is still the repository.
  if (within(REPO_ROOT.toLowerCase(), abs.toLowerCase())) return true;
  if (BESIDE_REFUSED && within(BESIDE, abs)) return false;
  return ALLOWED_OUTSIDE.some((dir) => within(dir, abs));
}

export class OutsideRepositoryError extends Error {
  constructor(call: string, p: string) {
    super(`${call}(${p}) names a path outside the repository ${REPO_ROOT}: keep what tests and benchmarks read inside the tree (tests/fixtures/)`);
    this.name = 'OutsideRepositoryError';
  }
}

/**
 * Every refused call since the guard was installed, kept even when the caller caught the error.
 * On globalThis: vitest evaluates this module again for each test file, while node:fs is wrapped once.
 */
const VIOLATIONS = Symbol.for('socwall.repoGuard.violations');
const store = globalThis as unknown as Record<symbol, OutsideRepositoryError[] | undefined>;
export const violations: OutsideRepositoryError[] = (store[VIOLATIONS] ??= []);

// The calls that name a path in their first argument (the two-path ones are checked on both).
const ONE_PATH = [
  'access', 'appendFile', 'createReadStream', 'createWriteStream', 'existsSync', 'lstat', 'mkdir', 'open', 'opendir', 'readdir',
  'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat', 'truncate', 'unlink', 'watch', 'writeFile',
] as const;
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'] as const;

type AnyFunction = (...args: unknown[]) => unknown;

function guard(owner: Record<string, unknown>, name: string, label: string, paths: 1 | 2, rejects = false): void {
  const original = owner[name];
  if (typeof original !== 'function' || (original as { repoGuarded?: boolean }).repoGuarded) return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    for (let i = 0; i < paths; i++) {
      const p = pathOf(args[i]);
      if (p !== null && !isAllowedPath(p)) {
        const error = new OutsideRepositoryError(label, p);
        violations.push(error);
        if (rejects) return Promise.reject(error);
        throw error;
      }
    }
    return (original as AnyFunction).apply(this, args);
  };
  Object.defineProperty(wrapped, 'repoGuarded', { value: true });
  owner[name] = wrapped;
}

/** Wraps node:fs (sync, callback and promise forms) and updates the ES module named exports. */
export function installRepoGuard(): void {
  const sync = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of ONE_PATH) {
    for (const variant of [name, `${name}Sync`]) guard(sync, variant, `fs.${variant}`, 1);
    guard(promises, name, `fs.promises.${name}`, 1, true);
  }
  for (const name of TWO_PATHS) {
    for (const variant of [name, `${name}Sync`]) guard(sync, variant, `fs.${variant}`, 2);
    guard(promises, name, `fs.promises.${name}`, 2, true);
  }
  syncBuiltinESMExports();
}

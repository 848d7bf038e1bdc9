// File-system failures as values: the journal reports them (status, log line, metrics) and
// never throws them at the wall. Disk full, a read-only or missing folder are normal bad days.
import { closeSync, existsSync, fsyncSync, openSync, renameSync } from 'node:fs';

const HINTS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a folder',
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  EBUSY: 'in use by another program',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
};

export function errnoCode(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** "cannot <action> <path>: ENOSPC (disk full)". */
export function describeFsError(action: string, path: string, err: unknown): string {
  const code = errnoCode(err);
  if (code === null) return `cannot ${action} ${path}: ${err instanceof Error ? err.message : String(err)}`;
  return `cannot ${action} ${path}: ${code} (${HINTS[code] ?? (err as Error).message})`;
}

/**
 * Makes a rename or a new file in `dir` durable. Folders cannot be opened for fsync on
 * Windows (EPERM/EISDIR); NTFS journals metadata itself, so that is not an error.
 */
export function fsyncDirSync(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (err) {
    if (process.platform === 'win32') return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    const code = errnoCode(err);
    if (!(process.platform === 'win32' || code === 'EINVAL' || code === 'EISDIR')) throw err;
  } finally {
    closeSync(fd);
  }
}

/**
 * Renames a damaged file to `<path>.corrupt-<time>` (never over an existing one) so it stays
 * for a post-mortem instead of being deleted. Returns the new path, or why it failed.
 */
export function setAsideSync(path: string, at: number): { movedTo: string } | { error: string } {
  const stamp = new Date(at).toISOString().replace(/[:.]/gu, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let i = 1; existsSync(target); i++) target = `${path}.corrupt-${stamp}-${i}`;
  try {
    renameSync(path, target);
    return { movedTo: target };
  } catch (err) {
    return { error: describeFsError('rename', path, err) };
  }
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockStateDir, nextBootNumber } from '../../../electron/core/forwarder/state-files.js';

const lockIn = () => join(mkdtempSync(join(tmpdir(), 'socwall-fwd-lock-')), 'lock');
const thisBoot = () => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
};

describe('state folder lock', () => {
  it('refuses a second forwarder while the first runs, and is free again once released', () => {
    const file = lockIn();
    const release = lockStateDir(file);
    // The parent of this test process is alive, on this boot: a forwarder in another process.
    writeFileSync(file, JSON.stringify({ pid: process.ppid, boot: thisBoot() }));
    expect(() => lockStateDir(file)).toThrow(/another forwarder \(pid \d+\) uses the state folder/u);
    release();
    lockStateDir(file)();
  });

  it('takes over a lock left on an earlier boot (a power cut), even when its pid is alive now', () => {
    const file = lockIn();
    writeFileSync(file, JSON.stringify({ pid: process.ppid, boot: 'an-earlier-boot' }));
    const release = lockStateDir(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, boot: thisBoot() });
    release();
  });

  it('takes over a lock whose process is gone, or that it cannot read', () => {
    const file = lockIn();
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, boot: thisBoot() }));
    lockStateDir(file)();
    writeFileSync(file, 'not json');
    lockStateDir(file)();
  });
});

describe('boot number', () => {
  it('grows at every start and is never below the current second', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'socwall-fwd-boot-')), 'boot.json');
    const a = nextBootNumber(file, 5_000_000);
    const b = nextBootNumber(file, 5_000_000);
    expect(a).toBe(5000);
    expect(b).toBe(5001);
    expect(nextBootNumber(file, 9_000_000)).toBe(9000);
  });
});

// The wall's log: each line to the console as before, and as JSON lines to a file that
// rotates at its size and keeps a bounded number of files (a wall runs for weeks).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWallLogger, type LogLevel } from '../../../electron/core/log/wall-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'socwall-log-'));
  dirs.push(d);
  return d;
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('the wall log', () => {
  it('writes each line to the console and as JSON with its level, time and fields to the file', async () => {
    const dir = join(tempDir(), 'logs');
    const console: [LogLevel, string][] = [];
    const logger = await openWallLogger({ dir }, (level, message) => void console.push([level, message]));
    logger.log('info', 'journal: restored', { replayed: 12 });
    logger.log('error', 'broker refused the connection');
    await logger.close();
    expect(console).toEqual([
      ['info', 'journal: restored'],
      ['error', 'broker refused the connection'],
    ]);
    const [file] = readdirSync(dir);
    const lines = readFileSync(join(dir, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { level: 'info', msg: 'journal: restored', replayed: 12, app: 'soc-wall' },
      { level: 'error', msg: 'broker refused the connection' },
    ]);
    expect(Date.parse(String(lines[0]!.time))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('rotates at its size and keeps only the files it is told to', async () => {
    const dir = tempDir();
    const logger = await openWallLogger({ dir, maxBytes: 2048, keep: 2 }, () => undefined);
    for (let i = 0; i < 300; i++) {
      logger.log('info', `line ${i} of a wall that runs for weeks`, { i });
      await tick();
    }
    await logger.close();
    const files = readdirSync(dir).sort();
    // The current file and two kept: older ones are removed as new ones start.
    expect(files.length).toBe(3);
    // A file passes its size by what was buffered while the last write was in flight: a line or
    // two on an idle machine, a few more on a busy one (CI measured 2,430 bytes). Without
    // rotation it would hold all 300 lines (~25 KB).
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThan(2048 * 1.5);
    const newest = readFileSync(join(dir, files.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1)!), 'utf8').trim().split('\n');
    expect(JSON.parse(newest.at(-1)!)).toMatchObject({ msg: 'line 299 of a wall that runs for weeks', i: 299 });
  });
});

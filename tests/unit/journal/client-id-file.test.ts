// The MQTT client id file beside the journal (electron/core/config/json-state-file.ts): only a
// missing file is a first start; an unreadable or invalid one is logged, never silently replaced.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableClientId } from '../../../electron/core/config/json-state-file.js';
import { tempDir } from './fixtures.js';

function run(dir: string): { id: string; logs: string[] } {
  const logs: string[] = [];
  const id = stableClientId(dir, (level, m) => logs.push(`${level}: ${m}`));
  return { id, logs };
}

describe('stableClientId', () => {
  it('made once on a first start, then the same id, without a word', () => {
    const dir = tempDir();
    const a = run(dir);
    expect(a.id).toMatch(/^soc-wall-[0-9a-f-]{12}$/u);
    expect(run(dir)).toEqual({ id: a.id, logs: [] });
    expect(a.logs).toEqual([]);
  });

  it('an unreadable file is logged and left as it is; the run uses a temporary id', () => {
    const dir = tempDir();
    // A folder in the file's place: unreadable even for root (EISDIR).
    mkdirSync(join(dir, 'mqtt-client-id'));
    const a = run(dir);
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toMatch(/^warn: cannot read the MQTT client id file .*mqtt-client-id \(EISDIR\): left as it is; this run uses the temporary id soc-wall-/u);
    expect(a.logs[0]).toContain(a.id);
    expect(statSync(join(dir, 'mqtt-client-id')).isDirectory()).toBe(true);
    expect(run(dir).id).not.toBe(a.id);
  });

  it('a data folder that cannot exist (a file in its place) is no file: a temporary id, and why it cannot be kept', () => {
    const base = tempDir();
    writeFileSync(join(base, 'a-file'), 'x');
    const a = run(join(base, 'a-file', 'data'));
    expect(a.logs).toHaveLength(1);
    expect(a.logs[0]).toMatch(/^warn: cannot keep the MQTT client id in .* queued messages are lost if the wall restarts/u);
  });

  it('a file without a valid id is logged and kept aside before a new id replaces it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mqtt-client-id'), 'not an id!\n');
    const a = run(dir);
    expect(a.logs[0]).toMatch(/^warn: the MQTT client id file .* holds no valid id \(11 characters; kept as .*mqtt-client-id\.corrupt-.*\): a new id soc-wall-/u);
    const aside = readdirSync(dir).find((n) => n.startsWith('mqtt-client-id.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('not an id!\n');
    expect(run(dir)).toEqual({ id: a.id, logs: [] });
  });
});

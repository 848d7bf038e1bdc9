import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskQueue, decodeRecord, encodeRecord, type QueueInput } from '../../../electron/core/forwarder/disk-queue.js';
import type { FilePosition } from '../../../electron/core/forwarder/file-position.js';

const open: DiskQueue[] = [];
const dirOf = () => mkdtempSync(join(tmpdir(), 'socwall-fwdq-'));
function queue(dir: string, o: { maxBytes?: number; segmentBytes?: number } = {}): DiskQueue {
  const q = new DiskQueue({ dir, maxBytes: o.maxBytes ?? 1024 * 1024, segmentBytes: o.segmentBytes, ackPersistMs: 60_000, syncEveryMs: 60_000 });
  open.push(q);
  return q;
}
const pos = (o: number, g = 1): FilePosition => ({ t: 'abcdef0123', g, d: '1', i: '2', o });
const rec = (n: number, position: FilePosition | null = null): QueueInput => ({ topic: `soc/v1/s${n % 2}/n/event`, payload: JSON.stringify({ n }), position });
const segments = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.seg')).sort();

afterEach(() => {
  for (const q of open.splice(0)) q.close();
});

describe('disk queue', () => {
  it('reads back what was appended, in order, and counts depth per topic', () => {
    const q = queue(dirOf());
    expect(q.append([rec(1), rec(2), rec(3)])).toBe(3);
    expect(q.length).toBe(3);
    expect(q.depthOf('soc/v1/s1/n/event')).toBe(2);
    const got = q.read(2);
    expect(got.map((r) => JSON.parse(r.payload).n)).toEqual([1, 2]);
    expect(q.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([3]);
    expect(q.read(10)).toEqual([]);
    q.acknowledge(got);
    expect(q.length).toBe(1);
    expect(q.depthOf('soc/v1/s1/n/event')).toBe(1);
  });

  it('keeps a payload with raw tabs whole (the meta is after the last tab)', () => {
    const line = encodeRecord({ topic: 't/x', payload: '{"a":\t1}', position: pos(9) }, 5);
    expect(decodeRecord(line.slice(0, -1))).toEqual({ topic: 't/x', payload: '{"a":\t1}', queuedAt: 5, position: pos(9) });
    expect(decodeRecord('no tabs here')).toBeNull();
    expect(decodeRecord('t\tp\t{"q":"x"}')).toBeNull();
  });

  it('resumes after the persisted ack pointer on reopen', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1), rec(2), rec(3), rec(4)]);
    q.acknowledge(q.read(2));
    q.close();
    const again = queue(dir);
    expect(again.length).toBe(2);
    expect(again.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([3, 4]);
  });

  it('resends only what was acknowledged after the last ack write when killed (no close)', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([1, 2, 3, 4, 5].map((n) => rec(n)));
    q.acknowledge(q.read(2));
    q.persistAck();
    q.acknowledge(q.read(1)); // acknowledged but never written: a SIGKILL now
    const after = new DiskQueue({ dir, maxBytes: 1 << 20, ackPersistMs: 60_000, syncEveryMs: 60_000 });
    open.push(after);
    expect(after.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([3, 4, 5]);
  });

  it('rolls segments and deletes them once fully acknowledged', () => {
    const dir = dirOf();
    const q = queue(dir, { segmentBytes: 200 });
    for (let i = 0; i < 30; i++) q.append([rec(i)]);
    expect(segments(dir).length).toBeGreaterThan(3);
    const all = q.read(100);
    expect(all.map((r) => JSON.parse(r.payload).n)).toEqual([...Array(30).keys()]);
    q.acknowledge(all.slice(0, 10));
    const mid = segments(dir).length;
    q.acknowledge(all.slice(10));
    expect(segments(dir).length).toBeLessThan(mid);
    // Only the segment being written is left.
    expect(segments(dir)).toHaveLength(1);
    expect(q.length).toBe(0);
    q.close();
    const again = queue(dir, { segmentBytes: 200 });
    expect(again.length).toBe(0);
    expect(again.read(10)).toEqual([]);
    again.append([rec(99)]);
    expect(again.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([99]);
  });

  it('cuts a torn last record on reopen, keeping every whole one', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1), rec(2)]);
    q.close();
    const seg = join(dir, segments(dir).at(-1)!);
    const whole = statSync(seg).size;
    appendFileSync(seg, 'soc/v1/s1/n/event\t{"n":3'); // killed in the middle of a write
    const again = queue(dir);
    expect(statSync(seg).size).toBe(whole);
    expect(again.length).toBe(2);
    again.append([rec(4)]);
    expect(again.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([1, 2, 4]);
    expect(readFileSync(seg, 'utf8').endsWith('\n')).toBe(true);
  });

  it('skips a damaged record and counts it', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1)]);
    q.close();
    const seg = join(dir, segments(dir).at(-1)!);
    appendFileSync(seg, '\u0000\u0000\u0000garbage\n');
    const again = queue(dir);
    again.append([rec(2)]);
    const got = again.read(10);
    expect(got.map((r) => JSON.parse(r.payload).n)).toEqual([1, 2]);
    expect(again.corrupt).toBeGreaterThan(0);
    again.acknowledge(got);
    expect(again.length).toBe(0);
  });

  it('skips a record damaged inside (zeros over its topic, a flipped byte in its payload): its CRC no longer matches', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1), rec(2), rec(3)]);
    q.close();
    const seg = join(dir, segments(dir).at(-1)!);
    const lines = readFileSync(seg, 'utf8').split('\n');
    // A power cut's page of zeros over the first record's topic; a bit flip in the second's payload ({"n":2} → {"n":3}).
    lines[0] = '\u0000'.repeat(10) + lines[0]!.slice(10);
    lines[1] = lines[1]!.replace('{"n":2}', '{"n":3}');
    writeFileSync(seg, lines.join('\n'));
    expect(decodeRecord(lines[0]!)).toBeNull();
    expect(decodeRecord(lines[1]!)).toBeNull();
    const again = queue(dir);
    expect(again.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([3]);
    expect(again.corrupt).toBe(2);
    // A topic with an MQTT wildcard is never published, even with a matching CRC.
    const wild = encodeRecord({ topic: 'soc/v1/#', payload: '{}', position: null }, 1);
    expect(decodeRecord(wild.slice(0, -1))).toBeNull();
  });

  it('refuses appends past its bound and takes them again once acknowledged', () => {
    const one = Buffer.byteLength(encodeRecord(rec(1), Date.now()));
    const q = queue(dirOf(), { maxBytes: one * 3 + 1 });
    expect(q.append([rec(1), rec(2), rec(3), rec(4), rec(5)])).toBe(3);
    expect(q.append([rec(6)])).toBe(0);
    expect(q.pendingBytes).toBeLessThanOrEqual(q.capacityBytes);
    q.acknowledge(q.read(2));
    expect(q.append([rec(7), rec(8), rec(9)])).toBe(2);
    expect(q.read(10).map((r) => JSON.parse(r.payload).n)).toEqual([3, 7, 8]);
  });

  it('gives the newest position of each source: from its records, or positions.json when newer', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1, pos(10)), rec(2, pos(20)), rec(3, null)]);
    expect(q.position('abcdef0123')).toEqual(pos(20));
    q.close();
    expect(queue(dir).position('abcdef0123')).toEqual(pos(20));
    open.pop()!.close();
    // A generation bump reached without a line: newer than any record.
    const b = queue(dir);
    b.notePosition(pos(0, 2));
    b.close();
    expect(queue(dir).position('abcdef0123')).toEqual(pos(0, 2));
  });

  it('keeps a position after every record carrying it is acknowledged and deleted', () => {
    const dir = dirOf();
    const q = queue(dir, { segmentBytes: 100 });
    q.append([rec(1, pos(10))]);
    for (let i = 0; i < 10; i++) q.append([rec(i)]);
    q.acknowledge(q.read(100));
    q.close();
    expect(segments(dir)).toHaveLength(1);
    expect(queue(dir).position('abcdef0123')).toEqual(pos(10));
  });

  it('ignores an ack pointer it cannot read and resends from the oldest kept record', () => {
    const dir = dirOf();
    const q = queue(dir);
    q.append([rec(1), rec(2)]);
    q.acknowledge(q.read(1));
    q.close();
    writeFileSync(join(dir, 'ack.json'), '{not json');
    expect(queue(dir).read(10).map((r) => JSON.parse(r.payload).n)).toEqual([1, 2]);
  });
});

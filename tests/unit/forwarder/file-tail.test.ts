import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileLineId, sourceTag, type FilePosition } from '../../../electron/core/forwarder/file-position.js';
import { FileTail, type FileTailOptions, type TailLine } from '../../../electron/core/forwarder/file-tail.js';

const tails: FileTail[] = [];
afterEach(() => {
  for (const t of tails.splice(0)) t.stop();
});

interface Harness {
  tail: FileTail;
  lines: TailLine[];
  texts: () => string[];
  drops: string[];
  positions: FilePosition[];
  logs: string[];
  /** The last position the tail reported (line or not): what the queue would resume from. */
  last: () => FilePosition | undefined;
  clock: { t: number };
  /** Accept at most this many lines per call (the queue filling up); Infinity by default. */
  accept: { n: number };
}

function follow(path: string, o: Partial<FileTailOptions> = {}): Harness {
  const lines: TailLine[] = [];
  const drops: string[] = [];
  const positions: FilePosition[] = [];
  const logs: string[] = [];
  const clock = { t: 1_000_000 };
  const accept = { n: Infinity };
  let last: FilePosition | undefined;
  const tail = new FileTail({
    path,
    tag: sourceTag(path),
    resume: undefined,
    initialGeneration: 7,
    rotateGraceMs: 1000,
    now: () => clock.t,
    log: (_level, message) => logs.push(message),
    onLines: (batch) => {
      const taken = batch.slice(0, Math.min(batch.length, accept.n));
      lines.push(...taken);
      if (taken.length > 0) last = taken.at(-1)!.position;
      return taken.length;
    },
    onDrop: (reason) => drops.push(reason),
    onPosition: (p) => {
      positions.push(p);
      last = p;
    },
    ...o,
  });
  tails.push(tail);
  return { tail, lines, texts: () => lines.map((l) => l.text), drops, positions, logs, last: () => last, clock, accept };
}

const dir = () => mkdtempSync(join(tmpdir(), 'socwall-tail-'));

/** An empty file `name` in a new folder, followed from its first poll (a first start at its end, which is 0). */
function followNew(name: string, o: Partial<FileTailOptions> = {}): { p: string; h: Harness } {
  const p = join(dir(), name);
  writeFileSync(p, '');
  const h = follow(p, o);
  h.tail.poll();
  return { p, h };
}

describe('file tail', () => {
  it('emits complete lines only, keeping a partial last line until its LF', () => {
    const { p, h } = followNew('eve.json');
    appendFileSync(p, 'one\ntw');
    h.tail.poll();
    expect(h.texts()).toEqual(['one']);
    appendFileSync(p, 'o\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['one', 'two']);
  });

  it('strips CR before LF and skips empty lines; ids name the byte offset of each line', () => {
    const { p, h } = followNew('a.log');
    appendFileSync(p, 'alpha\r\n\r\n\nbeta\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['alpha', 'beta']);
    const tag = sourceTag(p);
    expect(h.lines.map((l) => l.id)).toEqual([fileLineId(tag, 7, 0), fileLineId(tag, 7, 10)]);
    expect(h.lines[1]!.position.o).toBe(15);
  });

  it('drops a line over the bound whole (too_long) and resumes after its LF, also across polls', () => {
    const { p, h } = followNew('a.log', { maxLineBytes: 10 });
    appendFileSync(p, `short\n${'x'.repeat(50)}\nafter\n`);
    h.tail.poll();
    expect(h.texts()).toEqual(['short', 'after']);
    expect(h.drops).toEqual(['too_long']);
    // A long line arriving in pieces: never held, dropped when its LF comes.
    appendFileSync(p, 'y'.repeat(30));
    h.tail.poll();
    appendFileSync(p, 'y'.repeat(30));
    h.tail.poll();
    appendFileSync(p, 'yyy\nlast\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['short', 'after', 'last']);
    expect(h.drops).toEqual(['too_long', 'too_long']);
  });

  it('first start: at the end of an existing file; --from-start: from its beginning', () => {
    const d = dir();
    const p = join(d, 'a.log');
    writeFileSync(p, 'old1\nold2\n');
    const h = follow(p);
    h.tail.poll();
    appendFileSync(p, 'new\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['new']);
    const q = join(d, 'b.log');
    writeFileSync(q, 'old1\nold2\n');
    const s = follow(q, { fromStart: true });
    s.tail.poll();
    expect(s.texts()).toEqual(['old1', 'old2']);
  });

  it('a file that does not exist yet is waited for (said once) and read from 0', () => {
    const p = join(dir(), 'later.log');
    const h = follow(p);
    h.tail.poll();
    h.tail.poll();
    expect(h.logs.filter((l) => l.includes('does not exist'))).toHaveLength(1);
    expect(h.tail.missing).toBe(true);
    writeFileSync(p, 'first\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['first']);
    expect(h.tail.missing).toBe(false);
  });

  it('rotation by rename: finishes the old file (late writes too), then reads the new one from 0 in a new generation', () => {
    const { p, h } = followNew('eve.json');
    appendFileSync(p, 'a1\na2\n');
    h.tail.poll();
    renameSync(p, `${p}.1`);
    writeFileSync(p, 'b1\n');
    h.tail.poll();
    h.clock.t += 500;
    appendFileSync(`${p}.1`, 'a3\n'); // the writer has not reopened yet
    h.tail.poll();
    expect(h.texts()).toEqual(['a1', 'a2', 'a3']);
    h.clock.t += 1000; // idle for the grace period
    h.tail.poll();
    h.tail.poll();
    expect(h.texts()).toEqual(['a1', 'a2', 'a3', 'b1']);
    const [a1, , , b1] = h.lines;
    expect(b1!.position.g).toBe(a1!.position.g + 1);
    expect(b1!.position.i).not.toBe(a1!.position.i);
    expect(b1!.start).toBe(0);
    expect(new Set(h.lines.map((l) => l.id)).size).toBe(4);
  });

  it('rotated twice while the first old file is still being finished (the queue full): every file in the chain, in order', () => {
    const { p, h } = followNew('eve.json');
    appendFileSync(p, 'a1\na2\n');
    h.accept.n = 0; // the queue is full: lines wait in their files
    h.tail.poll();
    renameSync(p, `${p}.1`);
    writeFileSync(p, 'b1\nb2\n');
    h.tail.poll(); // sees the first rotation, cannot finish a.* yet
    renameSync(`${p}.1`, `${p}.2`);
    renameSync(p, `${p}.1`); // the second rotation: b.* is now eve.json.1
    writeFileSync(p, 'c1\n');
    h.accept.n = Infinity;
    for (let i = 0; i < 6; i++) {
      h.clock.t += 1100;
      h.tail.poll();
    }
    expect(h.texts()).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(new Set(h.lines.map((l) => l.id)).size).toBe(5);
    expect(h.logs.some((l) => l.includes('rotated again') && l.includes('eve.json.1'))).toBe(true);
  });

  it('copytruncate: same inode, shorter: read again from 0 in a new generation', () => {
    const { p, h } = followNew('alerts.json');
    appendFileSync(p, 'line-one\nline-two\n');
    h.tail.poll();
    truncateSync(p, 0);
    appendFileSync(p, 'x\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['line-one', 'line-two', 'x']);
    expect(h.lines[2]!.position.g).toBe(h.lines[0]!.position.g + 1);
    expect(h.lines[2]!.id).not.toBe(h.lines[0]!.id);
  });

  it('copytruncate detected even when the file regrew past the old position between two polls (its first bytes differ)', () => {
    const { p, h } = followNew('alerts.json');
    appendFileSync(p, '{"n":1}\n');
    h.tail.poll();
    truncateSync(p, 0);
    appendFileSync(p, '{"m":1}\n{"m":2}\n{"m":3}\n');
    h.tail.poll();
    expect(h.texts()).toEqual(['{"n":1}', '{"m":1}', '{"m":2}', '{"m":3}']);
  });

  it('pauses when the consumer takes fewer lines, and reads the rest again from the right offset', () => {
    const { p, h } = followNew('a.log');
    appendFileSync(p, 'l1\nl2\nl3\nl4\n');
    h.accept.n = 1;
    h.tail.poll();
    expect(h.texts()).toEqual(['l1']);
    h.accept.n = 0;
    h.tail.poll();
    expect(h.texts()).toEqual(['l1']);
    h.accept.n = Infinity;
    h.tail.poll();
    expect(h.texts()).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(h.lines.map((l) => l.start)).toEqual([0, 3, 6, 9]);
  });

  it('resumes from a saved position: neither skipping nor repeating a line', () => {
    const { p, h: first } = followNew('a.log');
    appendFileSync(p, 'l1\nl2\n');
    first.tail.poll();
    first.tail.stop();
    appendFileSync(p, 'l3\nl4\n'); // written while stopped
    const second = follow(p, { resume: first.last() });
    second.tail.poll();
    expect(second.texts()).toEqual(['l3', 'l4']);
    expect(second.lines[0]!.id).toBe(fileLineId(sourceTag(p), first.lines[0]!.position.g, 6));
  });

  it('resumes in a file rotated while it was stopped, found again by inode, then the new one from 0', () => {
    const { p, h: first } = followNew('eve.json');
    appendFileSync(p, 'a1\n');
    first.tail.poll();
    first.tail.stop();
    appendFileSync(p, 'a2\n');
    renameSync(p, `${p}.1`);
    writeFileSync(p, 'b1\n');
    const second = follow(p, { resume: first.last() });
    second.tail.poll();
    expect(second.texts()).toEqual(['a2']);
    second.clock.t += 1000;
    second.tail.poll();
    second.tail.poll();
    expect(second.texts()).toEqual(['a2', 'b1']);
    expect(second.lines[1]!.position.g).toBe(first.lines[0]!.position.g + 1);
  });

  it('a file truncated while it was stopped is read again from 0 in a new generation', () => {
    const { p, h: first } = followNew('a.log');
    appendFileSync(p, 'aaaa1\naaaa2\n');
    first.tail.poll();
    first.tail.stop();
    truncateSync(p, 0);
    appendFileSync(p, 'bbbb1\nbbbb2\nbbbb3\n'); // longer than before: only the first bytes tell
    const second = follow(p, { resume: first.last() });
    second.tail.poll();
    expect(second.texts()).toEqual(['bbbb1', 'bbbb2', 'bbbb3']);
    expect(second.lines[0]!.position.g).toBe(first.lines[0]!.position.g + 1);
  });

  it('reports the generation bump as a position at once (a restart before the next line keeps it)', () => {
    const { p, h } = followNew('a.log');
    appendFileSync(p, 'one\n');
    h.tail.poll();
    truncateSync(p, 0);
    h.tail.poll();
    expect(h.last()).toMatchObject({ g: 8, o: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { SyslogFramer, type FrameDrop } from '../../../electron/core/forwarder/syslog-framing.js';

function framer(maxFrameBytes = 1024) {
  const frames: string[] = [];
  const drops: FrameDrop[] = [];
  const f = new SyslogFramer({ maxFrameBytes, onFrame: (b) => frames.push(b.toString('utf8')), onDrop: (r) => drops.push(r) });
  return { f, frames, drops };
}
const octet = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;

describe('syslog TCP framing (RFC 6587)', () => {
  it('octet counting, including a message that holds LF and NUL', () => {
    const { f, frames } = framer();
    f.push(Buffer.from(octet('<34>1 - host app - - - one') + octet('<34>two\nstill two\u0000!')));
    expect(frames).toEqual(['<34>1 - host app - - - one', '<34>two\nstill two\u0000!']);
  });

  it('non-transparent framing ends at LF or NUL, strips CR, skips empty frames', () => {
    const { f, frames } = framer();
    f.push(Buffer.from('<13>a\n<13>b\u0000<13>c\r\n\n\n'));
    expect(frames).toEqual(['<13>a', '<13>b', '<13>c']);
  });

  it('mixed framings on one connection, and the LF some senders add after a counted frame', () => {
    const { f, frames } = framer();
    f.push(Buffer.from(`${octet('<1>counted')}\n<2>lf\n${octet('<3>again')}<4>nul\u0000`));
    expect(frames).toEqual(['<1>counted', '<2>lf', '<3>again', '<4>nul']);
  });

  it('frames split anywhere across chunks (byte by byte) come out whole', () => {
    const stream = `${octet('<1>über-long counted message')}<2>plain line\n${octet('<3>x')}`;
    const { f, frames } = framer();
    for (const byte of Buffer.from(stream)) f.push(Buffer.from([byte]));
    expect(frames).toEqual(['<1>über-long counted message', '<2>plain line', '<3>x']);
  });

  it('a line that starts with a digit but has no count is a non-transparent frame', () => {
    const { f, frames } = framer();
    f.push(Buffer.from('2024-01-01 something happened\n'));
    expect(frames).toEqual(['2024-01-01 something happened']);
  });

  it('drops an oversized octet-counted frame without holding it, and goes on', () => {
    const { f, frames, drops } = framer(16);
    const big = `<1>${'x'.repeat(100)}`;
    f.push(Buffer.from(`${octet(big).slice(0, 30)}`));
    expect(f.heldBytes).toBe(0);
    f.push(Buffer.from(`${octet(big).slice(30)}${octet('<2>ok')}`));
    expect(frames).toEqual(['<2>ok']);
    expect(drops).toEqual(['too_long']);
  });

  it('drops an oversized LF frame, holding at most the bound, and resumes after its LF', () => {
    const { f, frames, drops } = framer(16);
    f.push(Buffer.from(`<1>${'y'.repeat(40)}`));
    expect(f.heldBytes).toBeLessThanOrEqual(16);
    f.push(Buffer.from(`${'y'.repeat(40)}\n<2>next\n`));
    expect(frames).toEqual(['<2>next']);
    expect(drops).toEqual(['too_long']);
  });

  it('at the end of the connection: a last LF frame without LF counts, a short counted one is bad', () => {
    const a = framer();
    a.f.push(Buffer.from('<1>no newline'));
    a.f.end();
    expect(a.frames).toEqual(['<1>no newline']);
    const b = framer();
    b.f.push(Buffer.from('50 <1>short'));
    b.f.end();
    expect(b.frames).toEqual([]);
    expect(b.drops).toEqual(['bad_frame']);
  });
});

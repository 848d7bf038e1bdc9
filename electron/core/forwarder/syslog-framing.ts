// Syslog over TCP (RFC 6587): each frame is either octet-counted (`<len> <msg>`, known by a
// leading digit: a syslog message itself starts with `<`) or non-transparent (ends at LF; NUL
// too, which some senders use). Senders may mix them. What is held per connection is bounded
// by `maxFrameBytes`: a longer frame is dropped whole (its bytes skipped, not kept) and counted.
export type FrameDrop = 'too_long' | 'bad_frame';

export interface FramerOptions {
  maxFrameBytes: number;
  onFrame: (frame: Buffer) => void;
  onDrop: (reason: FrameDrop) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** An octet count has at most this many digits (far above any bound a frame can have). */
const MAX_COUNT_DIGITS = 9;

type State =
  | { kind: 'start' }
  | { kind: 'count'; digits: number; value: number }
  | { kind: 'body'; left: number }
  | { kind: 'skip-body'; left: number }
  | { kind: 'line' }
  | { kind: 'skip-line' };

export class SyslogFramer {
  private state: State = { kind: 'start' };
  /** The frame being collected (body or line), in pieces. */
  private parts: Buffer[] = [];
  private held = 0;

  constructor(private readonly o: FramerOptions) {}

  /** Bytes held for an incomplete frame (bounded by maxFrameBytes + a count). */
  get heldBytes(): number {
    return this.held;
  }

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const s = this.state;
      switch (s.kind) {
        case 'start': {
          const c = chunk[i]!;
          // Between frames: the LF or NUL some octet-counting senders add, and stray CR/space.
          if (c === LF || c === NUL || c === CR || c === SP) {
            i++;
          } else if (isDigit(c)) {
            this.state = { kind: 'count', digits: 0, value: 0 };
          } else {
            this.state = { kind: 'line' };
          }
          break;
        }
        case 'count': {
          const c = chunk[i]!;
          if (isDigit(c) && s.digits < MAX_COUNT_DIGITS) {
            s.value = s.value * 10 + (c - 0x30);
            s.digits++;
            this.hold(chunk.subarray(i, i + 1));
            i++;
          } else if (c === SP && s.digits > 0 && s.value > 0) {
            // A real count: the digits held so far were not part of the message.
            this.reset();
            i++;
            this.state = s.value > this.o.maxFrameBytes ? { kind: 'skip-body', left: s.value } : { kind: 'body', left: s.value };
            if (s.value > this.o.maxFrameBytes) this.o.onDrop('too_long');
          } else {
            // Not `<digits> `: a non-transparent frame that began with a digit; what is held is its start.
            this.state = { kind: 'line' };
          }
          break;
        }
        case 'body': {
          const take = Math.min(s.left, n - i);
          this.hold(chunk.subarray(i, i + take));
          i += take;
          s.left -= take;
          if (s.left === 0) this.emit();
          break;
        }
        case 'skip-body': {
          const take = Math.min(s.left, n - i);
          i += take;
          s.left -= take;
          if (s.left === 0) this.state = { kind: 'start' };
          break;
        }
        case 'line': {
          let end = i;
          while (end < n && chunk[end] !== LF && chunk[end] !== NUL) end++;
          if (this.held + (end - i) > this.o.maxFrameBytes) {
            this.reset();
            this.o.onDrop('too_long');
            if (end < n) {
              this.state = { kind: 'start' };
              i = end + 1;
            } else {
              this.state = { kind: 'skip-line' };
              i = n;
            }
            break;
          }
          this.hold(chunk.subarray(i, end));
          if (end < n) {
            this.emit();
            i = end + 1;
          } else {
            i = n;
          }
          break;
        }
        case 'skip-line': {
          let end = i;
          while (end < n && chunk[end] !== LF && chunk[end] !== NUL) end++;
          if (end < n) {
            this.state = { kind: 'start' };
            i = end + 1;
          } else {
            i = n;
          }
          break;
        }
      }
    }
  }

  /** The connection closed: a non-transparent frame without its LF is still a frame; a short octet-counted one is not. */
  end(): void {
    if (this.state.kind === 'line' || this.state.kind === 'count') this.emit();
    else if (this.state.kind === 'body') this.o.onDrop('bad_frame');
    this.reset();
    this.state = { kind: 'start' };
  }

  private hold(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.held += b.length;
    // A sender trickling a byte per segment would leave one small Buffer (and the socket chunk
    // behind it) per byte: past a few parts they are copied into one, so a connection holds
    // about one frame's bytes whatever the chunking.
    if (this.parts.length > MAX_PARTS) this.parts = [Buffer.concat(this.parts, this.held)];
  }

  private reset(): void {
    this.parts = [];
    this.held = 0;
  }

  private emit(): void {
    let frame = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.held);
    this.reset();
    this.state = { kind: 'start' };
    frame = trimFrame(frame);
    // May share memory with the socket's chunk: the consumer decodes it at once.
    if (frame.length > 0) this.o.onFrame(frame);
  }
}

/** Parts of a frame held before they are joined (see hold). */
const MAX_PARTS = 32;

/** Strips what ends a message in transport but is not part of it (LF, CR, NUL at the end). */
export function trimFrame(b: Buffer): Buffer {
  let e = b.length;
  while (e > 0 && (b[e - 1] === LF || b[e - 1] === CR || b[e - 1] === NUL)) e--;
  return e === b.length ? b : b.subarray(0, e);
}

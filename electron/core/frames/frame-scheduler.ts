// Builds one delta frame per tick at a fixed cadence, whatever the message rate, and
// hands the same frame object to every subscriber (windows, WebSocket clients).
import type { WallFrame } from '../../contract/index.js';

export class FrameScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(frame: WallFrame) => void>();
  framesTotal = 0;

  constructor(
    private readonly buildDelta: () => WallFrame,
    readonly hz: number,
  ) {
    if (!(hz > 0 && hz <= 60)) throw new Error(`frame rate must be in (0, 60] Hz, got ${hz}`);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000 / this.hz);
    this.timer.unref?.();
  }

  tick(): WallFrame {
    const frame = this.buildDelta();
    this.framesTotal++;
    for (const l of this.listeners) {
      try {
        l(frame);
      } catch {
        // A failing consumer (a closed window) must not stop frames for the others.
      }
    }
    return frame;
  }

  subscribe(listener: (frame: WallFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

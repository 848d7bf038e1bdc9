// A message body built at most once per change and shared by every client that asks: the
// snapshot at most once per frame (a snapshot's seq is the last delta's, so one built after
// frame N is right for anyone until frame N+1), the configuration once per change.

export class SharedMessage {
  private cached: Buffer | null = null;
  /** How many times the body was built (for tests and /metrics). */
  builds = 0;
  /** Changes at every invalidate(): the same generation is the same body. */
  generation = 0;

  constructor(private readonly build: () => unknown) {}

  get(): Buffer {
    if (this.cached === null) {
      this.cached = Buffer.from(JSON.stringify(this.build()));
      this.builds++;
    }
    return this.cached;
  }

  /** The next get() builds it again. */
  invalidate(): void {
    this.cached = null;
    this.generation++;
  }
}

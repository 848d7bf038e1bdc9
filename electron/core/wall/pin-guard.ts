// How often anyone may try the kiosk PIN. Each client (a browser-host connection's address,
// or 'local' for the wall's own windows) waits after a wrong PIN: 1 s, then 2, 4, 8 … up to
// 5 minutes, and has one attempt at a time; an attempt made while it waits is checked when
// the wait is over. All clients together get at most 5 wrong PINs a minute, after which every
// attempt, even with the right PIN, is refused until the minute has passed (so many
// addresses do not make many guessers). At most two checks run at once (scrypt takes 16 MiB each).
import { verifyPin } from './pin.js';

export type UnlockVerdict = 'unlocked' | 'wrong' | 'refused';

export interface PinGuardOptions {
  pinHash: string | null;
  now?: () => number;
  /** Wait after a client's first wrong PIN; doubles with each further one. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wrong PINs of all clients together within `globalWindowMs` before everyone is refused. */
  globalMaxFailures?: number;
  globalWindowMs?: number;
  /** A client's failures are forgotten this long after its last one. */
  forgetAfterMs?: number;
  /** Clients remembered at once (the oldest is forgotten first; the global limit still holds). */
  maxClients?: number;
  maxConcurrentChecks?: number;
  verify?: (pin: string, hash: string) => Promise<boolean>;
}

interface ClientRecord {
  failures: number;
  /** Epoch ms before which this client's next attempt is not checked. */
  nextAt: number;
  lastFailureAt: number;
  pending: boolean;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.();
  });

export class PinGuard {
  private readonly clients = new Map<string, ClientRecord>();
  private globalFailures: number[] = [];
  private checking = 0;
  private readonly o: Required<Omit<PinGuardOptions, 'pinHash'>> & { pinHash: string | null };

  constructor(options: PinGuardOptions) {
    this.o = {
      now: Date.now,
      baseDelayMs: 1000,
      maxDelayMs: 5 * 60_000,
      globalMaxFailures: 5,
      globalWindowMs: 60_000,
      forgetAfterMs: 15 * 60_000,
      maxClients: 1024,
      maxConcurrentChecks: 2,
      verify: verifyPin,
      ...options,
    };
  }

  /** Wrong PINs of `client` since it last got one right (or was forgotten). */
  failuresOf(client: string): number {
    return this.clients.get(client)?.failures ?? 0;
  }

  async attempt(pin: string, client: string): Promise<UnlockVerdict> {
    const hash = this.o.pinHash;
    if (!hash) return 'refused';
    const rec = this.record(client);
    if (rec.pending) return 'refused';
    rec.pending = true;
    try {
      const wait = rec.nextAt - this.o.now();
      if (wait > 0) await sleep(wait);
      if (this.globallyLimited() || this.checking >= this.o.maxConcurrentChecks) return 'refused';
      this.checking++;
      let ok: boolean;
      try {
        ok = await this.o.verify(pin, hash);
      } finally {
        this.checking--;
      }
      if (ok && !this.globallyLimited()) {
        this.clients.delete(client);
        return 'unlocked';
      }
      if (!ok) this.fail(rec);
      return ok ? 'refused' : 'wrong';
    } finally {
      rec.pending = false;
    }
  }

  private fail(rec: ClientRecord): void {
    const now = this.o.now();
    rec.failures++;
    rec.lastFailureAt = now;
    rec.nextAt = now + Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(rec.failures - 1, 30));
    this.globalFailures.push(now);
  }

  private globallyLimited(): boolean {
    const now = this.o.now();
    this.globalFailures = this.globalFailures.filter((t) => now - t < this.o.globalWindowMs);
    return this.globalFailures.length >= this.o.globalMaxFailures;
  }

  private record(client: string): ClientRecord {
    const now = this.o.now();
    let rec = this.clients.get(client);
    if (rec && !rec.pending && rec.failures > 0 && now - rec.lastFailureAt > this.o.forgetAfterMs) {
      this.clients.delete(client);
      rec = undefined;
    }
    if (!rec) {
      if (this.clients.size >= this.o.maxClients) {
        const oldest = this.clients.keys().next().value;
        if (oldest !== undefined) this.clients.delete(oldest);
      }
      rec = { failures: 0, nextAt: 0, lastFailureAt: 0, pending: false };
      this.clients.set(client, rec);
    }
    return rec;
  }
}

// Loads an attacker on the wall machine can put on the browser host (issue 8), and the probe
// that measures how the host answers /metrics meanwhile.
import { Worker } from 'node:worker_threads';

export interface MetricsProbe {
  /** Slowest /metrics answer seen, in ms (a failed one counts with its time until it failed). */
  maxMs: number;
  samples: number;
  /** 95th percentile of the answers' times, in ms. */
  p95Ms: number;
  failures: number;
  /** Largest V8 heap the host reported, in bytes. */
  maxHeapBytes: number;
  /** The last /metrics text. */
  last: string;
}

function heapOf(metrics: string): number {
  const m = /^nodejs_heap_used_bytes (\d+)/mu.exec(metrics);
  return m ? Number(m[1]) : 0;
}

/** Asks /metrics every `everyMs` until `stop` resolves; one request at a time. */
/**
 * Scrapes `url` every `everyMs` until `stop` settles and at least `minSamples` scrapes were
 * made (so a loaded machine, where each scrape is slower, still yields enough of them).
 */
export async function probeMetrics(url: string, stop: Promise<unknown>, everyMs = 25, headers: Record<string, string> = {}, minSamples = 0): Promise<MetricsProbe> {
  const probe: MetricsProbe = { maxMs: 0, samples: 0, p95Ms: 0, failures: 0, maxHeapBytes: 0, last: '' };
  const times: number[] = [];
  let done = false;
  void stop.finally(() => (done = true));
  while (!done || probe.samples < minSamples) {
    const t0 = performance.now();
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
      probe.last = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      probe.maxHeapBytes = Math.max(probe.maxHeapBytes, heapOf(probe.last));
      times.push(performance.now() - t0);
    } catch {
      probe.failures++;
      times.push(performance.now() - t0);
    }
    probe.samples++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  times.sort((a, b) => a - b);
  probe.maxMs = times.at(-1) ?? 0;
  // Nearest rank: of 20 scrapes, the 19th fastest (floor(0.95·n) was the slowest of 20).
  probe.p95Ms = times[Math.max(0, Math.ceil(times.length * 0.95) - 1)] ?? 0;
  // The heap once the load is over (the samples above may all have timed out).
  try {
    probe.maxHeapBytes = Math.max(probe.maxHeapBytes, heapOf(await (await fetch(url, { headers, signal: AbortSignal.timeout(60_000) })).text()));
  } catch {
    probe.failures++;
  }
  return probe;
}

export type HostLoad =
  | { load: 'nonReading'; url: string; clients: number; requests: number; holdMs: number }
  | { load: 'flood'; url: string; requests: number; settleMs: number }
  | { load: 'many'; url: string; clients: number; holdMs: number };

/**
 * Runs a load in a worker thread (host-load-worker.mjs), so that the test's own event loop
 * stays free for the /metrics probe:
 * - nonReading: `clients` sockets that never read what the host sends (their TCP receive
 *   buffers fill), each asking `requests` snapshots;
 * - flood: one client sending `requests` get-snapshot at once and reading every reply;
 * - many: `clients` sockets opened at once.
 */
export function runLoad<T>(load: HostLoad): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./host-load-worker.mjs', import.meta.url), { workerData: load });
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Polls `check` until it returns a truthy value or the timeout passes (then throws with `what`). */
type Falsy = null | undefined | false | 0 | '';

export async function waitFor<T>(
  check: () => T | Falsy | Promise<T | Falsy>,
  what: string,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as T;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Reads `read` every `everyMs` until two reads in a row are equal (as JSON) and `ready` holds
 * for them, then returns that value: for a layout that settles (a debounced re-layout, a font
 * coming in) without an event of its own to wait on. `everyMs` must exceed the debounce.
 */
export async function waitForSteady<T>(
  read: () => Promise<T> | T,
  what: string,
  options: { everyMs?: number; timeoutMs?: number; ready?: (v: T) => boolean } = {},
): Promise<T> {
  const { everyMs = 250, timeoutMs = 10_000, ready = () => true } = options;
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await read());
  for (;;) {
    await new Promise((r) => setTimeout(r, everyMs));
    const v = await read();
    const now = JSON.stringify(v);
    if (now === last && ready(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} to settle (last: ${now.slice(0, 200)})`);
    last = now;
  }
}

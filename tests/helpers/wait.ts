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

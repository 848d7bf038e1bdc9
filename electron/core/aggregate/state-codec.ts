// Helpers to export the aggregator's parts as plain JSON values and to check them on the
// way back in. Import is "parse everything, then apply": a part's `parse…` throws a
// StateError naming the bad path before anything is modified, so a bad journal leaves the
// aggregator as it was (the journal then sets the file aside and the wall starts clean).

export class StateError extends Error {
  constructor(path: string, expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = 'StateError';
  }
}

/** ±Infinity (an unused ring head) becomes null in JSON. */
export function encodeHead(head: number): number | null {
  return Number.isFinite(head) ? head : null;
}

export function decodeHead(head: number | null): number {
  return head === null ? Number.NEGATIVE_INFINITY : head;
}

export function obj(x: unknown, path: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new StateError(path, 'an object');
  return x as Record<string, unknown>;
}

export function num(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new StateError(path, 'a finite number');
  return x;
}

export function int(x: unknown, path: string): number {
  if (!Number.isSafeInteger(x)) throw new StateError(path, 'an integer');
  return x as number;
}

export function nonNegInt(x: unknown, path: string): number {
  const n = int(x, path);
  if (n < 0) throw new StateError(path, 'a non-negative integer');
  return n;
}

/**
 * A counter: a non-negative safe integer. A negative or fractional count in a saved state
 * is damage or tampering, never something the wall produced: the whole state is refused.
 */
export function count(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new StateError(path, 'a counter (a non-negative integer)');
  return x;
}

export function numOrNull(x: unknown, path: string): number | null {
  return x === null ? null : num(x, path);
}

export function intOrNull(x: unknown, path: string): number | null {
  return x === null ? null : int(x, path);
}

export function str(x: unknown, path: string, maxLength = 4096): string {
  if (typeof x !== 'string' || x.length > maxLength) throw new StateError(path, `a string of at most ${maxLength} characters`);
  return x;
}

export function strOrNull(x: unknown, path: string, maxLength = 4096): string | null {
  return x === null ? null : str(x, path, maxLength);
}

export function arr(x: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(x)) throw new StateError(path, 'an array');
  if (length !== undefined && x.length !== length) throw new StateError(path, `an array of ${length} items`);
  return x;
}

/** An array of finite numbers, checked in one pass (rings hold tens of thousands). */
export function numArray(x: unknown, path: string, length?: number): number[] {
  const a = arr(x, path, length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new StateError(`${path}[${i}]`, 'a finite number');
  }
  return a as number[];
}

/** An array of counters (non-negative safe integers), checked in one pass. */
export function countArray(x: unknown, path: string, length?: number): number[] {
  const a = arr(x, path, length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new StateError(`${path}[${i}]`, 'a counter (a non-negative integer)');
  }
  return a as number[];
}

export function strArray(x: unknown, path: string, maxLength = 4096): string[] {
  const a = arr(x, path);
  for (let i = 0; i < a.length; i++) str(a[i], `${path}[${i}]`, maxLength);
  return a as string[];
}

/** `{ key: count }` with non-negative integer counts (ingest stats by reason / type), at most `maxKeys` keys. */
export function countRecord(x: unknown, path: string, maxKeys = 1024): Record<string, number> {
  const o = obj(x, path);
  const entries = Object.entries(o);
  if (entries.length > maxKeys) throw new StateError(path, `at most ${maxKeys} keys`);
  const out: Record<string, number> = {};
  for (const [k, v] of entries) {
    str(k, `${path} key`, 256);
    out[k] = count(v, `${path}.${k}`);
  }
  return out;
}

// What one MQTT message decodes to. Every outcome is a value: decoding never throws.
import type { ForwarderHealth, SecurityEvent } from '../../contract/index.js';

export type DecodeResult =
  | { kind: 'event'; event: SecurityEvent; dedupKey: string | null }
  | { kind: 'heartbeat'; siteId: string; sensorId: string; time: number; forwarder?: ForwarderHealth | null }
  | { kind: 'endpoints'; siteId: string; time: number; total: number | null; edr: number; antivirus: number; infected: number }
  | { kind: 'kpi'; name: string; value: number; time: number }
  | { kind: 'ignored'; type: string }
  | { kind: 'rejected'; reason: string; detail: string };

export type RejectedResult = Extract<DecodeResult, { kind: 'rejected' }>;
export type IgnoredResult = Extract<DecodeResult, { kind: 'ignored' }>;

/** Reject reasons (the `reason` label of the rejects counter). `bad_field:<name>` is open-ended. */
export const REJECT_REASONS = [
  'too_large',
  'bad_topic',
  'unknown_site',
  'bad_utf8',
  'not_json',
  'not_object',
  'unknown_format',
  'internal',
] as const;

const MAX_DETAIL = 200;

export function reject(reason: string, detail: string): RejectedResult {
  return { kind: 'rejected', reason, detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail };
}

/** Plain JSON object as produced by JSON.parse. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;

/** `x` when it is an object, else a shared empty one (a missing or wrongly typed sub-object reads as empty). */
export function objectOrEmpty(x: unknown): JsonObject {
  return isJsonObject(x) ? x : EMPTY;
}

/** Present: neither absent nor JSON null. */
export function given(x: unknown): boolean {
  return x !== undefined && x !== null;
}

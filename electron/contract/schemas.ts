// Runtime schemas (valibot) for what crosses a trust boundary: MQTT payloads of the
// native format, IPC and WebSocket arguments. Main process and browser host only:
// the renderer imports types from the contract, never these values.
import * as v from 'valibot';
import { CATEGORIES, SEVERITIES } from './events.js';
import { LANGUAGES } from './api.js';
import { WallActionSchema } from './wall-config-schemas.js';

const port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const ip = v.pipe(v.string(), v.maxLength(64), v.regex(/^[0-9A-Fa-f:.]+$/u));

/** Native JSON schema of `soc/v1/{site}/{sensor}/event` (site and sensor come from the topic). */
export const NativeEventSchema = v.object({
  v: v.optional(v.literal(1)),
  /** Unique id from the sensor: enables de-duplication of redelivered messages. */
  id: v.optional(shortText(128)),
  time: v.union([shortText(40), v.pipe(v.number(), v.finite())]),
  category: v.picklist(CATEGORIES),
  severity: v.picklist(SEVERITIES),
  action: v.optional(v.picklist(['blocked', 'allowed', 'unknown'])),
  src_ip: v.optional(v.nullable(ip)),
  src_port: v.optional(v.nullable(port)),
  dest_ip: v.optional(v.nullable(ip)),
  dest_port: v.optional(v.nullable(port)),
  proto: v.optional(v.nullable(shortText(16))),
  signature: v.optional(v.nullable(shortText(512))),
  signature_id: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
});
export type NativeEventPayload = v.InferOutput<typeof NativeEventSchema>;

const lineCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
/** `soc/v1/{site}/{sensor}/heartbeat` (retained). Every field optional: presence is the signal. */
export const HeartbeatSchema = v.object({
  time: v.optional(v.union([shortText(40), v.pipe(v.number(), v.finite())])),
  status: v.optional(v.picklist(['ok', 'degraded', 'stopping'])),
  interval_s: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3600))),
  /** The forwarder's counts (forwarder-heartbeat.ts); its other keys are not read. */
  forwarder: v.optional(v.object({ queued: v.optional(lineCount), dropped: v.optional(lineCount) })),
});
export type HeartbeatPayload = v.InferOutput<typeof HeartbeatSchema>;

const machineCount = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));
/** `soc/v1/{site}/endpoints` (retained): endpoint posture of one site. */
export const EndpointsSchema = v.object({
  time: v.optional(v.union([shortText(40), v.pipe(v.number(), v.finite())])),
  total: v.optional(machineCount),
  edr: machineCount,
  antivirus: machineCount,
  infected: machineCount,
});
export type EndpointsPayload = v.InferOutput<typeof EndpointsSchema>;

const screenId = v.pipe(v.string(), v.maxLength(64));

export const KeyPressSchema = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  ctrl: v.boolean(),
  shift: v.boolean(),
  alt: v.boolean(),
  meta: v.boolean(),
});

export const WallCommandSchema = v.variant('type', [
  v.strictObject({ type: v.literal('toggle-language') }),
  v.strictObject({ type: v.literal('set-language'), language: v.picklist(LANGUAGES) }),
  v.strictObject({ type: v.literal('key'), key: KeyPressSchema, screen: screenId }),
  v.strictObject({ type: v.literal('action'), action: WallActionSchema, screen: screenId }),
  v.strictObject({ type: v.literal('unlock'), pin: v.pipe(v.string(), v.maxLength(64)), screen: screenId }),
  v.strictObject({ type: v.literal('cancel-unlock') }),
]);

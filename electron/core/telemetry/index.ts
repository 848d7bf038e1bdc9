export * from './topics.js';
export * from './category-map.js';
export * from './result.js';
export * from './decoder.js';
export { decodeSuricata, KNOWN_EVE_TYPES } from './suricata.js';
export { decodeNative, wireTime } from './native.js';
export { decodeEcs, ecsSeverity } from './ecs.js';
export { parseIsoTime } from './time.js';

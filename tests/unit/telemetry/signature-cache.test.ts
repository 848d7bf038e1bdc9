// The signature → category cache is keyed on the text as the wall keeps it (cut to 512
// characters, a copy) and bounded by bytes: hostile 63 KB signatures cannot pin the heap.
import { describe, expect, it } from 'vitest';
import { heapUsed } from '../../helpers/heap.js';
import { SIGNATURE_CACHE_MAX_BYTES } from '../../../electron/core/telemetry/category-map.js';
import { MAX_TEXT, truncateText } from '../../../electron/core/telemetry/wire.js';
import { bytes, EVENT_TOPIC, makeDecoder, mapperFromFile, NOW } from './fixtures.js';


function alert(signature: string): Uint8Array {
  return bytes(JSON.stringify({ timestamp: '2025-12-31T10:00:00+0700', event_type: 'alert', src_ip: '203.0.113.5', alert: { signature, category: 'Misc activity', severity: 3 } }));
}

describe('signature cache', () => {
  it('4,095 messages with distinct 63 KB signatures: cache keyed on the cut text, under its byte bound, heap not pinned', () => {
    const mapper = mapperFromFile();
    const decoder = makeDecoder({ categoryMap: mapper });
    const kept: unknown[] = [];
    const before = heapUsed();
    for (let i = 0; i < 4095; i++) {
      // Distinct within the first 512 characters, like a hostile sensor would make them.
      const r = decoder.decode(EVENT_TOPIC, alert(`${i} ET SCAN `.padEnd(63_000, 'x')), NOW);
      expect(r.kind).toBe('event');
      if (i % 500 === 0) kept.push(r); // decoded results outlive the message (incidents, top lists)
    }
    const grown = heapUsed() - before;
    const cache = mapper.signatureCacheSize;
    console.log(`4,095 × 63 KB signatures: cache ${cache.entries} entries, ${(cache.bytes / 1024).toFixed(0)} KiB; heap +${(grown / 1e6).toFixed(1)} MB`);
    expect(cache.bytes).toBeLessThanOrEqual(SIGNATURE_CACHE_MAX_BYTES);
    expect(cache.entries).toBeGreaterThan(500);
    expect(grown).toBeLessThan(2 * SIGNATURE_CACHE_MAX_BYTES + 4 * 1024 * 1024);
    expect(kept).toHaveLength(9);
  });

  it('a long signature maps as its first 512 characters do, and is cached once under them', () => {
    const mapper = mapperFromFile();
    const head = 'ET SCAN Potential SSH Scan '.padEnd(MAX_TEXT, '-');
    expect(mapper.bySignature(`${head}${'x'.repeat(50_000)}`)).toBe('scan');
    expect(mapper.bySignature(`${head}${'y'.repeat(10)}`)).toBe('scan');
    expect(mapper.signatureCacheSize.entries).toBe(1);
    expect(mapper.signatureCacheSize.bytes).toBeLessThan(2 * MAX_TEXT + 100);
    // A rule that would match only past the cut does not: rules see what the wall shows.
    expect(mapper.bySignature(`${'z'.repeat(600)} spoof`)).toBeNull();
  });

  it('evicts the oldest entries first and keeps its byte count exact', () => {
    const mapper = mapperFromFile();
    const n = Math.ceil(SIGNATURE_CACHE_MAX_BYTES / (2 * MAX_TEXT)) + 100;
    for (let i = 0; i < n; i++) mapper.bySignature(`${i} `.padEnd(MAX_TEXT, 'a'));
    const full = mapper.signatureCacheSize;
    expect(full.bytes).toBeLessThanOrEqual(SIGNATURE_CACHE_MAX_BYTES);
    expect(full.bytes).toBeGreaterThan(SIGNATURE_CACHE_MAX_BYTES - 2 * MAX_TEXT - 100);
    for (let i = 0; i < 10; i++) mapper.bySignature(`short ${i}`);
    expect(mapper.signatureCacheSize.bytes).toBeLessThanOrEqual(SIGNATURE_CACHE_MAX_BYTES);
    expect(mapper.signatureCacheSize.entries).toBeGreaterThan(full.entries);
  });

  it('cut text is a copy of its own: keeping it does not keep the whole wire string', () => {
    const keep: string[] = [];
    const before = heapUsed();
    for (let i = 0; i < 1000; i++) keep.push(truncateText(`${i}ệ`.padEnd(63_000, 'x').slice(0)));
    const grown = heapUsed() - before;
    expect(keep[7]).toHaveLength(MAX_TEXT);
    expect(grown).toBeLessThan(8 * 1024 * 1024); // views would pin 1000 × 126 KB
    // Code unit for code unit: a lone surrogate survives the copy.
    expect(truncateText(`\udc00${'a'.repeat(600)}`)).toBe(`\udc00${'a'.repeat(MAX_TEXT - 1)}`);
  });
});

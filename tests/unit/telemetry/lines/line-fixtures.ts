// Shared by the text-line tests: the sample files of tests/fixtures/{cef,fortigate,filterlog}
// (sources and licences in each folder's README.md) and a line-decoding shorthand.
import { readFileSync } from 'node:fs';
import { decodeLine } from '../../../../electron/core/telemetry/lines/line-decoder.js';
import type { DecodeResult } from '../../../../electron/core/telemetry/result.js';
import type { SecurityEvent } from '../../../../electron/contract/index.js';
import { MAPPER } from '../fixtures.js';

/** The reference time handed to decodeLine (a line without a zoned time of its own gets it). */
export const REF = Date.UTC(2026, 0, 1, 12, 0, 0);

/** The lines of a fixture file, as written (split on \n; the last, empty, piece dropped). */
export function fixtureLines(dir: 'cef' | 'fortigate' | 'filterlog', file: string): string[] {
  const text = readFileSync(new URL(`../../../fixtures/${dir}/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function line(text: string, reference: number = REF): DecodeResult {
  return decodeLine(text, 'soc-tinh', 'fw-1', MAPPER, reference);
}

/** The event of a result, failing the test with the result when it is anything else. */
export function eventOf(r: DecodeResult): SecurityEvent {
  if (r.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(r)}`);
  return r.event;
}

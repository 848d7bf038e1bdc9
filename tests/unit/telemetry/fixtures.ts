// Shared fixtures of the telemetry tests: the shipped category map and the sample EVE files.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CategoryMapper, readCategoryMapFile } from '../../../electron/core/telemetry/category-map.js';
import { TelemetryDecoder } from '../../../electron/core/telemetry/decoder.js';
import type { TelemetryDecoderOptions } from '../../../electron/core/telemetry/decoder.js';

/** Real Suricata output kept in the repository (MIT; sources in its README). */
export const SAMPLES_DIR = new URL('../../fixtures/suricata/', import.meta.url);
/** The Suricata user guide's examples, kept apart under their own licence (GPL-2.0, see NOTICE.md). */
export const DOCS_SAMPLES_DIR = new URL('../../fixtures/suricata-docs/', import.meta.url);
export const CATEGORY_MAP_PATH = fileURLToPath(new URL('../../../resources/category-map.json', import.meta.url));

export const ALERT_FILES = [
  'suricata-alerts-wrccdc-2017.ndjson',
  'suricata-alerts-wrccdc-2018.ndjson',
  'suricata-alerts-first-org-conf-2015.ndjson',
  'suricata-alerts-honeypot-2018.ndjson',
] as const;
export const MIXED_FILE = 'suricata-eve-mixed-nicoaller-2022.ndjson';
export const DOCS_FILE = 'suricata-docs-examples.ndjson';

export function sampleFiles(): string[] {
  return [...readdirSync(SAMPLES_DIR), ...readdirSync(DOCS_SAMPLES_DIR)].filter((f) => f.endsWith('.ndjson')).sort();
}

function sampleUrl(file: string): URL {
  return new URL(file, file === DOCS_FILE ? DOCS_SAMPLES_DIR : SAMPLES_DIR);
}

/** Lines of a sample file as raw bytes (split on \n, byte-exact: no re-encoding). */
export function sampleLines(file: string): Uint8Array[] {
  const buf = readFileSync(sampleUrl(file));
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      if (i > start) out.push(new Uint8Array(buf.buffer, buf.byteOffset + start, i - start));
      start = i + 1;
    }
  }
  return out;
}

export function mapperFromFile(): CategoryMapper {
  return new CategoryMapper(readCategoryMapFile(CATEGORY_MAP_PATH));
}

export const MAPPER = mapperFromFile();
/** Far in the future of every sample, so the clock-skew rule never trips on them. */
export const NOW = Date.parse('2026-01-01T00:00:00Z');
export const EVENT_TOPIC = 'soc/v1/soc-tinh/ids-1/event';

export function makeDecoder(options: Partial<TelemetryDecoderOptions> = {}): TelemetryDecoder {
  return new TelemetryDecoder({ categoryMap: MAPPER, ...options });
}

const enc = new TextEncoder();
export function bytes(x: string): Uint8Array {
  return enc.encode(x);
}
export function json(x: unknown): Uint8Array {
  return enc.encode(JSON.stringify(x));
}

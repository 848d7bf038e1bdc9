// Figures measured by the fault tests, printed and kept in test-results/<file>.json for the report.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export function recordFigure(file: string, name: string, value: unknown): void {
  console.log(`fault figure ${name}: ${JSON.stringify(value)}`);
  mkdirSync('test-results', { recursive: true });
  const path = `test-results/${file}.json`;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figure of this run
  }
  all[name] = value;
  writeFileSync(path, JSON.stringify(all, null, 2));
}

// vitest setupFiles: no test reads outside the repository (see tests/helpers/repo-guard.ts).
import { afterAll } from 'vitest';
import { installRepoGuard, violations } from '../helpers/repo-guard.js';

installRepoGuard();
const before = violations.length;

afterAll(() => {
  const mine = violations.slice(before);
  if (mine.length > 0) throw new Error(`this file touched paths outside the repository:\n${mine.map((e) => `  ${e.message}`).join('\n')}`);
});

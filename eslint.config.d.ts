// Types of eslint.config.js for the test that reads its layer options (tests/unit/lint).
import type { Linter } from 'eslint';

declare const config: Linter.Config[];
export default config;

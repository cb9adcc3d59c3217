import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:resilience`: the slow proofs of issue 13 (fuzzing, faults, several instances), apart from the
 * everyday suite so `npm test` stays quick. CI runs both. Same database set-up and reporters as npm test.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/resilience/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 600_000,
  },
});

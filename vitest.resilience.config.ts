import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:resilience`: the slow proofs of issue 13 (fuzzing, faults, several instances), apart from the
 * everyday suite so `npm test` stays quick. CI runs both.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['tests/resilience/**/*.test.ts'],
      exclude: [],
      testTimeout: 600_000,
    },
  }),
);

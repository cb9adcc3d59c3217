import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The resilience suite (fuzzing, faults, several instances) runs apart: npm run test:resilience.
    exclude: ['tests/resilience/**', 'node_modules/**'],
    // One real database for the run (mongod, or else FerretDB on a scratch PostgreSQL); each test file
    // works in a database of its own. See tests/support/global-database.ts.
    globalSetup: ['tests/support/global-database.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});

/**
 * Starts one real database for the whole test run and hands its URI to every test file. MONGODB_URI wins;
 * else mongod via mongodb-memory-server; else FerretDB (built on first use into .cache/ferretdb).
 */
import type { TestProject } from 'vitest/node';
import { provisionDatabase } from '../../src/db/provision.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    dbEngine: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await provisionDatabase({
    uri: process.env.MONGODB_URI,
    log: (l) => console.log(`[database] ${l}`),
  });
  console.log(`[database] tests use ${db.description}`);
  project.provide('mongoUri', db.uri);
  project.provide('dbEngine', db.engine);
  return async () => {
    await db.stop();
  };
}

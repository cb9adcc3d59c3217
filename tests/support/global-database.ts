/**
 * Starts one real database for the whole test run and hands its URI to every test file, through the same
 * provisioner as `npm start` (src/db/provision.ts): MONGODB_URI wins; else mongod where there is one; else,
 * as on this project's machines and CI, FerretDB on a scratch PostgreSQL cluster on tmpfs. `DB_ENGINE`
 * (mongod, ferretdb-postgresql, ferretdb-sqlite) picks one step; POSTGRES_URL points FerretDB at a PostgreSQL.
 */
import type { TestProject } from 'vitest/node';
import { provisionDatabase, type EngineChoice } from '../../src/db/provision.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    dbEngine: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await provisionDatabase({
    uri: process.env.MONGODB_URI,
    postgresUrl: process.env.POSTGRES_URL,
    engine: (process.env.DB_ENGINE || undefined) as EngineChoice | undefined,
    log: (l) => console.log(`[database] ${l}`),
  });
  console.log(`[database] tests use ${db.description}`);
  project.provide('mongoUri', db.uri);
  project.provide('dbEngine', db.engine);
  return async () => {
    await db.stop();
  };
}

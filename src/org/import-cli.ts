/**
 * `npm run org:import -- FILE`: checks an organisation file (YAML or JSON) and applies it to the configured
 * database, with the same configuration and database provisioning as the bot. A file with problems is
 * reported (every problem, with its line) before any database is touched, and exits 1.
 */
import { readFile } from 'node:fs/promises';
import { migrations } from '../../migrations/index.js';
import { systemClock } from '../clock.js';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase, databaseName } from '../db/connection.js';
import { runMigrations } from '../db/migrate.js';
import { provisionDatabase } from '../db/provision.js';
import { formatImport } from './import/format-import.js';
import { importOrg } from './import/import-org.js';
import { parseOrgFile } from './import/parse-org-file.js';

const fileName = process.argv[2];
if (!fileName) {
  console.error('用法 (usage): npm run org:import -- FILE   (YAML or JSON, see examples/org.example.yaml)');
  process.exit(2);
}

try {
  const parsed = parseOrgFile(await readFile(fileName, 'utf8'));
  if (!parsed.ok) {
    console.error(formatImport(parsed, fileName));
    process.exit(1);
  }
  const config = loadConfig();
  const database = await provisionDatabase({
    uri: config.mongodbUri,
    postgresUrl: config.postgresUrl,
    persistDir: config.dataDir,
    log: console.log,
  });
  const conn = await connectDatabase(database.uri, { dbName: databaseName(database.uri) });
  try {
    await runMigrations(conn, migrations, console.log);
    const changes = await importOrg(conn, parsed.file, { now: systemClock.now(), fileName });
    console.log(formatImport({ ok: true, changes }, fileName));
  } finally {
    await conn.close();
    await database.stop();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `org:import failed: ${(err as Error).message}`);
  process.exit(1);
}

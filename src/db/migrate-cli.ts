/** `npm run migrate`: applies pending migrations to the configured database and says what it did. */
import { migrations } from '../../migrations/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase, databaseName } from './connection.js';
import { runMigrations } from './migrate.js';
import { provisionDatabase } from './provision.js';

try {
  const config = loadConfig();
  const database = await provisionDatabase({
    uri: config.mongodbUri,
    postgresUrl: config.postgresUrl,
    persistDir: config.dataDir,
    log: console.log,
  });
  console.log(`database: ${database.description}`);
  const conn = await connectDatabase(database.uri, { dbName: databaseName(database.uri) });
  const ran = await runMigrations(conn, migrations, console.log);
  console.log(ran.length ? `applied ${ran.length}: ${ran.join(', ')}` : 'nothing to apply: up to date');
  await conn.close();
  await database.stop();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migrate failed: ${(err as Error).message}`);
  process.exit(1);
}

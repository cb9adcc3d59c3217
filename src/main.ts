/**
 * Start-up: config → database → migrations → app → listen → workers → scheduler; and a graceful shutdown on
 * SIGTERM/SIGINT (stop the scheduler and taking requests, let in-flight work finish, close the database).
 * Without Lark credentials the same bot starts inside the sandbox instead (src/sandbox/web/start-sandbox.ts):
 * a Lark emulator, a demo organisation and a browser messenger, on a database of its own.
 */
import { pino } from 'pino';
import { migrations } from '../migrations/index.js';
import { assembleBot } from './assemble.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { connectDatabase, databaseName } from './db/connection.js';
import { runMigrations } from './db/migrate.js';
import { provisionDatabase } from './db/provision.js';
import { loggerOptions } from './logger.js';
import { SANDBOX_DATABASE, startSandbox } from './sandbox/web/start-sandbox.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = pino(loggerOptions(config.logLevel));
  const database = await provisionDatabase({
    uri: config.mongodbUri,
    postgresUrl: config.postgresUrl,
    persistDir: config.dataDir,
    log: (line) => log.info(line),
    warn: (line) => log.warn(line),
  });
  log.info({ engine: database.engine }, `database: ${database.description}`);
  const dbName = config.sandbox ? SANDBOX_DATABASE : databaseName(database.uri);
  const conn = await connectDatabase(database.uri, { dbName });
  const applied = await runMigrations(conn, migrations, (line) => log.info(line));
  log.info({ applied: applied.length }, 'migrations up to date');

  let running: { close(): Promise<void> };
  if (config.sandbox) {
    const sandbox = await startSandbox({ config, conn, logger: log });
    running = sandbox;
    log.info(
      { url: sandbox.url, lark: sandbox.emulator.url },
      'sandbox is running (no Lark credentials given)',
    );
    console.log(
      `\n  沙盒已启动 (sandbox running): 在浏览器打开 ${sandbox.url}\n` +
        '  没有配置飞书应用，机器人连接的是本机模拟的飞书；配置 LARK_APP_ID 等变量后 npm start 连接真实飞书。\n',
    );
  } else {
    const assembled = await assembleBot({ config, conn, logger: log });
    await assembled.bot.app.listen({ port: config.port, host: config.host });
    await assembled.start();
    running = assembled;
    log.info(
      { lark: config.lark.domain, port: config.port },
      'bot is listening on POST /lark/events and /lark/cards',
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await running.close();
    await conn.close();
    await database.stop();
    clearTimeout(force);
    log.info('stopped');
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('start-up failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});

/**
 * `npm run inbox:replay -- <eventId> [<eventId> …]` or `npm run inbox:replay -- --since <ISO time>`: replays
 * dead letters (src/bot/replay.ts) with the same configuration, database and modules as the bot, waits for
 * their messages to be sent, and prints one line per event. Exits 1 if any replay failed.
 */
import { pino } from 'pino';
import { migrations } from '../../migrations/index.js';
import { assembleBot } from '../assemble.js';
import { ConfigError, loadConfig } from '../config.js';
import { connectDatabase, databaseName } from '../db/connection.js';
import { runMigrations } from '../db/migrate.js';
import { provisionDatabase } from '../db/provision.js';
import { loggerOptions } from '../logger.js';
import { parseReplayArgs } from './replay-args.js';
import { replayDeadLetters } from './replay.js';

const args = parseReplayArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(args.error);
  console.error('用法 (usage): npm run inbox:replay -- <eventId> [<eventId> …] | --since <ISO time>');
  process.exit(2);
}

try {
  const config = loadConfig();
  const log = pino(loggerOptions(config.logLevel));
  const database = await provisionDatabase({
    uri: config.mongodbUri,
    persistDir: config.dataDir,
    log: (line) => log.info(line),
  });
  const conn = await connectDatabase(database.uri, { dbName: databaseName(database.uri) });
  try {
    await runMigrations(conn, migrations, (line) => log.info(line));
    // Built like the bot, never listening and without the scheduler: only the outbox works, to send answers.
    const { bot } = await assembleBot({ config, conn, logger: log, schedulerTrigger: () => ({ stop() {} }) });
    bot.outbox.start();
    const results = await replayDeadLetters(bot.inbox, args.select);
    await bot.outbox.idle();
    await bot.close();
    for (const r of results) console.log(`${r.eventId}\t${r.outcome}${r.reason ? `\t${r.reason}` : ''}`);
    if (results.length === 0) console.log('没有需要重放的死信 (no dead letters to replay)');
    if (results.some((r) => r.outcome === 'failed')) process.exitCode = 1;
  } finally {
    await conn.close();
    await database.stop();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `inbox:replay failed: ${(err as Error).message}`);
  process.exit(1);
}

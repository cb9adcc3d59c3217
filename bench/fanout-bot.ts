/**
 * The bot as the fan-out benchmark runs it: its own process (so the benchmark can kill -9 it), the real
 * assembly over the benchmark's database and emulator. With FANOUT_TRIGGER=1 it starts the reminder run
 * (record.remind, as 立即执行 does); a restarted instance does not, and finishes what the dead one queued.
 */
import { pino } from 'pino';
import { assembleBot } from '../src/assemble.js';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';

async function main() {
  const env = process.env;
  const config = loadConfig({
    LARK_APP_ID: env.LARK_APP_ID,
    LARK_APP_SECRET: env.LARK_APP_SECRET,
    LARK_VERIFICATION_TOKEN: env.LARK_VERIFICATION_TOKEN,
    LARK_DOMAIN: env.LARK_DOMAIN,
    LOG_LEVEL: 'warn',
  });
  const conn = await connectDatabase(env.FANOUT_DB_URI!, { dbName: env.FANOUT_DB_NAME! });
  const assembled = await assembleBot({
    config,
    conn,
    logger: pino({ level: 'warn' }),
    // The default poll: a restarted instance takes the dead one's sends over by its heartbeat going stale.
    schedulerTrigger: () => ({ stop() {} }),
  });
  // Workers only: the scheduler's start-up evaluation would also make up this month's other runs (the
  // chase about last month, say), which are not what is measured.
  // A running bot holds a tenant token already. A cold one makes the first sends wait for it after
  // taking their limiter slots, so they reach Lark bunched closer than the limiter's 150 ms margin allows
  // (seen here as a few 429s at the start); fetch it first, as the bot's identity lookup does.
  await assembled.bot.lark.botOpenId();
  assembled.bot.startWorkers();
  if (env.FANOUT_TRIGGER === '1') {
    process.send?.({ type: 'triggered', at: Date.now() });
    const res = await assembled.scheduler.triggerNow('record.remind', 'bench', 'bench');
    process.send?.({ type: 'queued', at: Date.now(), outcome: res?.outcome });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

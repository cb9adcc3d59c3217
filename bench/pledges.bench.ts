/**
 * `npm run bench:pledges`: 200 branches × 30 members of published pledges (5 items a card, 7 in each book:
 * 31,400 ledger lines), then the two answers a person waits for on the phone, through the real bot over
 * HTTP (the emulator delivering signed, encrypted callbacks):
 *   台账    a click on the ledger card's 下一页 (the branch ledger rebuilt: its pledges, members, lines)
 *   审核    a click on 待审's 审核 (the review card: the pledge, last year's ledger, names)
 * and, for the breakdown, the same two cards built by calling the handlers' view functions directly.
 * Lark allows a card click 3 s. BENCH_RUNS sets the repetitions (default 20).
 */
import { pino } from 'pino';
import { migrations } from '../migrations/index.js';
import { assembleBot } from '../src/assemble.js';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connection.js';
import { runMigrations } from '../src/db/migrate.js';
import { provisionDatabase } from '../src/db/provision.js';
import { branchLedgerCardFor } from '../src/regime/pledges/ledger-views.js';
import { reviewCardFor } from '../src/regime/pledges/review-views.js';
import { findPledge } from '../src/regime/pledges/pledge.repository.js';
import { LarkEmulator } from '../src/sandbox/emulator/index.js';
import { generatePledges, REVIEWER, secretaryOf } from './pledges-data.js';

const APP = { appId: 'cli_bench0000000000', appSecret: 's', verificationToken: 't', encryptKey: 'k' };
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BRANCH = process.env.BENCH_BRANCH ?? 'b-117';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const line = (name: string, xs: number[]) =>
  `${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p99 ${pct(xs, 99).toFixed(0).padStart(5)} ms   max ${Math.max(
    ...xs,
  )
    .toFixed(0)
    .padStart(5)} ms`;

const failures: string[] = [];

async function time(n: number, f: () => Promise<unknown>): Promise<number[]> {
  await f().catch((e: Error) => failures.push(`warm-up: ${e.message}`));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f().catch((e: Error) => failures.push(e.message));
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const db = await provisionDatabase({ uri: process.env.MONGODB_URI });
  console.log(`database: ${db.description}`);
  const conn = await connectDatabase(db.uri, { dbName: 'bench_pledges' });
  await conn.dropDatabase();
  await runMigrations(conn, migrations);
  const t0 = performance.now();
  const counts = await generatePledges(conn, {
    branches: Number(process.env.BENCH_BRANCHES ?? 200),
    members: 30,
    year: 2026,
    pending: BRANCH,
  });
  console.log(`generated ${JSON.stringify(counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const emulator = await LarkEmulator.start({ ...APP });
  const config = loadConfig({
    LARK_APP_ID: APP.appId,
    LARK_APP_SECRET: APP.appSecret,
    LARK_VERIFICATION_TOKEN: APP.verificationToken,
    LARK_ENCRYPT_KEY: APP.encryptKey,
    LARK_DOMAIN: emulator.url,
    LOG_LEVEL: 'warn',
  });
  const ctx = { conn, config, clock: { now: () => new Date('2026-05-12T02:00:00Z') } };
  const source = { via: 'cli' as const };
  const ledgerDirect = await time(RUNS, () =>
    branchLedgerCardFor(ctx, { branchId: BRANCH, page: 0, source }),
  );
  const book = (await findPledge(conn, `2026:${BRANCH}:${BRANCH}`))!;
  const reviewDirect = await time(RUNS, () => reviewCardFor(ctx, book));

  // The bot as deployed, but without its calendar: the measured clicks must not share the machine with the
  // catch-up runs of 200 branches' monthly jobs (the regime's other capabilities run on the same clock).
  const assembled = await assembleBot({ config, conn, logger: pino({ level: 'warn' }) });
  const url = await assembled.bot.app.listen({ port: 0, host: '127.0.0.1' });
  emulator.setWebhook(`${url}/lark/events`, `${url}/lark/cards`);
  assembled.bot.startWorkers();
  const sec = secretaryOf(BRANCH);
  emulator.addUser({ open_id: sec, name: '书记' });
  emulator.addUser({ open_id: REVIEWER, name: '县直机关工委' });

  /** Says a word privately and waits for the bot's reply card (the chat path: inbox, handler, outbox). */
  async function say(who: string, text: string) {
    const chat = emulator.p2pChatOf(who);
    const sent = await emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: who, text });
    for (;;) {
      const reply = emulator.botMessages({ chat_id: chat }).find((m) => m.reply_to === sent.message_id);
      if (reply) return reply;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  const ledgerSay = await time(Math.min(RUNS, 10), () => say(sec, '台账'));
  const ledgerCard = await say(sec, '台账');
  let page = 0;
  let clicks = 0;
  const ledgerClick = await time(RUNS, async () => {
    page = 1 - page;
    const a = await emulator.clickButton({
      message_id: ledgerCard.message_id,
      operator_open_id: sec,
      // `n` makes every click a new decision, not a double click answered from the first one.
      value: { action: 'pledge.ledger', branch: BRANCH, page, n: ++clicks },
    });
    if (!JSON.stringify(a.body).includes('台账'))
      throw new Error(`no ledger card in ${JSON.stringify(a.body)}`);
  });
  const queue = await say(REVIEWER, '待审');
  const reviewClick = await time(RUNS, async () => {
    const a = await emulator.clickButton({
      message_id: queue.message_id,
      operator_open_id: REVIEWER,
      value: { action: 'pledge.open_review', p: `2026:${BRANCH}:${BRANCH}`, n: ++clicks },
    });
    if (!JSON.stringify(a.body).includes('通过'))
      throw new Error(`no review card in ${JSON.stringify(a.body)}`);
  });
  const queueSay = await time(Math.min(RUNS, 10), () => say(REVIEWER, '待审'));

  console.log(`\npledges benchmark on ${db.engine} (${db.description}), ${RUNS} runs each:`);
  console.log(line('台账 card click (HTTP answer)', ledgerClick));
  console.log(line('审核 card click (HTTP answer)', reviewClick));
  console.log(line('台账 typed (reply delivered)', ledgerSay));
  console.log(line('待审 typed (reply delivered)', queueSay));
  console.log(line('台账 card built (queries + card)', ledgerDirect));
  console.log(line('review card built (queries + card)', reviewDirect));
  if (failures.length)
    console.log(`failed answers (${failures.length}): ${[...new Set(failures)].join(' | ')}`);
  const worst = Math.max(pct(ledgerClick, 99), pct(reviewClick, 99));
  console.log(`target (card clicks answered within Lark's 3 s, p99): ${worst < 3000 ? 'met' : 'NOT met'}`);

  await assembled.close();
  await emulator.close();
  await conn.close();
  await db.stop();
}

void main();

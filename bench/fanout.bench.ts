/**
 * `npm run bench:fanout [-- --members N] [-- --kill-at 0.5]`: the monthly reminder (record.remind) to N
 * members of one branch, through the outbox to the Lark emulator at Lark's real limits (per app 50/s and
 * 1,000/min, per chat 5/s). The bot runs as a child process; with --kill-at F it is killed with SIGKILL once
 * F·N cards have arrived, and restarted. Prints the time taken (trigger → last card at the emulator), the
 * rate-limit bound (the least time Lark's limits allow for N messages), their ratio, and duplicates and
 * lost cards counted from the emulator's log across both runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrations } from '../migrations/index.js';
import { connectDatabase } from '../src/db/connection.js';
import { runMigrations } from '../src/db/migrate.js';
import { provisionDatabase } from '../src/db/provision.js';
import { importOrgFile } from '../src/org/import/import-org.js';
import { LARK_RATE_LIMITS, LarkEmulator } from '../src/sandbox/emulator/index.js';

const APP = { appId: 'cli_fan0000000000000', appSecret: 'bench-secret', verificationToken: 'bench-token' };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('members') ?? 2000);
const KILL_AT = arg('kill-at') === undefined ? undefined : Number(arg('kill-at'));
const progress = (line: string) => process.env.BENCH_VERBOSE && console.error(`[bench] ${line}`);

/** Least time for n sends under sliding per-second and per-minute caps: sends as early as each allows. */
export function rateLimitBoundMs(
  n: number,
  perSecond = LARK_RATE_LIMITS.appPerSecond,
  perMinute = LARK_RATE_LIMITS.appPerMinute,
): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(
      Math.max(
        i >= perSecond ? t[i - perSecond]! + 1000 : 0,
        i >= perMinute ? t[i - perMinute]! + 60_000 : 0,
      ),
    );
  }
  return t.at(-1) ?? 0;
}

function startBot(env: Record<string, string>, trigger: boolean): ChildProcess {
  return fork(fileURLToPath(new URL('./fanout-bot.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, FANOUT_TRIGGER: trigger ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function main() {
  const db = await provisionDatabase({ uri: process.env.MONGODB_URI });
  console.log(`database: ${db.description}`);
  const emulator = await LarkEmulator.start({ ...APP, rateNow: () => performance.now() });
  const dbName = `bench_fanout`;
  const conn = await connectDatabase(db.uri, { dbName });
  await conn.dropDatabase();
  await runMigrations(conn, migrations);
  const imported = await importOrgFile(
    conn,
    `organisation: { id: bench, name: 基准机关 }\nbranches:\n  - id: bench\n    name: 基准支部\npeople:\n  - open_id: ou_bench_secretary\n    name: 书记\n    roles: { secretary: bench }\n`,
    { now: new Date(), fileName: 'bench.yaml' },
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  // N members written in bulk: the import's per-person checks are not what is measured here.
  const ids = Array.from({ length: N }, (_, i) => `ou_bench_${String(i).padStart(6, '0')}`);
  await conn
    .db!.collection('people')
    .insertMany(ids.map((openId, i) => ({ openId, name: `党员${i}`, active: true, managedBy: 'file' })));
  await conn
    .db!.collection('role_assignments')
    .insertMany(
      ids.map((openId) => ({ openId, role: 'member', branchId: 'bench', active: true, managedBy: 'file' })),
    );
  for (const [i, open_id] of ids.entries()) emulator.addUser({ open_id, name: `党员${i}` });
  progress(`${N} members ready`);

  const env = {
    LARK_APP_ID: APP.appId,
    LARK_APP_SECRET: APP.appSecret,
    LARK_VERIFICATION_TOKEN: APP.verificationToken,
    LARK_DOMAIN: emulator.url,
    FANOUT_DB_URI: db.uri,
    FANOUT_DB_NAME: dbName,
  };
  const cards = () => emulator.messages.filter((m) => m.sender === 'bot');
  let child = startBot(env, true);
  const started = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { type: string; at: number }) => m.type === 'triggered' && resolve(m.at));
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it started the run`)));
  });
  child.on('message', (m: { type: string; at: number }) => {
    if (m.type === 'queued') progress(`queued ${N} in ${m.at - started} ms`);
  });
  let killed = false;
  let loops = 0;
  const deadline = Date.now() + rateLimitBoundMs(N) * 3 + 120_000;
  while (new Set(cards().map((m) => m.receive_id)).size < N && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (++loops % 50 === 0)
      progress(`${((Date.now() - started) / 1000).toFixed(0)} s: ${cards().length} cards`);
    if (KILL_AT !== undefined && !killed && cards().length >= KILL_AT * N) {
      killed = true;
      child.removeAllListeners('exit');
      child.kill('SIGKILL');
      progress(`killed the bot at ${cards().length} cards; restarting`);
      child = startBot(env, false);
    }
  }
  const sent = cards();
  const last = Math.max(...sent.map((m) => m.created_at));
  const perRecipient = new Map<string, number>();
  for (const m of sent) perRecipient.set(m.receive_id, (perRecipient.get(m.receive_id) ?? 0) + 1);
  const duplicates = [...perRecipient.values()].reduce((s, c) => s + c - 1, 0);
  const lost = ids.filter((id) => !perRecipient.has(id)).length;
  const refused = emulator.calls.filter((c) => c.path === '/open-apis/im/v1/messages' && c.code !== 0).length;
  if (process.env.BENCH_DEBUG) {
    const calls = emulator.calls.filter((c) => c.path === '/open-apis/im/v1/messages');
    const t0 = calls[0]?.at ?? 0;
    console.error(calls.map((c) => `${c.at - t0}:${c.code}`).join(' '));
  }
  const taken = last - started;
  const bound = rateLimitBoundMs(N);
  console.log(
    `members: ${N}${KILL_AT !== undefined ? ` (killed with SIGKILL at ${KILL_AT}, restarted)` : ''}`,
  );
  console.log(`time taken: ${(taken / 1000).toFixed(1)} s`);
  console.log(`rate-limit bound: ${(bound / 1000).toFixed(1)} s`);
  console.log(`ratio to bound: ${(taken / Math.max(bound, 1)).toFixed(2)}`);
  console.log(`duplicates: ${duplicates}`);
  console.log(`lost: ${lost}`);
  console.log(`refused by Lark (rate limits): ${refused}`);
  child.kill('SIGKILL');
  await conn.close();
  await emulator.close();
  await db.stop();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

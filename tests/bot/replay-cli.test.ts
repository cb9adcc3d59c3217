/**
 * `npm run inbox:replay` as an operator runs it: a separate process with the bot's configuration, against the
 * bot's database and Lark (here the emulator). A replayed event is answered once; replaying it again is a no-op.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { parseReplayArgs } from '../../src/bot/replay-args.js';
import type { DeadLetter } from '../../src/bot/dead-letters.js';
import type { InboxItem } from '../../src/bot/inbox.js';
import { startHarness, TEST_APP, type Harness } from '../support/harness.js';

const run = promisify(execFile);
const member = 'ou_member00000000000000000000000061';
let h: Harness;

beforeAll(async () => {
  // A bot that stores deliveries but never handles them, so the only answer can come from the replay.
  h = await startHarness({ workers: false });
  h.emulator.addUser({ open_id: member, name: '吴十' });
});
afterAll(() => h.close());

function replayCli(...args: string[]) {
  const uri = inject('mongoUri').replace(/\/?(\?.*)?$/, `/${h.conn.name}$1`);
  return run(process.execPath, ['--import', 'tsx', 'src/bot/replay-cli.ts', ...args], {
    env: {
      PATH: process.env.PATH,
      LARK_APP_ID: TEST_APP.appId,
      LARK_APP_SECRET: TEST_APP.appSecret,
      LARK_VERIFICATION_TOKEN: TEST_APP.verificationToken,
      LARK_ENCRYPT_KEY: TEST_APP.encryptKey,
      LARK_DOMAIN: h.emulator.url,
      MONGODB_URI: uri,
      LOG_LEVEL: 'warn',
    },
    timeout: 60_000,
  });
}

describe('npm run inbox:replay', () => {
  it('replays a dead-lettered message in its own process: answered once, a second replay does nothing', async () => {
    // A 帮助 that was acknowledged and then died (say the database was read-only for a day).
    const chat = 'oc_p2p_replay_cli';
    const sent = await h.emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: member,
      text: '帮助',
    });
    const stored = await h.conn.db!.collection<InboxItem>('inbox').findOne({ _id: sent.event_id });
    const eventId = sent.event_id;
    const letter: DeadLetter = {
      _id: eventId,
      kind: 'event',
      eventType: 'im.message.receive_v1',
      envelope: stored!.envelope,
      reason: 'MongoServerError: not primary',
      deadAt: h.clock.now(),
      status: 'dead',
      replays: 0,
    };
    await h.bot.deadLetters.collection.insertOne(letter);
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(0);

    const first = await replayCli(eventId);
    expect(first.stdout).toContain(`${eventId}\treplayed`);
    const [answer] = h.emulator.botMessages({ chat_id: chat });
    expect(answer!.reply_to).toBe(sent.message_id);
    expect(JSON.stringify(answer!.content)).toContain('使用帮助');
    expect(await h.bot.deadLetters.collection.findOne({ _id: eventId })).toMatchObject({
      status: 'replayed',
    });

    const second = await replayCli(eventId);
    expect(second.stdout).toContain(`${eventId}\talready-replayed`);
    expect(h.emulator.botMessages({ chat_id: chat })).toHaveLength(1);
  }, 90_000);

  it('explains its usage when given nothing to replay', () => {
    expect(parseReplayArgs([])).toMatchObject({ ok: false, error: expect.stringContaining('event id') });
    expect(parseReplayArgs(['--since', 'yesterday'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('ISO'),
    });
    expect(parseReplayArgs(['--since', '2026-11-27T00:00:00+08:00'])).toEqual({
      ok: true,
      select: { since: new Date('2026-11-26T16:00:00Z') },
    });
    expect(parseReplayArgs(['ev_1', 'ev_2'])).toEqual({ ok: true, select: { eventIds: ['ev_1', 'ev_2'] } });
  });
});

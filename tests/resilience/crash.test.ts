/**
 * kill -9 (issue 13): the bot runs as its own process on the test's database and is killed with SIGKILL in
 * the middle of its work, then started again — as after a power cut or the OOM killer — and every person
 * still gets each message exactly once, every event is answered exactly once.
 *
 * (a) during a reminder fan-out: the monthly record form to a branch of 300, killed when about half of it
 *     has reached Lark; (b) during inbox processing: a burst of 200 messages, killed when about half are
 *     answered, the deliveries that failed re-sent as Lark does. The restarted bot sees its predecessor's
 *     heartbeat stop (src/db/instance-heartbeat.ts) and resumes within seconds, not after the 60 s leases.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LarkEmulator, RecordedMessage } from '../../src/sandbox/emulator/index.js';
import { cardText } from '../support/chat.js';
import { openTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { startEmulator } from '../support/harness.js';
import { startChildBot, tail, until, uriFor, type ChildBot } from './child-bot.js';
import { crashMembers, REMINDER, secretary, setUpCrashBranch } from './crash-org.js';

const MEMBERS = crashMembers(300);
const BURST = 200;

let conn: Connection;
let emulator: LarkEmulator;
let bot: ChildBot;
const start = async () =>
  (bot = await startChildBot({ mongoUri: uriFor(inject('mongoUri'), conn.name), emulator }));

beforeAll(async () => {
  conn = await openTestDatabase();
  // Real time: the child's clock is the system clock, and it checks the age of every signed delivery.
  emulator = await startEmulator({ clock: new FakeClock(new Date(), { ticking: true }) });
  await setUpCrashBranch(conn, emulator, MEMBERS);
  await start();
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
  await conn?.dropDatabase();
  await conn?.close();
});

/** The bot's messages in each member's private chat, by member. */
function perMember(keep: (m: RecordedMessage) => boolean): Map<string, RecordedMessage[]> {
  const byChat = new Map(MEMBERS.map((m) => [emulator.p2pChatOf(m.open_id), m.open_id]));
  const out = new Map<string, RecordedMessage[]>(MEMBERS.map((m) => [m.open_id, []]));
  for (const m of emulator.botMessages()) {
    const member = byChat.get(m.chat_id);
    if (member && keep(m)) out.get(member)!.push(m);
  }
  return out;
}

const isForm = (m: RecordedMessage) => cardText(m.content).includes('记实');
const formsSent = () => [...perMember(isForm).values()].filter((l) => l.length > 0).length;

describe('kill -9 during a reminder fan-out to 300 members', () => {
  it('restarted, it sends the rest: every member gets the form exactly once', async () => {
    const chat = emulator.p2pChatOf(secretary.open_id);
    const asked = await emulator.sendText({
      chat_id: chat,
      chat_type: 'p2p',
      sender_open_id: secretary.open_id,
      text: '日程',
    });
    expect(asked.status).toBe(200);
    await until(
      'the schedule card arrives',
      () => emulator.botMessages({ chat_id: chat }).length > 0,
      30_000,
    );
    const card = emulator.botMessages({ chat_id: chat }).at(-1)!;
    const pressed = await emulator.press({
      message_id: card.message_id,
      operator_open_id: secretary.open_id,
      // The only job switched on for the branch: its one 立即执行.
      button: '立即执行',
    });
    expect(pressed.status).toBe(200);
    // The run is recorded done once every form is queued; the sends go on at Lark's 50 per second.
    const runDone = async () =>
      (await conn.db!.collection('schedule_runs').countDocuments({ job: REMINDER.name, status: 'done' })) ===
      1;
    await until(
      'half the forms have reached Lark',
      async () => formsSent() >= MEMBERS.length / 2 && (await runDone()),
      60_000,
    );
    await bot.kill();
    const atKill = formsSent();
    expect(atKill, 'killed mid-way').toBeLessThan(MEMBERS.length);

    await start();
    const restarted = performance.now();
    await until(
      `every member has the form (${formsSent()} of ${MEMBERS.length})`,
      () => formsSent() === MEMBERS.length,
      90_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${tail(bot.logs)}`);
    });
    const counts = [...perMember(isForm).values()].map((l) => l.length);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    console.log(
      `[crash] fan-out: killed at ${atKill}/${MEMBERS.length} forms sent; all ${MEMBERS.length} sent ${Math.round(performance.now() - restarted)} ms after the restart, none twice`,
    );
  });
});

describe('kill -9 during inbox processing', () => {
  it('a burst of 200 messages: every one is answered exactly once after the restart and Lark’s re-sends', async () => {
    const sent: Array<{ event_id: string; message_id: string; from: string; delivered: boolean }> = [];
    const people = MEMBERS.slice(0, BURST);
    const burst = Promise.all(
      people.map(async (p, i) => {
        const event_id = `burst-${i}-${Date.now()}`;
        const message_id = `om_burst${String(i).padStart(24, '0')}`;
        const entry = { event_id, message_id, from: p.open_id, delivered: false };
        sent.push(entry);
        const answer = await emulator
          .sendText(
            {
              chat_id: emulator.p2pChatOf(p.open_id),
              chat_type: 'p2p',
              sender_open_id: p.open_id,
              text: '帮助',
              message_id,
            },
            { eventId: event_id },
          )
          .catch(() => undefined);
        entry.delivered = answer?.status === 200;
      }),
    );
    const replied = () =>
      new Set(emulator.botMessages().flatMap((m) => (m.reply_to?.startsWith('om_burst') ? [m.reply_to] : [])))
        .size;
    await until('half the burst is answered', () => replied() >= BURST / 2, 60_000);
    await bot.kill();
    await burst;
    const atKill = replied();
    expect(atKill).toBeLessThan(BURST);

    await start();
    // Lark re-sends what it got no 200 for, with the same event id.
    for (const s of sent.filter((e) => !e.delivered)) {
      const answer = await emulator.deliverEvent('im.message.receive_v1', textEvent(s), {
        eventId: s.event_id,
      });
      expect(answer.status).toBe(200);
    }
    await until(`every message is answered (${replied()} of ${BURST})`, () => replied() === BURST, 90_000);
    const replies = emulator.botMessages().filter((m) => m.reply_to?.startsWith('om_burst'));
    const perMessage = new Map<string, number>();
    for (const r of replies) perMessage.set(r.reply_to!, (perMessage.get(r.reply_to!) ?? 0) + 1);
    expect([...perMessage.values()].filter((n) => n !== 1)).toEqual([]);
    const done = await conn
      .db!.collection('inbox_done')
      .countDocuments({ _id: { $in: sent.map((s) => s.event_id) } as never });
    expect(done).toBe(BURST);
    console.log(
      `[crash] inbox: killed at ${atKill}/${BURST} answered, ${sent.filter((s) => !s.delivered).length} deliveries re-sent; ${BURST} answered once each`,
    );
  });
});

/** The message event as Lark re-sends it. */
function textEvent(s: { message_id: string; from: string }) {
  return {
    sender: { sender_id: { open_id: s.from }, sender_type: 'user' },
    message: {
      message_id: s.message_id,
      chat_id: emulator.p2pChatOf(s.from),
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text: '帮助' }),
    },
  };
}

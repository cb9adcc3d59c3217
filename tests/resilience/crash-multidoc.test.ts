/**
 * kill -9 in the middle of a multi-document change (issue 13): a pledge approval writes the pledge, an
 * audit entry, the author's notice, its ledger lines and the 亮诺 in the branch group — with no
 * transactions (FerretDB). The child bot is killed just before each of those writes in turn (one pledge per
 * cut point, tests/resilience/kill-at-write.ts), and started again, which resumes the stored click. After
 * all of them, no pledge is half-written: each is published with both ledger lines, one audit entry, one
 * notice to its author and one 亮诺.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LarkEmulator, RecordedMessage } from '../../src/sandbox/emulator/index.js';
import { cardText } from '../support/chat.js';
import { openTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { startEmulator } from '../support/harness.js';
import { startChildBot, uriFor, type ChildBot } from './child-bot.js';
import { cutAtEachWrite } from './cut-points.js';
import { aCardToClick, BRANCH, crashMembers, GROUP, secretary, setUpCrashBranch } from './crash-org.js';

/** Cut points tried: before each of the first CUTS writes from the click's claim on. */
const CUTS = 8;
const AUTHORS = crashMembers(CUTS + 1);
const KILLER = new URL('./kill-at-write.ts', import.meta.url).pathname;

let conn: Connection;
let emulator: LarkEmulator;
let bot: ChildBot | undefined;
let clickable: RecordedMessage;
const start = (killBeforeWrite: number) =>
  startChildBot({
    mongoUri: uriFor(inject('mongoUri'), conn.name),
    emulator,
    preload: [KILLER],
    env: { KILL_ARM: 'card_clicks', KILL_BEFORE_WRITE: String(killBeforeWrite) },
  });

const pledgeOf = (openId: string) => `2026:${BRANCH}:${openId}`;
const ITEMS = [
  { id: 'i1', theme: '带头学习提高', text: '每月参加理论学习', result: '全年12次', due: '2026-12-31' },
  { id: 'i2', theme: '带头服务群众', text: '走访联系群众', result: '走访20户', due: '2026-12-31' },
];

beforeAll(async () => {
  conn = await openTestDatabase();
  emulator = await startEmulator({ clock: new FakeClock(new Date(), { ticking: true }) });
  await setUpCrashBranch(conn, emulator, AUTHORS);
  const now = new Date();
  await conn.db!.collection('pledges').insertMany(
    AUTHORS.map((a) => ({
      _id: pledgeOf(a.open_id) as never,
      kind: 'member',
      branchId: BRANCH,
      ownerId: a.open_id,
      year: 2026,
      status: 'submitted',
      items: ITEMS,
      seq: 3,
      rounds: [
        {
          n: 1,
          revision: 1,
          submittedAt: now,
          submittedBy: a.open_id,
          reviewerRole: 'secretary',
          items: ITEMS,
          warnings: [],
        },
      ],
      published: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    })),
  );
  bot = await start(0);
  clickable = await aCardToClick(emulator);
});
afterAll(async () => {
  await bot?.kill();
  await emulator?.close();
  await conn?.dropDatabase();
  await conn?.close();
});

const messagesWith = (chat: string, has: string) =>
  emulator.botMessages({ chat_id: chat }).filter((m) => cardText(m.content).includes(has));

async function state(author: { open_id: string; name: string }) {
  const p = await conn.db!.collection('pledges').findOne({ _id: pledgeOf(author.open_id) as never });
  const lines = await conn
    .db!.collection('pledge_ledger')
    .countDocuments({ pledgeId: pledgeOf(author.open_id) });
  const audits = await conn
    .db!.collection('audit')
    .countDocuments({ action: 'pledge.approve', 'target.id': pledgeOf(author.open_id) });
  return {
    status: p?.status as string,
    lines,
    audits,
    notices: messagesWith(emulator.p2pChatOf(author.open_id), '审核通过').length,
    published: messagesWith(GROUP, `亮诺 · ${author.name} 2026年承诺卡`).length,
  };
}

const complete = { status: 'published', lines: 2, audits: 1, notices: 1, published: 1 };

describe('kill -9 at every write of a pledge approval', () => {
  it(`cut before each of the first ${CUTS} writes, then restarted: every pledge whole, every message once`, async () => {
    const cutsThatKilled = await cutAtEachWrite({
      targets: AUTHORS.slice(0, CUTS),
      bot: () => bot,
      start: async (cut) => (bot = await start(cut)),
      click: (author) =>
        emulator.clickButton({
          message_id: clickable.message_id,
          operator_open_id: secretary.open_id,
          value: { action: 'pledge.approve', p: pledgeOf(author.open_id), round: 1 },
        }),
      state,
      complete,
      name: (author) => `${author.name}'s approval`,
    });
    for (const a of AUTHORS.slice(0, CUTS)) expect(await state(a), a.name).toEqual(complete);
    // The pledge nobody approved is untouched.
    expect(await state(AUTHORS[CUTS]!)).toEqual({
      status: 'submitted',
      lines: 0,
      audits: 0,
      notices: 0,
      published: 0,
    });
    expect(cutsThatKilled.length).toBeGreaterThan(CUTS / 2);
    console.log(
      `[crash] pledge approval: killed at write ${cutsThatKilled.join(', ')}; all ${CUTS} pledges whole, no message twice`,
    );
  });
});

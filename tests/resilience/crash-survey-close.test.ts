/**
 * kill -9 in the middle of a survey close (issue 13): the close marks the survey closing, tallies the
 * ballots onto it, destroys the voter ↔ ballot links, expires the unused web links, scrubs the survey's
 * clicks from the delivery log, marks it closed, writes the audit entry and posts the results to the branch
 * group and the office channel — with no transactions (FerretDB). The child bot is killed just before each
 * of those writes in turn (one survey per cut point, counted from the close's first write to that survey,
 * tests/resilience/kill-at-write.ts) and started again, which resumes the stored 结束评议 click. After all of
 * them, no survey is half-closed: each has its results, no voter link, no live link, one audit entry, and
 * its results in each chat once.
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
import {
  aCardToClick,
  BRANCH,
  crashMembers,
  GROUP,
  OFFICE,
  secretary,
  setUpCrashBranch,
} from './crash-org.js';

/** Cut points tried: before each of the close's first CUTS writes. */
const CUTS = 24;
const MEMBERS = crashMembers(3);
const KILLER = new URL('./kill-at-write.ts', import.meta.url).pathname;
/** One survey per cut point, each of its own half year (one survey per branch and half). */
const SURVEYS = Array.from({ length: CUTS + 1 }, (_, i) => ({
  id: `${BRANCH}:${2000 + i}-H1`,
  label: `${2000 + i}年上半年`,
}));
const BALLOTS = 3;

let conn: Connection;
let emulator: LarkEmulator;
let bot: ChildBot | undefined;
let clickable: RecordedMessage;
const start = (killBeforeWrite: number, surveyId = '') =>
  startChildBot({
    mongoUri: uriFor(inject('mongoUri'), conn.name),
    emulator,
    preload: [KILLER],
    env: {
      KILL_ARM: 'surveys',
      KILL_ARM_MATCH: surveyId,
      KILL_BEFORE_WRITE: String(killBeforeWrite),
    },
  });

beforeAll(async () => {
  conn = await openTestDatabase();
  emulator = await startEmulator({ clock: new FakeClock(new Date(), { ticking: true }) });
  await setUpCrashBranch(conn, emulator, MEMBERS);
  const db = conn.db!;
  const now = new Date();
  const targets = [
    { id: 'branch', kind: 'branch', name: '第一党支部' },
    ...MEMBERS.map((m) => ({ id: m.open_id, kind: 'member', name: m.name })),
  ];
  await db.collection('surveys').insertMany(
    SURVEYS.map((s) => ({
      _id: s.id as never,
      branchId: BRANCH,
      branchName: '第一党支部',
      period: s.id.slice(BRANCH.length + 1),
      status: 'open',
      report: '本年度支部工作报告：学习、服务、整改各项工作。',
      chatId: GROUP,
      targets,
      eligible: [secretary.open_id, ...MEMBERS.map((m) => m.open_id)],
      quorum: 2,
      openedBy: secretary.open_id,
      openedAt: now,
    })),
  );
  const voters = [secretary, ...MEMBERS].slice(0, BALLOTS);
  await db.collection('survey_ballots').insertMany(
    SURVEYS.flatMap((s) =>
      voters.map((_, v) => ({
        _id: `${s.id}#b${v}` as never,
        surveyId: s.id,
        answers: targets.map((t) => ({ targetId: t.id, choice: v === 0 ? 'basic' : 'satisfied' })),
      })),
    ),
  );
  await db.collection('survey_voters').insertMany(
    SURVEYS.flatMap((s) =>
      voters.map((p, v) => ({
        _id: `${s.id}|${p.open_id}` as never,
        surveyId: s.id,
        voter: p.open_id,
        ballotId: `${s.id}#b${v}`,
      })),
    ),
  );
  const later = new Date(now.getTime() + 30 * 24 * 3600_000);
  await db.collection('survey_links').insertMany(
    SURVEYS.map((s) => ({
      _id: `link-${s.id}` as never,
      surveyId: s.id,
      forName: '群众代表',
      createdBy: secretary.open_id,
      expiresAt: later,
      used: false,
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

const resultsIn = (chat: string, label: string) =>
  emulator
    .botMessages({ chat_id: chat })
    .filter((m) => cardText(m.content).includes('群众评议结果') && cardText(m.content).includes(label))
    .length;

async function state(s: (typeof SURVEYS)[number]) {
  const db = conn.db!;
  const survey = await db.collection('surveys').findOne({ _id: s.id as never });
  const liveLinks = await db
    .collection('survey_links')
    .countDocuments({ surveyId: s.id, expiresAt: { $gt: new Date() } });
  return {
    status: survey?.status as string,
    respondents: survey?.respondents as number | undefined,
    results: (survey?.results as unknown[] | undefined)?.length ?? 0,
    voterLinks: await db.collection('survey_voters').countDocuments({ surveyId: s.id }),
    liveLinks,
    ballots: await db.collection('survey_ballots').countDocuments({ surveyId: s.id }),
    audits: await db.collection('audit').countDocuments({ action: 'survey.close', 'target.id': s.id }),
    archived: await db
      .collection('disclosures')
      .countDocuments({ kind: 'survey.results', period: s.id.slice(BRANCH.length + 1) }),
    group: resultsIn(GROUP, s.label),
    office: resultsIn(OFFICE, s.label),
  };
}

const complete = {
  status: 'closed',
  respondents: BALLOTS,
  results: 1 + MEMBERS.length,
  voterLinks: 0,
  liveLinks: 0,
  ballots: BALLOTS,
  audits: 1,
  archived: 2,
  group: 1,
  office: 1,
};
describe('kill -9 at every write of a survey close', () => {
  it(`cut before each of the first ${CUTS} writes, then restarted: every survey closed whole, results once`, async () => {
    const cutsThatKilled = await cutAtEachWrite({
      targets: SURVEYS.slice(0, CUTS),
      bot: () => bot,
      start: async (cut, survey) => (bot = await start(cut, survey?.id)),
      click: (survey) =>
        emulator.clickButton({
          message_id: clickable.message_id,
          operator_open_id: secretary.open_id,
          value: { action: 'survey.close', survey: survey.id },
        }),
      state,
      complete,
      name: (survey) => `${survey.label}'s close`,
    });
    for (const s of SURVEYS.slice(0, CUTS)) expect(await state(s), s.label).toEqual(complete);
    // The survey nobody closed is untouched: still open, its voters' links and web link alive.
    expect(await state(SURVEYS[CUTS]!)).toMatchObject({
      status: 'open',
      results: 0,
      voterLinks: BALLOTS,
      liveLinks: 1,
      audits: 0,
      group: 0,
      office: 0,
    });
    expect(cutsThatKilled.length).toBeGreaterThan(CUTS / 2);
    console.log(
      `[crash] survey close: killed at write ${cutsThatKilled.join(', ')}; all ${CUTS} surveys closed whole, results once per chat`,
    );
  });
});

/**
 * The other modules' publications are archived too (公开记录): the monthly records and ratings (branch group
 * and office channel) and a survey's results, each entry stamped with the message id Lark gave it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src/bot/context.js';
import { listDisclosures } from '../../../src/bot/disclosures.js';
import { putRating } from '../../../src/regime/ratings/ratings.repository.js';
import { publishMonth } from '../../../src/regime/ratings/publish.js';
import { closeSurvey } from '../../../src/regime/surveys/close-survey.js';
import { createSurvey } from '../../../src/regime/surveys/survey.repository.js';
import { importFixture } from '../../org/fixtures.js';
import { settle, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { CHATS, ORG, P } from './year-of-data.js';

let h: Harness;
let ctx: HandlerContext;

beforeAll(async () => {
  h = await startHarness({ clock: new FakeClock(shanghai('2026-12-04 10:00')) });
  await importFixture(h.conn, ORG);
  h.emulator.addChat({ chat_id: CHATS.office, name: '机关公开频道', members: [P.sec1.open_id] });
  h.emulator.addChat({ chat_id: CHATS.g1, name: '第一党支部', members: [P.sec1.open_id] });
  ctx = { conn: h.conn, outbox: h.bot.outbox, clock: h.clock } as unknown as HandlerContext;
}, 120_000);
afterAll(() => h.close());

it('a rating publication and a survey close are archived, with the chats and message ids', async () => {
  for (const p of [P.jia, P.yi, P.bing])
    await putRating(h.conn, {
      branchId: 'zx-1',
      month: '2026-11',
      openId: p.open_id,
      grade: '良好',
      ratedBy: P.sec1.open_id,
      ratedAt: h.clock.now(),
    });
  await publishMonth(
    ctx,
    {},
    { branchId: 'zx-1', month: '2026-11', by: P.sec1.open_id, tz: 'Asia/Shanghai' },
  );
  await createSurvey(h.conn, {
    _id: 'zx-1:2026-H2',
    branchId: 'zx-1',
    branchName: '第一党支部',
    period: '2026-H2',
    status: 'open',
    report: '',
    targets: [{ id: 'branch', kind: 'branch', name: '第一党支部' }],
    eligible: [],
    quorum: 30,
    openedBy: P.sec1.open_id,
    openedAt: shanghai('2026-12-01 09:00'),
  });
  await closeSurvey(ctx, {
    surveyId: 'zx-1:2026-H2',
    actor: P.sec1.open_id,
    source: { via: 'job', ref: 'test' },
    now: h.clock.now(),
  });
  await settle(h);

  const ratings = await listDisclosures(h.conn.db!, {
    branchId: 'zx-1',
    kind: 'rating.monthly',
    period: '2026-11',
  });
  expect(ratings.map((d) => [d.title, d.receiveId]).sort()).toEqual([
    ['2026年11月 党员每月公开记实', CHATS.g1],
    ['2026年11月 月度评定摘要', CHATS.office],
  ]);
  const surveys = await listDisclosures(h.conn.db!, { branchId: 'zx-1', kind: 'survey.results' });
  expect(surveys.map((d) => d.receiveId).sort()).toEqual([CHATS.office, CHATS.g1].sort());
  expect(surveys[0]!.title).toBe('2026年下半年 群众评议结果');
  for (const d of [...ratings, ...surveys]) {
    const sent = h.emulator.botMessages({ chat_id: d.receiveId }).map((m) => m.message_id);
    expect(sent).toContain(d.messageId);
  }
  const group = ratings.find((d) => d.receiveId === CHATS.g1)!;
  expect(JSON.parse(group.dataJson)).toContainEqual({ name: '甲', grade: '良好' });
});

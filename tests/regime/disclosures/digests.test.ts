/**
 * A year of data (year-of-data.ts) and the office channel's digests on the calendar: each figure matches
 * the one worked out by hand, the channel shared by two branches gets each digest once, and the archive
 * (公开记录) holds every digest with the data it was built from. Then 通报 and 公开记录 through the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDisclosures, type DisclosureRecord } from '../../../src/bot/disclosures.js';
import { REGIME_MODULES } from '../../../src/regime/index.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { CHATS, P, setUpYear } from './year-of-data.js';

let h: Harness;
const disclosuresModule = REGIME_MODULES.find((m) => m.name === 'disclosures')!;

beforeAll(async () => {
  h = await startHarness({
    clock: new FakeClock(shanghai('2026-04-07 09:00')),
    modules: [disclosuresModule],
    assembled: true,
  });
  await setUpYear(h);
}, 120_000);
afterAll(() => h.close());

const office = () => h.emulator.botMessages({ chat_id: CHATS.office });
const officeCards = (has: string) =>
  office().filter((m) => cardText(h.emulator.cardOf(m.message_id)).includes(has));
const archived = async (kind: string, period: string): Promise<DisclosureRecord[]> =>
  listDisclosures(h.conn.db!, { kind, period });

describe('digests in the shared office channel', () => {
  it('monthly (2026-03, on 7 April): records 4/5, grades per branch, 2 items closed — once for both branches', async () => {
    await tickAt(h, '2026-04-07 10:00');
    const cards = officeCards('月度公开摘要 · 2026年3月');
    expect(cards).toHaveLength(1);
    const text = cardText(h.emulator.cardOf(cards[0]!.message_id));
    expect(text).toContain('党员 **5** 人，提交记实 **4/5（80.0%）**，承诺销号 **2** 项');
    expect(text).toContain(
      '**第一党支部**\\u3000记实 2/3（66.7%）\\u3000销号 2 项'.replace(/\\u3000/g, '\u3000'),
    );
    expect(text).toContain('评定：优秀 1\u3000良好 1\u3000一般 1\u3000较差 0');
    expect(text).toContain('丙\u3000未记实\u3000一般');
    expect(text).toContain('甲\u3000已记实\u3000优秀\u3000销号 1 项');
    expect(text).toContain('"tag":"chart"');
    const [entry] = await archived('digest.monthly', '2026-03');
    expect(entry).toMatchObject({
      branchIds: ['zx-1', 'zx-2'],
      receiveId: CHATS.office,
      title: '2026年3月 月度公开摘要',
    });
    expect(entry!.messageId).toBe(cards[0]!.message_id);
    const data = JSON.parse(entry!.dataJson) as { branches: Array<{ recorded: number; closed: number }> };
    expect(data.branches.map((b) => [b.recorded, b.closed])).toEqual([
      [2, 2],
      [2, 0],
    ]);
  });

  it('half-year (2026-H2, on 6 January): the branch 90.0%, 甲 93.3%, 第二党支部 without a survey', async () => {
    await tickAt(h, '2027-01-06 10:00');
    const cards = officeCards('半年公开摘要 · 2026年下半年');
    expect(cards).toHaveLength(1);
    const text = cardText(h.emulator.cardOf(cards[0]!.message_id));
    expect(text).toContain('参与评议 30 人，支部满意率 **90.0%**');
    expect(text).toContain('甲\u3000满意率 93.3%');
    expect(text).toContain('**第二党支部**\u3000本期没有已结束的群众评议');
    expect(await archived('digest.half-year', '2026-H2')).toHaveLength(1);
  });

  it('quarterly (2026-Q4, on 11 January after the Sunday): fulfilment 4/6, comments 2 made, 1 published', async () => {
    await tickAt(h, '2027-01-11 10:00');
    const cards = officeCards('季度公开摘要 · 2026年第四季度');
    expect(cards).toHaveLength(1);
    const text = cardText(h.emulator.cardOf(cards[0]!.message_id));
    expect(text).toContain('承诺事项 **6** 项，已兑现 **4** 项（66.7%）；本季度公开点评 **1** 条');
    expect(text).toContain('承诺兑现 3/4（75.0%），进行中 0，逾期 1');
    expect(text).toContain('本季度销号 0 项；点评 2 条，已公开 1 条（王书记、刘领导）');
    expect(text).toContain('承诺兑现 1/2（50.0%），进行中 0，逾期 1');
    expect(text).toContain('甲\u3000兑现 1/2\u3000逾期 1');
  });

  it('annual (2026, on 20 January): the year in one card', async () => {
    await tickAt(h, '2027-01-20 10:00');
    const cards = officeCards('年度公开摘要 · 2026年');
    expect(cards).toHaveLength(1);
    const text = cardText(h.emulator.cardOf(cards[0]!.message_id));
    expect(text).toContain('承诺兑现 **4/6（66.7%）**');
    expect(text).toContain('记实 18/36（50.0%）');
    expect(text).toContain('记实 18/24（75.0%）');
    expect(text).toContain('全年评定：优秀 12\u3000良好 12\u3000一般 12\u3000较差 0');
    expect(text).toContain('点评 2 条；群众满意率：上半年 80.0%，下半年 90.0%；表彰：甲（优秀共产党员）');
    expect(text).toContain('甲\u3000记实 12 个月\u3000优秀 12 次\u3000兑现 1/2');
    expect(text).toContain('乙\u3000记实 6 个月\u3000优秀 0 次\u3000兑现 1/1');
  });

  it('the archive holds every message sent to the office channel, each with its message id', async () => {
    const all = await listDisclosures(h.conn.db!, { branchId: 'zx-2' });
    const sent = office().map((m) => m.message_id);
    expect(all.map((d) => d.messageId).sort()).toEqual([...sent].sort());
    expect(new Set(all.map((d) => d.kind))).toEqual(
      new Set(['digest.monthly', 'digest.half-year', 'digest.quarterly', 'digest.annual']),
    );
    expect(all.every((d) => d.branchIds.join() === 'zx-1,zx-2')).toBe(true);
  });
});

describe('通报 and 公开记录', () => {
  it('a member is refused 通报 with the roles named', async () => {
    const reply = await say(h, P.jia.open_id, '通报');
    expect(cardText(reply.content)).toContain('只有管理员或该支部书记可以发布督促通报');
  });

  it('the secretary previews the briefing, posts it (the preview then shows it posted, without the button), and it is archived and audited', async () => {
    const preview = await say(h, P.sec1.open_id, '通报');
    const text = cardText(preview.content);
    expect(text).toContain('督促通报 · 第一党支部');
    expect(text).toContain('承诺兑现 3/4（75.0%），进行中 0，逾期 1');
    expect(text).toContain('2027年1月记实已提交 0/3（0.0%）');
    expect(text).toContain('2026年12月评定：已公示，评定 3/3 人');
    expect(text).toContain('已点评：赵领导');
    expect(text).toContain('未点评：刘领导');
    expect(text).toContain('上月未记实：丙、乙');
    expect(text).toContain('完善学习制度（2026-12-31，已逾期）');
    const before = office().length;
    expect((await press(h, preview, P.sec1.open_id, { button: '发布通报' })).toast?.content).toBe(
      '通报已发布到公开频道',
    );
    expect(office().length).toBe(before + 1);
    expect(cardText(h.emulator.cardOf(preview.message_id))).toContain('已发布到公开频道');
    expect(cardText(h.emulator.cardOf(preview.message_id))).not.toContain('disclosure.briefing_post');
    expect(cardText(lastCard(h, { chat: CHATS.office }).content)).toContain('督促通报 · 第一党支部');
    const [entry] = await listDisclosures(h.conn.db!, { branchId: 'zx-1', kind: 'briefing' });
    expect(entry).toMatchObject({ branchIds: ['zx-1'], title: '2027年1月20日 督促通报 · 第一党支部' });
    const audit = await h.conn.db!.collection('audit').countDocuments({ action: 'disclosure.briefing.post' });
    expect(audit).toBe(1);
  });

  it('公开记录 2026-03 lists what was disclosed about March, with chat, time and message id', async () => {
    const reply = await say(h, P.jia.open_id, '公开记录 2026-03');
    const text = cardText(reply.content);
    const [entry] = await archived('digest.monthly', '2026-03');
    expect(text).toContain('公开记录 · 第一党支部');
    expect(text).toContain('2026年3月 月度公开摘要');
    expect(text).toContain('公开频道 · 2026-04-07 10:00');
    expect(text).toContain(entry!.messageId!.replace(/_/g, '\\\\_'));
    expect(text).not.toContain('督促通报');
  });

  it('公开记录 without a period lists everything, the briefing included; a period it cannot read gets a hint', async () => {
    expect(cardText((await say(h, P.sec1.open_id, '公开记录')).content)).toContain('督促通报 · 第一党支部');
    const bad = await say(h, P.jia.open_id, '公开记录 三月');
    expect(cardText(bad.content)).toContain('请写月份或年份');
  });
});

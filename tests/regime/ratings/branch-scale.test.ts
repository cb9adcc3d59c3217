/**
 * A branch rating on its own words (好/较好/一般/差) instead of 优秀/良好/一般/较差: the secretary sets them
 * with 评定等次; the rating sheet offers them, the grades are stored in them, and the group's disclosure and
 * the office digest show them. Through the emulator, as the secretary and the members see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/org/index.js';
import { ratingsModule } from '../../../src/regime/ratings/index.js';
import { recordsModule } from '../../../src/regime/records/index.js';
import { cardText, press, say, settle, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, OFFICE, members, secretary, setUpBranch } from '../records/fixture.js';
import { testLedger } from '../records/test-ledger.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    assembled: true,
    clock: new FakeClock(shanghai('2026-12-04 10:00')),
    // What is checked here is the words on the cards; a loaded machine must not turn an answer into
    // 「正在处理」 (Lark's 3 s is measured by bench and the other tests).
    cardDeadlineMs: 20_000,
    modules: [recordsModule({ ledger: testLedger }), ratingsModule({ ledger: testLedger })],
  });
  await setUpBranch(h);
});
afterAll(async () => h.close());

const posted = (chat: string) => h.emulator.botMessages({ chat_id: chat }).map((m) => cardText(m.content));

describe('评定等次: the branch’s own rating scale', () => {
  it('shows the default, refuses a member, and rejects a scale that cannot be one', async () => {
    expect(cardText(await say(h, secretary.open_id, '评定等次'))).toContain(
      '优秀 / 良好 / 一般 / 较差**（默认）',
    );
    expect(cardText(await say(h, members.li.open_id, '评定等次 好 差'))).toContain(
      '只有该支部书记或管理员可以设置本支部的评定等次',
    );
    expect(cardText(await say(h, secretary.open_id, '评定等次 好 好 差'))).toContain('等次不能重复');
    expect(cardText(await say(h, secretary.open_id, '评定等次 好'))).toContain('请写 2 至 6 个等次');
  });

  it('the secretary sets 好/较好/一般/差 in the branch group; the change is audited', async () => {
    const set = cardText(await say(h, secretary.open_id, '评定等次 好、较好、一般、差', GROUP));
    expect(set).toContain('评定等次已更新');
    expect(set).toContain('**好 / 较好 / 一般 / 差**');
    const [entry] = await listAudit(h.conn, { action: 'rating.scale' });
    expect(entry).toMatchObject({ actor: secretary.open_id, branchId: 'zx-1' });
  });

  it('the sheet offers the branch’s words; grades, disclosure and digest use them', async () => {
    const sheet = await say(h, secretary.open_id, '评定 2026-11');
    const saved = await press(h, sheet, secretary.open_id, {
      button: '保存本页',
      form: { g0: '好', g1: '较好', g2: '较好', g3: '一般', g4: '差' },
    });
    expect(saved.toast?.content).toContain('全部已评定');
    const stored = await h.conn
      .db!.collection<{ _id: string; grade: string }>('ratings')
      .findOne({ _id: `zx-1:2026-11:${members.chen.open_id}` });
    expect(stored?.grade).toBe('好');

    const published = await press(h, sheet, secretary.open_id, { button: '确认公示' });
    expect(published.toast?.content).toContain('已公示');
    await settle(h);
    const disclosure = posted(GROUP).find((t) => t.includes('党员每月公开记实'));
    expect(disclosure).toContain(`**${members.chen.name}** · 好`);
    expect(disclosure).toContain(`**${members.zhao.name}** · 差`);
    const digest = posted(OFFICE).find((t) => t.includes('2026年11月公开'));
    expect(digest).toContain('好 **1** · 较好 **2** · 一般 **1** · 差 **1**');
  });

  it('评定等次 默认 brings the default back; the month already rated keeps its words', async () => {
    expect(cardText(await say(h, secretary.open_id, '评定等次 默认'))).toContain('优秀 / 良好 / 一般 / 较差');
    const stored = await h.conn
      .db!.collection<{ _id: string; grade: string }>('ratings')
      .findOne({ _id: `zx-1:2026-11:${members.zhao.open_id}` });
    expect(stored?.grade).toBe('差');
  });
});

/**
 * 公开范围: the secretary sets the branch's default (支部群 / 公开频道 / both / 仅本人), a commenter may choose
 * another on the form, 公开 honours it, the register shows it, and every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDisclosures } from '../../../src/bot/disclosures.js';
import { listAudit } from '../../../src/org/index.js';
import { commentsModule } from '../../../src/regime/comments/index.js';
import type { RecordedMessage } from '../../../src/sandbox/emulator/index.js';
import { cardText, lastCard, press, say, shanghai } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { GROUP, ORG, setUp, who } from './fixtures.js';

const CHANNEL = 'oc_zxofficechannel000000000000000001';
const ORG_WITH_CHANNEL = ORG.replace(
  'organisation: { id: zxjg, name: 县政协机关党总支 }',
  `organisation: { id: zxjg, name: 县政协机关党总支, chats: { office_channel: ${CHANNEL} } }`,
);

let h: Harness;
const text = (m: RecordedMessage) => cardText(h.emulator.cardOf(m.message_id));
const chatCards = (chat: string, has: string) =>
  h.emulator.botMessages({ chat_id: chat }).filter((m) => text(m).includes(has));

/** `点评 姓名`, page 1 graded, page 2 with the scope as chosen (or left at the default), submitted. */
async function commentOn(by: { open_id: string }, target: string, scope?: string) {
  const form = await say(h, by.open_id, `点评 ${target}`);
  await press(h, form, by.open_id, {
    button: '下一页',
    form: { g0: '好', g1: '好', g2: '较好', g3: '好', g4: '好' },
  });
  const submitted = await press(h, form, by.open_id, {
    button: '提交点评',
    form: { s0: '思路清晰', ...(scope ? { scope } : {}) },
  });
  expect(submitted.toast?.content).toBe('点评已提交');
  return form;
}

beforeAll(async () => {
  h = await startHarness({
    modules: [commentsModule({})],
    clock: new FakeClock(shanghai('2026-05-12 10:00')),
  });
  await setUp(h, ORG_WITH_CHANNEL);
  h.emulator.addChat({ chat_id: CHANNEL, name: '机关公开频道', members: [who.secretary.open_id] });
});
afterAll(() => h.close());

describe('where a comment is published', () => {
  it('the secretary sets the branch default with 点评范围; members may not; the change is audited', async () => {
    const refused = await say(h, who.m1.open_id, '点评范围');
    expect(cardText(refused)).toContain('只有支部书记或管理员可以设置点评公开范围');
    const card = await say(h, who.secretary.open_id, '点评范围');
    expect(cardText(card)).toContain('默认公开到：**支部群**');
    const wrong = await press(h, card, who.m1.open_id, { button: '公开频道' });
    expect(wrong.toast?.content).toBe('只有该支部书记或管理员可以设置点评公开范围');
    const set = await press(h, card, who.secretary.open_id, { button: '公开频道' });
    expect(set.toast?.content).toBe('点评默认公开范围已设为：公开频道');
    expect(text(card)).toContain('默认公开到：**公开频道**');
    expect(h.emulator.buttonsOf(card.message_id)).toContain('✓ 公开频道');
    const audit = await listAudit(h.conn, { action: 'comment.scope-default' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.changes).toEqual({ scope: { from: 'group', to: 'channel' } });
  });

  it('a comment left at the default goes to the office channel only', async () => {
    const form = await commentOn(who.secretary, who.m1.name);
    const published = await press(h, form, who.secretary.open_id, { button: '公开' });
    expect(published.toast?.content).toBe('已公开到公开频道，并通知被点评人');
    expect(chatCards(CHANNEL, `点评公开：${who.m1.name}`)).toHaveLength(1);
    expect(chatCards(GROUP, '点评公开')).toHaveLength(0);
    expect(text(lastCard(h, { to: who.m1.open_id, has: '确认收到' }))).toContain(who.secretary.name);
  });

  it('仅本人 chosen on the form: nothing in any chat, only the member’s private card', async () => {
    const form = await commentOn(who.leader2, who.m2.name, '仅本人');
    expect(text(form)).toContain('公开范围：仅本人');
    const published = await press(h, form, who.leader2.open_id, { button: '公开' });
    expect(published.toast?.content).toBe('已发送给被点评人（公开范围：仅本人）');
    expect(chatCards(CHANNEL, who.m2.name)).toHaveLength(0);
    expect(chatCards(GROUP, who.m2.name)).toHaveLength(0);
    expect(text(lastCard(h, { to: who.m2.open_id, has: '确认收到' }))).toContain(who.leader2.name);
  });

  it('支部群+公开频道 chosen on the form: both chats, each once, however often 公开 is pressed and by whom', async () => {
    const form = await commentOn(who.leader1, who.m3.name, '支部群+公开频道');
    const published = await press(h, form, who.leader1.open_id, { button: '公开' });
    expect(published.toast?.content).toBe('已公开到支部群和公开频道，并通知被点评人');
    expect(text(form)).toContain('已公开（支部群+公开频道）');
    const again = await h.emulator.clickButton({
      message_id: form.message_id,
      operator_open_id: who.secretary.open_id,
      value: {
        action: 'comment.publish',
        id: `ad-hoc:2026-05-12:${who.leader1.open_id}:member:${who.m3.open_id}`,
      },
    });
    expect((again.body as { toast: { content: string } }).toast.content).toBe(
      '这条点评已公开（支部群+公开频道）',
    );
    expect(chatCards(GROUP, `点评公开：${who.m3.name}`)).toHaveLength(1);
    expect(chatCards(CHANNEL, `点评公开：${who.m3.name}`)).toHaveLength(1);
  });

  it('the register shows each comment’s scope; publications are audited and archived as disclosures', async () => {
    const reg = cardText(await say(h, who.secretary.open_id, '点评登记'));
    expect(reg).toContain('已公开（公开频道）');
    expect(reg).toContain('已公开（仅本人）');
    expect(reg).toContain('已公开（支部群+公开频道）');
    const scopes = (await listAudit(h.conn, { action: 'comment.publish' })).map((a) => a.detail?.['scope']);
    expect(scopes.sort()).toEqual(['channel', 'group+channel', 'self']);
    const archived = await listDisclosures(h.conn.db!, { kind: 'comment.published' });
    expect(archived.map((d) => d.receiveId).sort()).toEqual([CHANNEL, CHANNEL, GROUP].sort());
  });
});

/**
 * 七一评选 end to end: the 15 June job opens nominations in the branch group, members nominate with
 * reasons, the secretary confirms the candidates, members vote (one vote each), the tie is broken by the
 * secretary, the result is on notice with one objection answered, and the 1 July job commends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/org/index.js';
import { honoursFor, selectionsModule } from '../../../src/regime/selections/index.js';
import { cardText, lastCard, press, say, shanghai, tickAt } from '../../support/chat.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { importFixture } from '../../org/fixtures.js';

const p = (n: string, name: string) => ({ open_id: `ou_sel${n.padStart(29, '0')}`, name });
const sec = p('1', '王建国');
const [li, zhang, yang, zhao] = [p('2', '李秀英'), p('3', '张伟'), p('4', '杨帆'), p('5', '赵敏')];
const evaluator = p('9', '群众代表老周');
const GROUP = 'oc_selbranch0000000000000000000001';
const OFFICE = 'oc_seloffice0000000000000000000001';

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${GROUP}, office_channel: ${OFFICE} }
people:
  - { open_id: ${sec.open_id}, name: ${sec.name}, roles: { secretary: zx-1, member: zx-1 } }
${[li, zhang, yang, zhao].map((m) => `  - { open_id: ${m.open_id}, name: ${m.name}, roles: { member: zx-1 } }`).join('\n')}
  - { open_id: ${evaluator.open_id}, name: ${evaluator.name}, roles: { evaluator: zx-1 } }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    modules: [selectionsModule],
    assembled: true,
    clock: new FakeClock(shanghai('2026-06-15 08:00')),
  });
  await importFixture(h.conn, ORG);
  for (const x of [sec, li, zhang, yang, zhao, evaluator]) h.emulator.addUser(x);
  const members = [sec, li, zhang, yang, zhao].map((m) => m.open_id);
  h.emulator.addChat({ chat_id: GROUP, name: '第一党支部', members });
  h.emulator.addChat({ chat_id: OFFICE, name: '机关公开频道', members: [sec.open_id] });
});
afterAll(() => h.close());

describe('七一评选', () => {
  it('nominations open on 15 June; members and the secretary nominate with a reason; others are refused', async () => {
    await tickAt(h, '2026-06-15 09:00');
    const card = lastCard(h, { chat: GROUP, has: '推荐阶段' });
    expect(h.emulator.buttonsOf(card.message_id)).toEqual(['推荐']);
    const nominate = (who: { open_id: string }, nominee: string, reason: string) =>
      press(h, card, who.open_id, { button: '推荐', form: { nominee, reason } });
    expect((await nominate(evaluator, '李秀英', '工作认真负责，服务群众热情')).toast?.content).toBe(
      '只有该支部党员或该支部书记可以推荐评选对象',
    );
    expect((await nominate(li, '张伟', '好')).toast?.content).toBe(
      '请选择推荐对象，并写明推荐理由（至少5个字）',
    );
    expect((await nominate(li, '张伟', '带头服务群众，办结提案督办十二件')).toast?.content).toBe(
      '已推荐张伟为优秀共产党员候选人',
    );
    expect((await nominate(sec, '李秀英', '承诺事项全部兑现，群众评议满意率高')).toast?.content).toContain(
      '已推荐李秀英',
    );
    expect((await nominate(zhang, '李秀英', '工作认真负责，热心帮助同事')).toast?.content).toContain(
      '已推荐李秀英',
    );
    expect((await nominate(zhang, '李秀英', '再推荐一次')).toast?.content).toBe('你已经推荐过李秀英');
  });

  it('the secretary confirms the candidates; the vote card goes to the branch group; one vote per member', async () => {
    const status = await say(h, sec.open_id, '评选');
    expect(cardText(status)).toContain('**李秀英**\u3000优秀共产党员\u30002 人推荐');
    expect((await press(h, status, zhang.open_id, { button: '确认候选人' })).toast?.content).toBe(
      '只有该支部书记或管理员可以组织评选（确认候选人、确认结果、答复异议）',
    );
    expect((await press(h, status, sec.open_id, { button: '确认候选人' })).toast?.content).toContain(
      '候选人已确认',
    );
    expect((await press(h, status, sec.open_id, { button: '确认结果' })).toast?.content).toContain(
      '票数相同',
    );

    await tickAt(h, '2026-06-24 09:00'); // the vote job has nothing to ask: candidates are confirmed
    expect(
      h.emulator
        .botMessages({ chat_id: h.emulator.p2pChatOf(sec.open_id) })
        .filter((m) => cardText(m).includes('投票阶段到了')),
    ).toEqual([]);

    const vote = lastCard(h, { chat: GROUP, has: '七一评选投票' });
    const cast = (who: { open_id: string }, candidate: string) =>
      press(h, vote, who.open_id, { button: '投票', form: { candidate } });
    expect((await cast(sec, '李秀英')).toast?.content).toBe('已投票，谢谢参与');
    expect((await cast(li, '张伟')).toast?.content).toBe('已投票，谢谢参与');
    expect((await cast(zhang, '李秀英')).toast?.content).toBe('已投票，谢谢参与');
    expect((await cast(yang, '张伟')).toast?.content).toBe('已投票，谢谢参与');
    expect((await cast(yang, '李秀英')).toast?.content).toBe('你已经投过这一项的票了，每人一票');
    expect((await cast(evaluator, '李秀英')).toast?.content).toBe('只有该支部党员可以参加评选投票');
  });

  it('a tie must be broken by the secretary before the result is confirmed; then the result is on notice', async () => {
    h.clock.set(shanghai('2026-06-25 10:00'));
    const status = await say(h, sec.open_id, '评选');
    expect(cardText(status)).toContain('李秀英\u30002 票');
    expect(cardText(status)).toContain('张伟\u30002 票');
    expect((await press(h, status, sec.open_id, { button: '确认结果' })).toast?.content).toBe(
      '「优秀共产党员」票数相同，请在卡片上选择当选人后再确认',
    );
    const done = await press(h, status, sec.open_id, { button: '确认结果', form: { tie_excellent: '张伟' } });
    expect(done.toast?.content).toBe('结果已确认，公示已发到支部群');
    const notice = lastCard(h, { chat: GROUP, has: '评选结果公示' });
    expect(cardText(notice)).toContain('**张伟**\u3000优秀共产党员（2 票）');
    expect(cardText(notice)).toContain('公示至 6月28日');
  });

  it('an objection during the notice goes to the secretary, whose answer goes back', async () => {
    const notice = lastCard(h, { chat: GROUP, has: '评选结果公示' });
    const objected = await press(h, notice, yang.open_id, {
      button: '提出异议',
      form: { objection: '票数相同时应说明确定理由' },
    });
    expect(objected.toast?.content).toBe('已收到你的意见，书记会答复你');
    const toAnswer = lastCard(h, { to: sec.open_id, has: '评选公示异议' });
    expect(cardText(toAnswer)).toContain('**杨帆** 提出：票数相同时应说明确定理由');
    await press(h, toAnswer, sec.open_id, {
      button: '答复',
      form: { answer: '张伟同志今年承诺兑现率更高，支委会研究确定。' },
    });
    expect(cardText(lastCard(h, { to: yang.open_id, has: '书记已答复' }))).toContain('支委会研究确定');
    expect(h.emulator.buttonsOf(toAnswer.message_id)).toEqual([]);
  });

  it('on 1 July the commendation goes to the office channel and the branch group; the honour is kept', async () => {
    await tickAt(h, '2026-07-01 09:00');
    for (const chat of [OFFICE, GROUP])
      expect(cardText(lastCard(h, { chat, has: '七一表彰' }))).toContain('**张伟**\u3000优秀共产党员');
    expect(await honoursFor(h.conn, { year: 2026, openId: zhang.open_id })).toMatchObject([
      { branchId: 'zx-1', year: 2026, name: '张伟', honour: '优秀共产党员' },
    ]);
    expect(await honoursFor(h.conn, { year: 2026, openId: li.open_id })).toEqual([]);
    const actions = (await listAudit(h.conn, { targetId: 'zx-1:2026' })).map((a) => a.action);
    expect(actions).toEqual([
      'selection.open',
      ...Array(3).fill('selection.nominate'),
      'selection.candidates',
      ...Array(4).fill('selection.vote'),
      'selection.result',
      'selection.object',
      'selection.answer',
      'selection.commend',
    ]);
  });
});

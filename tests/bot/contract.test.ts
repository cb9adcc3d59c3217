/**
 * The module contract as a regime module meets it: typed card payloads (a click that does not match its
 * schema gets a toast and writes nothing), buttons pressed as the card the bot sent declares them, and free
 * text claimed by the module that asked a question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { button, card, markdown } from '../../cards/kit.js';
import { awaitReply } from '../../src/bot/conversations.js';
import { defineAction, type BotModule } from '../../src/bot/module.js';
import { cardText, lastCard, press, say } from '../support/chat.js';
import { startHarness, type Harness } from '../support/harness.js';

const member = 'ou_member00000000000000000000000009';
const secretary = 'ou_secret00000000000000000000000009';

const effects = (h: { conn: Harness['conn'] }) =>
  h.conn.db!.collection<{ _id: string; what: unknown }>('effects');

/** A stand-in regime module: a form card, a button that asks for a reason in chat, and their handlers. */
const testModule: BotModule = {
  name: 'contract-test',
  commands: [
    {
      name: 'form',
      words: ['表单测试'],
      summary: '测试用表单卡片',
      run: (ctx) =>
        ctx.reply(
          card({
            title: { zh: '测试表单' },
            template: 'blue',
            elements: [
              {
                tag: 'form',
                name: 'f',
                elements: [
                  {
                    tag: 'input',
                    name: 'note',
                    required: true,
                    placeholder: { tag: 'plain_text', content: '说明' },
                  },
                  {
                    tag: 'select_static',
                    name: 'grade',
                    options: [
                      { text: { tag: 'plain_text', content: '优秀' }, value: 'excellent' },
                      { text: { tag: 'plain_text', content: '良好' }, value: 'good' },
                    ],
                  },
                  {
                    tag: 'button',
                    name: 'submit',
                    text: { tag: 'plain_text', content: '提交' },
                    form_action_type: 'submit',
                    behaviors: [{ type: 'callback', value: { action: 'test.submit', item: 'i-1' } }],
                  },
                ],
              },
              button({ text: { zh: '退回' }, value: { action: 'test.return', item: 'i-1' } }),
            ],
          }),
        ),
    },
  ],
  actions: {
    'test.submit': defineAction({
      value: z.object({ item: z.string().regex(/^i-\d+$/) }),
      form: z.object({ note: z.string().min(2), grade: z.enum(['excellent', 'good']) }),
      formError: { type: 'warning', content: '说明至少两个字，并选择等次' },
      run: async (ctx) => {
        await effects(ctx).insertOne({ _id: `submit:${ctx.value.item}`, what: ctx.formValue });
        return { toast: { type: 'success', content: '已提交' } };
      },
    }),
    'test.return': defineAction({
      value: z.object({ item: z.string() }),
      run: async (ctx) => {
        await awaitReply(ctx, {
          chatId: ctx.chatId!,
          openId: ctx.operatorOpenId,
          topic: 'test.reason',
          data: { item: ctx.value.item },
        });
        return { toast: { type: 'info', content: '请直接回复退回理由' } };
      },
    }),
  },
  replies: {
    'test.reason': async (ctx) => {
      if (ctx.text.length < 4) {
        await ctx.reply(card({ title: { zh: '理由太短' }, template: 'orange', elements: [] }));
        return 'keep';
      }
      await effects(ctx).insertOne({ _id: `reason:${String(ctx.data.item)}`, what: ctx.text });
      await ctx.reply(
        card({ title: { zh: '已退回' }, template: 'green', elements: [markdown({ zh: ctx.text })] }),
      );
    },
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ modules: [testModule] });
  h.emulator.addUser({ open_id: member, name: '李秀英' });
  h.emulator.addUser({ open_id: secretary, name: '王建国' });
});
afterAll(() => h.close());

describe('typed card payloads', () => {
  it('a form filled in the card the bot sent reaches the handler typed, with the options’ values', async () => {
    const form = await say(h, member, '表单测试');
    expect(h.emulator.buttonsOf(form.message_id)).toEqual(['提交', '退回']);
    const answer = await press(h, form, member, {
      button: '提交',
      form: { note: '按时完成', grade: '良好' },
    });
    expect(answer.toast).toMatchObject({ type: 'success', content: '已提交' });
    expect(await effects(h).findOne({ _id: 'submit:i-1' })).toMatchObject({
      what: { note: '按时完成', grade: 'good' },
    });
  });

  it('a form that does not match gets the action’s own toast and writes nothing', async () => {
    const form = await say(h, secretary, '表单测试');
    await effects(h).deleteMany({});
    const answer = await press(h, form, secretary, { button: '提交', form: { note: '好' } });
    expect(answer.toast).toMatchObject({ type: 'warning', content: '说明至少两个字，并选择等次' });
    expect(await effects(h).countDocuments()).toBe(0);
  });

  it('a tampered button value is refused with a toast and writes nothing', async () => {
    const form = await say(h, member, '表单测试');
    const answer = await h.emulator.clickButton({
      message_id: form.message_id,
      operator_open_id: member,
      value: { action: 'test.submit', item: 42 },
      form_value: { note: '按时完成', grade: 'good' },
    });
    expect((answer.body as { toast: { content: string } }).toast.content).toBe(
      '这个按钮已失效，请重新打开最新的卡片',
    );
    expect(await effects(h).countDocuments({ _id: { $ne: 'submit:i-1' } })).toBe(0);
  });

  it('the emulator refuses to submit what a person could not: a missing required field, an unknown one', async () => {
    const form = await say(h, member, '表单测试');
    await expect(press(h, form, member, { button: '提交', form: { grade: '优秀' } })).rejects.toThrow(
      'required field note is empty',
    );
    await expect(press(h, form, member, { button: '提交', form: { notes: 'x' } })).rejects.toThrow(
      'the form has no field notes',
    );
    await expect(press(h, form, member, { button: '通过' })).rejects.toThrow('no button 「通过」');
  });
});

describe('free text claimed by the module that asked', () => {
  it('the next message after 退回 is the reason, not a command; a short one is asked again', async () => {
    const form = await say(h, secretary, '表单测试');
    expect((await press(h, form, secretary, { button: '退回' })).toast?.content).toBe('请直接回复退回理由');
    expect(cardText(await say(h, secretary, '短'))).toContain('理由太短');
    // "台账" is a regime word, but a sentence that starts with it is the answer.
    const done = await say(h, secretary, '台账记录不完整，请补充三月材料');
    expect(cardText(done)).toContain('已退回');
    expect(await effects(h).findOne({ _id: 'reason:i-1' })).toMatchObject({
      what: '台账记录不完整，请补充三月材料',
    });
    // The question is answered: the next text is an ordinary message again.
    expect(cardText(await say(h, secretary, '好的谢谢'))).toContain('没有听懂');
  });

  it('a bare command word still works while a question is open, and 取消 closes it', async () => {
    const form = await say(h, member, '表单测试');
    await press(h, form, member, { button: '退回' });
    expect(cardText(await say(h, member, '帮助'))).toContain('使用帮助');
    expect(cardText(await say(h, member, '取消'))).toContain('已取消');
    expect(cardText(await say(h, member, '随便说一句话'))).toContain('没有听懂');
    expect(cardText(lastCard(h, { to: member }))).toContain('没有听懂');
  });
});

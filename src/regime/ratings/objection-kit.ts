/**
 * What every 公示 with objections (the monthly rating, the year-end assessment) says and asks the same way:
 * the reason form, the answer to 我有异议, and the answer while an objection waits for the secretary.
 */
import { z } from 'zod';
import type { CardReply, Toast } from '../../bot/module.js';

/** The objection form's one field, and what a person is told when it is too short. */
export const objectionForm = {
  form: z.object({ reason: z.string().trim().min(4).max(500) }),
  formError: { type: 'warning', content: '请写明异议理由（至少四个字）' } satisfies Toast,
};

/** The answer to 我有异议: the form went (or had gone) to the person's private chat. */
export const objectionFormSent = (fresh: boolean): CardReply => ({
  toast: {
    type: 'info',
    content: fresh ? '已私信您异议表单，请在与我的私聊中填写' : '异议表单已私信给您，请在与我的私聊中填写',
  },
});

/** One open objection at a time: a second waits for the secretary's answer to the first. */
export const objectionPending: CardReply = {
  toast: { type: 'info', content: '您的异议已提交，正等待支部书记答复' },
};

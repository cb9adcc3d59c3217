/**
 * 征求意见: suggestions for the branch book, from `建议 …` in the branch group or the evaluators' group (or in
 * private chat, for one's own branch) and from the invitation card's form, until the book is submitted. The
 * secretary reads them by theme while drafting and takes one as an item with one click; its author is told.
 */
import { z } from 'zod';
import { suggestionsCard } from '../../../cards/pledge-invite.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { defineAction, type Command } from '../../bot/module.js';
import type { CardJson } from '../../lark/client.js';
import type { Connection } from 'mongoose';
import {
  findChatBinding,
  listBranchesWithRole,
  recordAudit,
  refusalReply,
  sourceOf,
  type AuditSource,
} from '../../org/index.js';
import { mayWrite, parsePledgeId } from './access.js';
import { branchInfo, nameOf, yearIn } from './branch-context.js';
import { draftCardFor, freshPledge } from './drafting.js';
import { pledgeId } from './pledge.entity.js';
import { ensurePledge, findPledge, savePledge } from './pledge.repository.js';
import { sendPrivately, STALE, toast } from './send.js';
import { addSuggestion, findSuggestion, listSuggestions, markTaken } from './suggestion.repository.js';
import { BRANCH_THEMES, guessBranchTheme, UNSORTED } from './themes.js';

const notice = (zh: string, tone: 'hint' | 'done' | 'refused' = 'hint'): CardJson =>
  noticeCard({ title: { zh: tone === 'done' ? '已收到建议' : '征求意见' }, text: { zh }, tone });

/** Stores a suggestion while the branch book for the year has not gone to review; the answer in words. */
async function collect(
  ctx: { conn: Connection; clock: { now(): Date } },
  s: {
    id: string;
    branchId: string;
    year: number;
    author: string;
    theme?: string | undefined;
    text: string;
    source: AuditSource;
  },
): Promise<{ ok: boolean; message: string }> {
  const book = await findPledge(ctx.conn, pledgeId(s.year, s.branchId, s.branchId));
  if (book && book.rounds.length > 0)
    return { ok: false, message: `${s.year}年支部承诺书已提交审核，征求意见已结束。承诺公开后欢迎监督。` };
  const authorName = await nameOf(ctx.conn, s.author);
  const theme = s.theme && BRANCH_THEMES.includes(s.theme as never) ? s.theme : guessBranchTheme(s.text);
  const at = ctx.clock.now();
  await addSuggestion(ctx.conn, {
    _id: s.id,
    branchId: s.branchId,
    year: s.year,
    author: s.author,
    authorName,
    theme,
    text: s.text,
    at,
  });
  await recordAudit(ctx.conn, {
    at,
    actor: s.author,
    action: 'pledge.suggest',
    branchId: s.branchId,
    target: { type: 'pledge_suggestion', id: s.id },
    detail: { theme },
    source: s.source,
  });
  return { ok: true, message: '谢谢！你的建议已转给支部书记，起草支部承诺书时参考；被采纳时会告诉你。' };
}

export const suggestCommand: Command = {
  name: 'pledge-suggest',
  words: ['建议', 'suggest'],
  summary: '为支部承诺书提意见建议（支部群、评议群里 @我）',
  async run(ctx) {
    const text = ctx.args.trim();
    if (!text) return ctx.reply(notice('请在「建议」后面写上你的意见建议，例如：建议 多走访联系的帮扶村。'));
    let branchId: string | undefined;
    if (ctx.chatType === 'group') {
      const b = await findChatBinding(ctx.conn, ctx.chatId);
      // A shared evaluators' group serves several branches: the suggestion would have no one branch to go to.
      if (
        b?.active &&
        (b.kind === 'branch_group' || b.kind === 'evaluators_group') &&
        b.branchIds.length === 1
      )
        branchId = b.branchIds[0];
    } else {
      branchId = (await listBranchesWithRole(ctx.conn, ctx.senderOpenId, ['member', 'secretary']))[0]?.id;
    }
    if (!branchId) return ctx.reply(notice('请在支部群或评议群里 @我 发送「建议 + 内容」。'));
    const branch = await branchInfo(ctx.conn, branchId, ctx.config.timezone);
    const r = await collect(ctx, {
      id: `m:${ctx.messageId || ctx.eventId}`,
      branchId,
      year: yearIn(ctx.clock.now(), branch.tz),
      author: ctx.senderOpenId,
      text,
      source: sourceOf(ctx),
    });
    await ctx.reply(notice(r.message, r.ok ? 'done' : 'hint'));
  },
};

async function suggestionsView(
  ctx: { conn: Connection },
  p: { _id: string; branchId: string; year: number },
  note?: string,
) {
  const all = await listSuggestions(ctx.conn, p.branchId, p.year);
  const themes = [...BRANCH_THEMES, UNSORTED].filter((t) => all.some((s) => s.theme === t));
  return suggestionsCard({
    pledgeId: p._id,
    notice: note,
    groups: themes.map((theme) => ({
      theme,
      items: all
        .filter((s) => s.theme === theme)
        .map((s) => ({ id: s._id, text: s.text, author: s.authorName, taken: !!s.takenAs })),
    })),
  });
}

export const suggestionActions = {
  suggest: defineAction({
    value: z.object({ branch: z.string().min(1), year: z.number().int() }),
    form: z.object({ theme: z.string().optional(), text: z.string().trim().min(2) }),
    formError: { type: 'warning', content: '请写下你的建议（至少两个字）' },
    run: async (ctx) => {
      const r = await collect(ctx, {
        id: `c:${ctx.eventId}`,
        branchId: ctx.value.branch,
        year: ctx.value.year,
        author: ctx.operatorOpenId,
        theme: ctx.formValue.theme,
        text: ctx.formValue.text,
        source: sourceOf(ctx),
      });
      return toast(r.ok ? 'success' : 'info', r.ok ? '已收到你的建议，谢谢！' : r.message);
    },
  }),
  suggestions: defineAction({
    value: z.object({ p: z.string().min(1) }),
    run: async (ctx) => {
      const k = parsePledgeId(ctx.value.p);
      if (!k || k.kind !== 'branch') return STALE;
      const auth = await mayWrite(ctx.conn, ctx.operatorOpenId, k);
      if (!auth.ok) return refusalReply(auth);
      return { card: await suggestionsView(ctx, { _id: ctx.value.p, ...k }) };
    },
  }),
  take: defineAction({
    value: z.object({ p: z.string().min(1), s: z.string().min(1) }),
    run: async (ctx) => {
      const k = parsePledgeId(ctx.value.p);
      if (!k || k.kind !== 'branch') return STALE;
      const auth = await mayWrite(ctx.conn, ctx.operatorOpenId, k);
      if (!auth.ok) return refusalReply(auth);
      const s = await findSuggestion(ctx.conn, ctx.value.s);
      if (!s || s.branchId !== k.branchId) return STALE;
      const p = await ensurePledge(ctx.conn, freshPledge(k, ctx.clock.now()));
      if (p.status !== 'draft' && p.status !== 'returned')
        return toast('info', '承诺书已提交，不能再加入建议');
      let current = p;
      let item = p.items.find((i) => i.suggestionId === s._id);
      if (!item && !s.takenAs) {
        item = {
          id: `i${p.seq}`,
          theme: BRANCH_THEMES.includes(s.theme as never) ? s.theme : '',
          text: s.text,
          result: '',
          suggestionId: s._id,
        };
        const saved = await savePledge(ctx.conn, {
          ...p,
          items: [...p.items, item],
          seq: p.seq + 1,
          updatedAt: ctx.clock.now(),
        });
        if (!saved) return STALE;
        current = saved;
        await recordAudit(ctx.conn, {
          at: ctx.clock.now(),
          actor: ctx.operatorOpenId,
          action: 'pledge.suggestion.take',
          branchId: k.branchId,
          target: { type: 'pledge', id: p._id },
          detail: { suggestion: s._id, item: item.id },
          source: sourceOf(ctx),
        });
      }
      if (!item) return { ...toast('info', '这条建议已经采纳过了'), card: await suggestionsView(ctx, p) };
      await markTaken(ctx.conn, s._id, item.id, ctx.clock.now());
      await sendPrivately(
        ctx,
        `pledge:taken:${s._id}`,
        s.author,
        noticeCard({
          title: { zh: '你的建议被采纳了' },
          text: { zh: `你提的建议「${s.text}」已写入${k.year}年支部承诺书草稿，谢谢！` },
          tone: 'done',
        }),
      );
      const n = current.items.findIndex((i) => i.id === item.id) + 1;
      return {
        ...toast('success', `已加为第${n}条，请补上结果和时限`),
        card: await draftCardFor(ctx, current, item.id, `已采纳建议，加为第${n}条`),
      };
    },
  }),
};

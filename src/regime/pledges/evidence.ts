/**
 * Evidence after 销号: the owner may send the bot an image or a file in private chat (a photo of the
 * activity, the report itself). Ticking off opens the question (awaitReply, topic `pledge.evidence`); each
 * image or file sent while it is open is kept on the ledger line, audited, and acknowledged; text closes
 * it and is read as usual (a command).
 */
import { noticeCard } from '../../../cards/org-notice.js';
import { awaitReply } from '../../bot/conversations.js';
import type { ActionContext, ReplyHandler } from '../../bot/module.js';
import { recordAudit } from '../../org/index.js';
import { addEvidenceFile, findLine } from './ledger.repository.js';

export const EVIDENCE_TOPIC = 'pledge.evidence';

/** After a tick in private chat: the next images or files the owner sends are its evidence (for 2 hours). */
export async function askForEvidence(ctx: ActionContext<unknown, unknown>, lineId: string): Promise<void> {
  if (!ctx.chatId) return;
  await awaitReply(ctx, {
    chatId: ctx.chatId,
    openId: ctx.operatorOpenId,
    topic: EVIDENCE_TOPIC,
    data: { line: lineId },
    ttlMs: 2 * 3600_000,
  });
}

export const evidenceReply: ReplyHandler = async (ctx) => {
  const lineId = String(ctx.data.line ?? '');
  const a = ctx.attachment;
  // Words, not a file: the person has moved on; the question closes and the text is read as usual.
  if (!a) return 'pass';
  const line = await findLine(ctx.conn, lineId);
  if (!line || line.ownerId !== ctx.senderOpenId || !line.fulfilled) {
    await ctx.reply(
      noticeCard({
        title: { zh: '无法附上佐证' },
        text: { zh: '这条承诺已不在待佐证状态。' },
        tone: 'refused',
      }),
    );
    return;
  }
  // Re-delivery of the same message: the key is already there, nothing to add.
  const now = ctx.clock.now();
  const file = { kind: a.kind, key: a.key, ...(a.name ? { name: a.name } : {}), at: now };
  if (await addEvidenceFile(ctx.conn, lineId, file)) {
    await recordAudit(ctx.conn, {
      at: now,
      actor: ctx.senderOpenId,
      action: 'pledge.line.evidence',
      branchId: line.branchId,
      target: { type: 'pledge_line', id: line._id },
      detail: { kind: a.kind, key: a.key, ...(a.name ? { name: a.name } : {}) },
      source: { via: 'command', eventId: ctx.eventId, messageId: ctx.messageId, chatId: ctx.chatId },
    });
  }
  const n = ((await findLine(ctx.conn, lineId))?.evidenceFiles ?? []).length;
  await ctx.reply(
    noticeCard({
      title: { zh: '已附上佐证' },
      text: { zh: `「${line.text}」已有 ${n} 份图片或文件佐证。还可以继续发送；发送文字即结束。` },
      tone: 'done',
    }),
  );
  return 'keep';
};

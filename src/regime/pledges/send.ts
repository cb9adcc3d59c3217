/** Sending pledge cards through the outbox, under keys that make a repeat harmless. */
import type { DisclosureTag } from '../../bot/disclosures.js';
import type { CardJson } from '../../lark/client.js';
import type { HandlerContext } from '../../bot/module.js';
import type { CardReply, Toast } from '../../bot/module.js';

type Ctx = Pick<HandlerContext, 'outbox'>;

export function sendPrivately(ctx: Ctx, key: string, openId: string, card: CardJson): Promise<boolean> {
  return ctx.outbox.enqueue(key, { op: 'send', receiveIdType: 'open_id', receiveId: openId, card });
}

/** With `disclosure`, the message is archived as one (公开记录). */
export function sendToChat(
  ctx: Ctx,
  key: string,
  chatId: string,
  card: CardJson,
  disclosure?: DisclosureTag,
): Promise<boolean> {
  return ctx.outbox.enqueue(key, {
    op: 'send',
    receiveIdType: 'chat_id',
    receiveId: chatId,
    card,
    ...(disclosure && { disclosure }),
  });
}

export const toast = (type: Toast['type'], content: string, en?: string): CardReply => ({
  toast: { type, content, ...(en ? { en } : {}) },
});

export const STALE = toast('warning', '卡片已过期，请发送「我的承诺」重新打开', 'This card is out of date.');

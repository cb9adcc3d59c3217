/**
 * Sends "to the office channel" (or the evaluators' group, or the branch groups) of some branches: one
 * message per chat, covering the branches that share it. The outbox key is the caller's key (campaign and
 * period, never a branch) plus the chat, so a digest for three branches sharing a channel goes out once,
 * however many branch runs ask for it and however often they are retried.
 */
import type { Outbox } from '../../bot/outbox.js';
import type { CardJson } from '../../lark/client.js';
import type { HandlerContext } from '../../bot/context.js';
import type { DisclosureTag } from '../../bot/disclosures.js';
import type { ChatKind } from '../chat-bindings/chat-binding.entity.js';
import { resolveChats, type ResolvedChat } from './resolve-chats.js';

export interface SendToChatsInput {
  branchIds: readonly string[];
  purpose: ChatKind;
  /** Campaign and period, e.g. `disclosure.monthly:2026-11`; the chat id is appended. */
  key: string;
  /** The message for one chat, covering the branches it serves. */
  card(chat: ResolvedChat): CardJson | Promise<CardJson>;
  /** When the message discloses something: archived (公开记录) for each chat, covering its branches. */
  disclosure?: (chat: ResolvedChat) => DisclosureTag;
}

export interface SentToChat extends ResolvedChat {
  /** False when a message under this key had been queued before (nothing sent again). */
  queued: boolean;
}

export async function sendToChats(
  ctx: Pick<HandlerContext, 'conn'> & { outbox: Pick<Outbox, 'enqueue'> },
  i: SendToChatsInput,
): Promise<SentToChat[]> {
  const out: SentToChat[] = [];
  for (const chat of await resolveChats(ctx.conn, i.branchIds, i.purpose)) {
    const queued = await ctx.outbox.enqueue(`${i.key}:${chat.chatId}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chat.chatId,
      card: await i.card(chat),
      ...(i.disclosure && { disclosure: i.disclosure(chat) }),
    });
    out.push({ ...chat, queued });
  }
  return out;
}

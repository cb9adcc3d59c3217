/** Sending, replying to, updating and buzzing messages (protocol reference §5). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validateCard } from './card-validation.js';
import type { EmulatorState } from './emulator-state.js';
import { newMessageId } from './ids.js';
import { LarkCode, badRequest, parseOrThrow } from './lark-error.js';
import type { EmulatedChat, RecordedMessage } from './types.js';

/** Lark's idempotency window for `uuid`. */
const UUID_WINDOW_MS = 60 * 60 * 1000;
/** Cards stay updatable for 14 days. */
const PATCH_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

const receiveIdType = z.enum(['open_id', 'user_id', 'union_id', 'email', 'chat_id']);
const sendFields = { msg_type: z.string().min(1), content: z.string(), uuid: z.string().max(50).optional() };
const createBody = z.object({ receive_id: z.string().min(1), ...sendFields });
const replyBody = z.object({ ...sendFields, reply_in_thread: z.boolean().optional() });
const patchBody = z.object({ content: z.string() });
const urgentBody = z.object({ user_id_list: z.array(z.string()).min(1) });
const messagePath = z.object({ message_id: z.string() });

export function registerMessageRoutes(app: FastifyInstance, state: EmulatorState): void {
  const send = (
    chat: Required<EmulatedChat>,
    b: z.infer<typeof replyBody>,
    target: { receive_id: string; receive_id_type: string; reply_to?: string },
  ) => {
    state.limits.checkSend(chat.chat_id);
    const content = parseContent(state, b.msg_type, b.content);
    const dup = b.uuid === undefined ? undefined : state.uuids.get(b.uuid);
    // The same uuid within the window yields the original message and no new one, as at Lark.
    if (dup && state.now() - dup.created_at < UUID_WINDOW_MS) return ok(view(state, dup));
    const m: RecordedMessage = {
      message_id: newMessageId(),
      chat_id: chat.chat_id,
      ...target,
      msg_type: b.msg_type,
      content,
      ...(b.uuid !== undefined && { uuid: b.uuid }),
      sender: 'bot',
      created_at: state.now(),
      updates: [],
    };
    if (b.uuid !== undefined) state.uuids.set(b.uuid, m);
    state.record(m);
    return ok(view(state, m));
  };

  app.post('/open-apis/im/v1/messages', async (req) => {
    const q = parseOrThrow(z.object({ receive_id_type: receiveIdType }), req.query, 'query');
    const b = parseOrThrow(createBody, req.body, 'body');
    const chat = resolveTarget(state, b.receive_id, q.receive_id_type);
    return send(chat, b, { receive_id: b.receive_id, receive_id_type: q.receive_id_type });
  });

  app.post('/open-apis/im/v1/messages/:message_id/reply', async (req) => {
    const { message_id } = parseOrThrow(messagePath, req.params, 'path');
    const b = parseOrThrow(replyBody, req.body, 'body');
    const parent = existing(state, message_id);
    const chat = state.chats.get(parent.chat_id)!;
    return send(chat, b, {
      receive_id: chat.chat_id,
      receive_id_type: 'chat_id',
      reply_to: parent.message_id,
    });
  });

  app.patch('/open-apis/im/v1/messages/:message_id', async (req) => {
    const { message_id } = parseOrThrow(messagePath, req.params, 'path');
    const b = parseOrThrow(patchBody, req.body, 'body');
    const m = ownCard(state, message_id);
    if (state.now() - m.created_at > PATCH_WINDOW_MS) {
      throw badRequest(
        LarkCode.imInvalidParam,
        'the card is older than 14 days and can no longer be updated',
      );
    }
    state.limits.checkMessageUpdate(message_id);
    const before = state.currentContent(m);
    const oldProblems = validateCard(before, { requireUpdateMulti: true });
    if (oldProblems.length) {
      throw badRequest(
        LarkCode.invalidCard,
        `the card being updated is not updatable: ${oldProblems.join('; ')}`,
      );
    }
    const card = parseJson(b.content);
    checkCard(card, true);
    if (
      (before as { schema?: unknown }).schema === '2.0' &&
      (card as { schema?: unknown }).schema !== '2.0'
    ) {
      throw badRequest(LarkCode.invalidCard, 'a card JSON 2.0 cannot be replaced by a 1.0 card');
    }
    state.addUpdate(message_id, 'patch', card);
    return ok({});
  });

  app.patch('/open-apis/im/v1/messages/:message_id/urgent_app', async (req) => {
    const { message_id } = parseOrThrow(messagePath, req.params, 'path');
    parseOrThrow(z.object({ user_id_type: z.literal('open_id') }), req.query, 'query');
    const b = parseOrThrow(urgentBody, req.body, 'body');
    const m = existing(state, message_id);
    if (m.sender !== 'bot') throw badRequest(LarkCode.botNotSender, 'Bot is NOT the sender of the message.');
    state.urgents.push({ message_id, user_ids: b.user_id_list, at: state.now() });
    return ok({ invalid_user_id_list: b.user_id_list.filter((id) => !state.users.has(id)) });
  });
}

const ok = (data: unknown) => ({ code: 0, msg: 'success', data });

function resolveTarget(state: EmulatorState, id: string, idType: string): Required<EmulatedChat> {
  if (idType === 'chat_id') {
    const chat = state.chats.get(id);
    if (!chat)
      throw badRequest(LarkCode.botNotInChat, `The bot can not be outside the group (unknown chat ${id}).`);
    return chat;
  }
  const user = state.findUser(id, idType);
  // A user who has messaged the bot is reachable even if the test never described them.
  if (!user && !(idType === 'open_id' && state.hasP2pChat(id))) {
    throw badRequest(
      LarkCode.userUnavailable,
      `user ${idType}=${id} is unknown or outside the bot's availability`,
    );
  }
  return state.p2pChatWith(user?.open_id ?? id);
}

function existing(state: EmulatorState, messageId: string): RecordedMessage {
  const m = state.message(messageId);
  if (!m) throw badRequest(LarkCode.imInvalidParam, `message ${messageId} does not exist`);
  return m;
}

function ownCard(state: EmulatorState, messageId: string): RecordedMessage {
  const m = existing(state, messageId);
  if (m.sender !== 'bot') throw badRequest(LarkCode.botNotSender, 'Bot is NOT the sender of the message.');
  if (m.msg_type !== 'interactive') {
    throw badRequest(
      LarkCode.imInvalidParam,
      `message ${messageId} is ${m.msg_type}, only cards can be updated`,
    );
  }
  return m;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    throw badRequest(LarkCode.imInvalidParam, 'content is not a valid JSON string');
  }
}

function checkCard(card: unknown, requireUpdateMulti: boolean): void {
  const problems = validateCard(card, { requireUpdateMulti });
  if (problems.length) throw badRequest(LarkCode.invalidCard, `invalid card: ${problems.join('; ')}`);
}

function parseContent(state: EmulatorState, msgType: string, raw: string): unknown {
  const content = parseJson(raw);
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw badRequest(LarkCode.imInvalidParam, 'content must be a JSON object');
  }
  const c = content as Record<string, unknown>;
  if (msgType === 'text' && typeof c['text'] !== 'string') {
    throw badRequest(LarkCode.imInvalidParam, 'text content needs a "text" string');
  }
  // Template and card-entity references are resolved by Lark from stored cards; nothing to check here.
  if (msgType === 'interactive' && c['type'] !== 'template' && c['type'] !== 'card') checkCard(c, false);
  if (msgType === 'file' && !state.files.some((f) => f.file_key === c['file_key'])) {
    throw badRequest(LarkCode.imInvalidParam, `file_key ${String(c['file_key'])} was not uploaded`);
  }
  return content;
}

/** The message object of Lark's answer (im.v1 message). */
function view(state: EmulatorState, m: RecordedMessage): Record<string, unknown> {
  const content = state.currentContent(m);
  return {
    message_id: m.message_id,
    ...(m.reply_to !== undefined && { root_id: m.reply_to, parent_id: m.reply_to }),
    msg_type: m.msg_type,
    create_time: String(m.created_at),
    update_time: String(m.updates.at(-1)?.at ?? m.created_at),
    deleted: false,
    updated: m.updates.length > 0,
    chat_id: m.chat_id,
    sender: { id: state.opts.appId, id_type: 'app_id', sender_type: 'app', tenant_key: state.opts.tenantKey },
    body: { content: JSON.stringify(content) },
  };
}

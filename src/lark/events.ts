/**
 * What Lark sends, as zod schemas: the v2.0 envelope, card callbacks (new and legacy), and the event bodies
 * the bot handles. The rule: check only what the bot uses, and let everything else through. Lark's payloads
 * are looser than documented — a field may be null, missing or of another type (`user_id` without that
 * scope, external users and other bots without ids, mentions without ids, numbers as strings) — so fields
 * the bot reads but can do without are `lenient` (a bad value reads as absent), and fields it does not read
 * are not declared at all (every object is loose).
 * https://open.feishu.cn/document/ukTMukTMukTM/uUTNz4SN1MjL1UzM
 */
import { z } from 'zod';

/** Optional, and a null or a value of another type reads as absent rather than failing the whole event. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
/** A string the bot reads; a number (Lark sometimes sends numbers as strings and vice versa) becomes one. */
const text = z.union([z.string(), z.number()]).transform(String);

const userId = z.looseObject({
  open_id: z.string().min(1),
  union_id: lenient(z.string()),
  user_id: lenient(z.string()),
});
/** An id object where even open_id may be missing (external users, other bots). */
const maybeUserId = z.looseObject({ open_id: lenient(z.string().min(1)) });

export const envelopeSchema = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1).max(128),
    event_type: z.string().min(1),
    create_time: lenient(text),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: lenient(z.string()),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string().optional(),
});

/** A button's value is our own object; anything else (a 1.0 card's string value) names no handler. */
const actionValue = z.record(z.string(), z.unknown()).catch({});
const formValue = lenient(z.record(z.string(), z.union([z.string(), z.array(z.string())])));

export const cardActionSchema = z.looseObject({
  operator: z.looseObject({
    open_id: z.string().min(1),
    union_id: lenient(z.string()),
    user_id: lenient(z.string()),
  }),
  token: lenient(z.string()),
  action: z.looseObject({
    value: actionValue,
    tag: lenient(z.string()),
    name: lenient(z.string()),
    option: lenient(text),
    options: lenient(z.array(text)),
    input_value: lenient(text),
    checked: lenient(z.boolean()),
    form_value: formValue,
  }),
  context: lenient(
    z.looseObject({ open_message_id: lenient(z.string()), open_chat_id: lenient(z.string()) }),
  ),
});
export type CardActionEvent = z.infer<typeof cardActionSchema>;

/** The old message-card callback (card.action.trigger_v1), a flat body posted to /lark/cards. */
export const legacyCardActionSchema = z.looseObject({
  open_id: z.string().min(1),
  user_id: lenient(z.string()),
  open_message_id: z.string().min(1),
  open_chat_id: lenient(z.string()),
  tenant_key: lenient(z.string()),
  token: lenient(z.string()),
  action: z.looseObject({
    value: actionValue,
    tag: lenient(z.string()),
    option: lenient(text),
    form_value: formValue,
  }),
});

/** Converts a legacy callback into the 2.0 event shape, so one code path handles both. */
export function fromLegacyCardAction(body: z.infer<typeof legacyCardActionSchema>): CardActionEvent {
  return {
    operator: { open_id: body.open_id, user_id: body.user_id },
    token: body.token,
    action: body.action,
    context: { open_message_id: body.open_message_id, open_chat_id: body.open_chat_id },
  };
}

/** A mention: `key` is the placeholder in the text (`@_user_1`, `@_all`); its id may be missing. */
const mention = z.looseObject({
  key: z.string(),
  id: maybeUserId.catch({}),
  name: lenient(z.string()),
});

export const messageReceiveSchema = z.looseObject({
  // External users and other bots may come without ids; the reply goes to the message, not the person.
  sender: z
    .looseObject({ sender_id: maybeUserId.catch({}), sender_type: lenient(z.string()) })
    .catch({ sender_id: {} }),
  message: z.looseObject({
    message_id: z.string().min(1),
    root_id: lenient(z.string()),
    parent_id: lenient(z.string()),
    thread_id: lenient(z.string()),
    chat_id: z.string().min(1),
    chat_type: lenient(z.string()),
    message_type: lenient(z.string()),
    // Not every message type carries text; a missing or odd content reads as no text.
    content: z.string().catch(''),
    mentions: lenient(z.array(z.unknown()).transform(keepValid(mention))),
  }),
});
export type MessageReceiveEvent = z.infer<typeof messageReceiveSchema>;

export const botChatMembershipSchema = z.looseObject({
  chat_id: z.string().min(1),
  operator_id: lenient(maybeUserId),
  name: lenient(z.string()),
  external: lenient(z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])),
});
export type BotChatMembershipEvent = z.infer<typeof botChatMembershipSchema>;

/** A click on the bot's custom menu (configured to push an event): `event_key` names what to do. */
export const botMenuSchema = z.looseObject({
  operator: z.looseObject({ operator_id: userId, operator_name: lenient(z.string()) }),
  event_key: z.string().min(1).max(64),
});
export type BotMenuEvent = z.infer<typeof botMenuSchema>;

/** Keeps the elements of a list that match, dropping odd ones (one bad mention must not sink the message). */
function keepValid<T extends z.ZodType>(schema: T) {
  return (items: unknown[]): Array<z.infer<T>> =>
    items.flatMap((item) => {
      const r = schema.safeParse(item);
      return r.success ? [r.data] : [];
    });
}

/**
 * Every event type a module may register for, with its body schema. Registering for a type not listed here
 * fails at start-up; a delivered type no module handles is acknowledged and ignored.
 */
export const EVENT_SCHEMAS = {
  'im.message.receive_v1': messageReceiveSchema,
  'im.chat.member.bot.added_v1': botChatMembershipSchema,
  'im.chat.member.bot.deleted_v1': botChatMembershipSchema,
  'application.bot.menu_v6': botMenuSchema,
} as const;

export type KnownEventType = keyof typeof EVENT_SCHEMAS;
export type EventBody<K extends KnownEventType> = z.infer<(typeof EVENT_SCHEMAS)[K]>;

export const CARD_ACTION_EVENT = 'card.action.trigger';

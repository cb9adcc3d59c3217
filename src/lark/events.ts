/**
 * What Lark sends, as zod schemas: the v2.0 envelope, card callbacks (new and legacy), and the event bodies
 * the bot handles. Unknown fields pass through (Lark adds fields without notice); missing required ones fail.
 * https://open.feishu.cn/document/ukTMukTMukTM/uUTNz4SN1MjL1UzM
 */
import { z } from 'zod';

const userId = z.looseObject({
  open_id: z.string().min(1),
  union_id: z.string().optional(),
  user_id: z.string().optional(),
});

export const envelopeSchema = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1).max(128),
    event_type: z.string().min(1),
    create_time: z.string().optional(),
    token: z.string().optional(),
    app_id: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  event: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const urlVerificationSchema = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().min(1).max(512),
  token: z.string().optional(),
});

export const cardActionSchema = z.looseObject({
  operator: z.looseObject({
    open_id: z.string().min(1),
    union_id: z.string().optional(),
    user_id: z.string().optional(),
  }),
  token: z.string().optional(),
  action: z.looseObject({
    value: z.record(z.string(), z.unknown()).default({}),
    tag: z.string().optional(),
    name: z.string().optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    input_value: z.string().optional(),
    checked: z.boolean().optional(),
    form_value: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  }),
  context: z
    .looseObject({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() })
    .optional(),
});
export type CardActionEvent = z.infer<typeof cardActionSchema>;

/** The old message-card callback (card.action.trigger_v1), a flat body posted to /lark/cards. */
export const legacyCardActionSchema = z.looseObject({
  open_id: z.string().min(1),
  user_id: z.string().optional(),
  open_message_id: z.string().min(1),
  open_chat_id: z.string().optional(),
  tenant_key: z.string().optional(),
  token: z.string().optional(),
  action: z.looseObject({
    value: z.record(z.string(), z.unknown()).default({}),
    tag: z.string().optional(),
    option: z.string().optional(),
    form_value: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
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

export const messageReceiveSchema = z.looseObject({
  sender: z.looseObject({
    sender_id: userId,
    sender_type: z.string().optional(),
    tenant_key: z.string().optional(),
  }),
  message: z.looseObject({
    message_id: z.string().min(1),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(
        z.looseObject({
          key: z.string(),
          id: z.looseObject({ open_id: z.string().optional() }),
          name: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type MessageReceiveEvent = z.infer<typeof messageReceiveSchema>;

export const botChatMembershipSchema = z.looseObject({
  chat_id: z.string().min(1),
  operator_id: userId.partial().optional(),
  name: z.string().optional(),
  external: z.boolean().optional(),
});
export type BotChatMembershipEvent = z.infer<typeof botChatMembershipSchema>;

/** A click on the bot's custom menu (configured to push an event): `event_key` names what to do. */
export const botMenuSchema = z.looseObject({
  operator: z.looseObject({ operator_id: userId, operator_name: z.string().optional() }),
  event_key: z.string().min(1).max(64),
  timestamp: z.union([z.string(), z.number()]).optional(),
});
export type BotMenuEvent = z.infer<typeof botMenuSchema>;

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

/**
 * Event bodies for what a Lark user does — write a message, click a card button — shaped exactly as Lark
 * delivers them (protocol reference §2, §3), without any transport concerns.
 */
import type { EmulatorState } from './emulator-state.js';

export interface TextMessageInput {
  chat_id: string;
  chat_type: 'p2p' | 'group';
  sender_open_id: string;
  text: string;
  mentionBot?: boolean;
  message_id: string;
}

/** The key Lark substitutes into the text for the first mention. */
const BOT_MENTION_KEY = '@_user_1';

export function textMessageEvent(state: EmulatorState, m: TextMessageInput): Record<string, unknown> {
  const { opts } = state;
  const sender = state.userView(m.sender_open_id);
  const text = m.mentionBot ? `${BOT_MENTION_KEY} ${m.text}` : m.text;
  const mentions = m.mentionBot
    ? [
        {
          key: BOT_MENTION_KEY,
          // Whether Lark fills user_id for bots is unconfirmed (§7), so it is left out.
          id: { open_id: opts.botOpenId, union_id: state.userView(opts.botOpenId).union_id },
          name: opts.botName,
          tenant_key: opts.tenantKey,
        },
      ]
    : undefined;
  return {
    sender: {
      sender_id: { open_id: sender.open_id, union_id: sender.union_id, user_id: sender.user_id },
      sender_type: 'user',
      tenant_key: opts.tenantKey,
    },
    message: {
      message_id: m.message_id,
      create_time: String(state.now()),
      update_time: String(state.now()),
      chat_id: m.chat_id,
      chat_type: m.chat_type,
      message_type: 'text',
      content: JSON.stringify({ text }),
      ...(mentions && { mentions }),
    },
  };
}

export interface ButtonClickInput {
  message_id: string;
  chat_id: string;
  operator_open_id: string;
  token: string;
  value: Record<string, unknown>;
  form_value?: Record<string, string | string[]>;
  input_value?: string;
  tag?: string;
  /** The button's `name`, which Lark echoes in action.name. */
  name?: string;
}

export function cardActionEvent(state: EmulatorState, c: ButtonClickInput): Record<string, unknown> {
  const op = state.userView(c.operator_open_id);
  return {
    operator: {
      open_id: op.open_id,
      union_id: op.union_id,
      user_id: op.user_id,
      tenant_key: state.opts.tenantKey,
    },
    token: c.token,
    action: {
      value: c.value,
      tag: c.tag ?? 'button',
      ...(c.name !== undefined && { name: c.name }),
      ...(c.form_value !== undefined && { form_value: c.form_value }),
      ...(c.input_value !== undefined && { input_value: c.input_value }),
    },
    host: 'im_message',
    context: { open_message_id: c.message_id, open_chat_id: c.chat_id },
  };
}

/** The flat body of the legacy card.action.trigger_v1 callback. */
export function legacyCardAction(
  state: EmulatorState,
  c: {
    message_id: string;
    chat_id: string;
    operator_open_id: string;
    token: string;
    value: Record<string, unknown>;
  },
): Record<string, unknown> {
  const op = state.userView(c.operator_open_id);
  return {
    open_id: op.open_id,
    user_id: op.user_id,
    open_message_id: c.message_id,
    open_chat_id: c.chat_id,
    tenant_key: state.opts.tenantKey,
    token: c.token,
    action: { value: c.value, tag: 'button' },
  };
}

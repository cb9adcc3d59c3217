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
  /** true or 'start': "@bot text"; 'middle': the text's first word, then "@bot", then the rest. */
  mentionBot?: boolean | 'start' | 'middle';
  message_id: string;
}

/** Who a mention names: the bot, everyone (@所有人), or a person by open_id. */
export type MentionTarget = 'bot' | 'all' | { open_id: string };

/** Any message a person sends: Lark's message_type with its content object, mentions, thread fields. */
export interface MessageInput {
  chat_id: string;
  chat_type: 'p2p' | 'group';
  sender_open_id: string;
  message_type: string;
  /** The content object (sent as a JSON string, as Lark does); mention placeholders are written by you. */
  content: Record<string, unknown>;
  /** In placeholder order: the first is `@_user_1` (or `@_all` for everyone). */
  mentions?: readonly MentionTarget[];
  root_id?: string;
  parent_id?: string;
  thread_id?: string;
  message_id: string;
}

/** The key Lark substitutes into the text for the first mention. */
const BOT_MENTION_KEY = '@_user_1';

export function textMessageEvent(state: EmulatorState, m: TextMessageInput): Record<string, unknown> {
  let text = m.text;
  if (m.mentionBot === 'middle') {
    const [first = '', ...rest] = m.text.split(' ');
    text = `${first} ${BOT_MENTION_KEY} ${rest.join(' ')}`.trim();
  } else if (m.mentionBot) text = `${BOT_MENTION_KEY} ${m.text}`;
  return messageEvent(state, {
    ...m,
    message_type: 'text',
    content: { text },
    ...(m.mentionBot ? { mentions: ['bot' as const] } : {}),
  });
}

export function messageEvent(state: EmulatorState, m: MessageInput): Record<string, unknown> {
  const { opts } = state;
  const sender = state.userView(m.sender_open_id);
  let n = 0;
  const mentions = m.mentions?.map((target) => {
    if (target === 'all') {
      // @所有人 names nobody in particular: Lark sends it with empty ids.
      return {
        key: '@_all',
        id: { open_id: '', union_id: '', user_id: '' },
        name: '所有人',
        tenant_key: opts.tenantKey,
      };
    }
    const key = `@_user_${++n}`;
    const openId = target === 'bot' ? opts.botOpenId : target.open_id;
    const view = state.userView(openId);
    return {
      key,
      // Whether Lark fills user_id for bots is unconfirmed (§7), so it is left out for the bot.
      id:
        target === 'bot'
          ? { open_id: openId, union_id: view.union_id }
          : { open_id: openId, union_id: view.union_id, user_id: view.user_id },
      name: target === 'bot' ? opts.botName : (state.users.get(openId)?.name ?? openId),
      tenant_key: opts.tenantKey,
    };
  });
  return {
    sender: {
      sender_id: { open_id: sender.open_id, union_id: sender.union_id, user_id: sender.user_id },
      sender_type: 'user',
      tenant_key: opts.tenantKey,
    },
    message: {
      message_id: m.message_id,
      ...(m.root_id !== undefined && { root_id: m.root_id }),
      ...(m.parent_id !== undefined && { parent_id: m.parent_id }),
      ...(m.thread_id !== undefined && { thread_id: m.thread_id }),
      create_time: String(state.now()),
      update_time: String(state.now()),
      chat_id: m.chat_id,
      chat_type: m.chat_type,
      message_type: m.message_type,
      content: JSON.stringify(m.content),
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

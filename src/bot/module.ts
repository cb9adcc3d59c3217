/**
 * The bot's module contract: a BotModule declares which events, card actions, chat commands and calendar
 * jobs it owns; the dispatcher hands each a typed context. The organisation, the scheduler and every regime
 * capability (pledges, monthly records, comments, surveys, disclosures) are each one BotModule.
 */
import type { JobDefinition } from '../schedule/job.js';
import type { CardJson } from '../lark/client.js';
import type { EventBody, KnownEventType, MessageReceiveEvent } from '../lark/events.js';
import type { HandlerContext } from './context.js';

export type { HandlerContext } from './context.js';

export interface EventContext<K extends KnownEventType> extends HandlerContext {
  eventType: K;
  event: EventBody<K>;
}

export interface Toast {
  type: 'info' | 'success' | 'error' | 'warning';
  content: string;
  en?: string;
}

/** The answer to a card click: a toast, a replacement card, or both. */
export interface CardReply {
  toast?: Toast;
  card?: CardJson;
}

export interface ActionContext extends HandlerContext {
  /** The `action` field of the button's callback value, which picked this handler. */
  action: string;
  value: Record<string, unknown>;
  formValue: Record<string, string | string[]>;
  inputValue: string | undefined;
  option: string | undefined;
  operatorOpenId: string;
  messageId: string | undefined;
  chatId: string | undefined;
}

/** A text command in private chat or an @-mention in a group: `帮助`, `我的承诺`, `台账` … */
export interface CommandContext extends HandlerContext {
  /** The command's name (`help`, `schedule` …), for logs and audit entries. */
  command: string;
  /** The words after the command word, trimmed. */
  args: string;
  senderOpenId: string;
  /** How the command came: a chat message, or a click on the bot's menu (then chatId and messageId are ''). */
  via: 'message' | 'menu';
  chatId: string;
  chatType: 'p2p' | 'group';
  messageId: string;
  message?: MessageReceiveEvent['message'];
  /** Answers the message with a card, once however often the event is delivered. */
  reply(card: CardJson): Promise<void>;
}

export interface Command {
  /** Stable name, e.g. `help`. */
  name: string;
  /** Words that invoke it, Chinese first; matched case-insensitively at the start of the text. */
  words: readonly string[];
  /** One line for the help card. */
  summary: string;
  run(ctx: CommandContext): Promise<void>;
}

export type EventHandler<K extends KnownEventType> = (ctx: EventContext<K>) => Promise<void>;
export type ActionHandler = (ctx: ActionContext) => Promise<CardReply>;

export interface BotModule {
  name: string;
  events?: { [K in KnownEventType]?: EventHandler<K> };
  /** Keyed by the `action` field carried in a button's callback value. */
  actions?: Record<string, ActionHandler>;
  commands?: readonly Command[];
  /** Scheduled jobs (src/schedule/default-calendar.ts names them); the scheduler runs each once per period. */
  jobs?: readonly JobDefinition[];
}

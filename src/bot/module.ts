/**
 * The bot's module contract: a BotModule declares which events, card actions, chat commands and calendar
 * jobs it owns; the dispatcher hands each a typed context. The organisation, the scheduler and every regime
 * capability (pledges, monthly records, comments, surveys, disclosures) are each one BotModule.
 */
import type { JobDefinition } from '../schedule/job.js';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
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

export interface ActionContext<
  V = Record<string, unknown>,
  F = Record<string, string | string[]>,
> extends HandlerContext {
  /** The `action` field of the button's callback value, which picked this handler. */
  action: string;
  /** The button's callback value, checked against the action's `value` schema. */
  value: V;
  /** A form's fields by name, checked against the action's `form` schema ({} for a plain button). */
  formValue: F;
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
export type ActionHandler<V = Record<string, unknown>, F = Record<string, string | string[]>> = (
  ctx: ActionContext<V, F>,
) => Promise<CardReply>;

/**
 * A card action with the shape of its payload. The dispatcher checks the button's callback value (and a
 * form's fields) against these schemas before the handler runs: a click whose payload does not match — a
 * stale card, a tampered value — gets a toast and writes nothing.
 */
export interface ActionDefinition<V = Record<string, unknown>, F = Record<string, string | string[]>> {
  /** The callback value the card carries (its `action` key included or not: both are accepted). */
  value: z.ZodType<V>;
  /** The form's fields, for a form's submit button. Omitted: the click must carry no form. */
  form?: z.ZodType<F>;
  /** What to tell the person when the form does not match (default: 请把表单填写完整后再提交). */
  formError?: Toast;
  run: ActionHandler<V, F>;
}

/** Declares a card action; the type parameters come from the schemas. */
export function defineAction<V, F = Record<string, never>>(def: {
  value: z.ZodType<V>;
  form?: z.ZodType<F>;
  formError?: Toast;
  run: ActionHandler<V, F>;
}): ActionDefinition<unknown, unknown> {
  return def as unknown as ActionDefinition<unknown, unknown>;
}

/** A person's text in a conversation a module started (see src/bot/conversations.ts). */
export interface ReplyContext extends HandlerContext {
  /** What the module stored when it asked (`awaitReply`). */
  data: Record<string, unknown>;
  /** The words of the answer ('' when the answer is an image or a file). */
  text: string;
  /** An image or file sent as the answer (evidence for a pledge item, say): Lark's key to fetch it by. */
  attachment?: { kind: 'image' | 'file'; key: string; name?: string | undefined };
  senderOpenId: string;
  chatId: string;
  messageId: string;
  /** Answers the message with a card, once however often the event is delivered. */
  reply(card: CardJson): Promise<void>;
}

/**
 * Handles the answer; returning 'keep' leaves the conversation open for another answer (a reason that was
 * too short, say); 'pass' ends it and lets the message be read as usual (a command, say: the question only
 * wanted files); anything else ends it.
 */
export type ReplyHandler = (ctx: ReplyContext) => Promise<void | 'keep' | 'pass'>;

export interface BotModule {
  name: string;
  events?: { [K in KnownEventType]?: EventHandler<K> };
  /** Keyed by the `action` field carried in a button's callback value; declare each with `defineAction`. */
  actions?: Record<string, ActionDefinition<unknown, unknown>>;
  /**
   * Free-text answers to questions the module asked (`awaitReply(ctx, { topic })`), keyed by topic. They get
   * a person's next message in that chat before the command router would answer 没有听懂.
   */
  replies?: Record<string, ReplyHandler>;
  commands?: readonly Command[];
  /** Scheduled jobs (src/schedule/default-calendar.ts names them); the scheduler runs each once per period. */
  jobs?: readonly JobDefinition[];
  /**
   * HTTP pages for people outside Lark (a one-time survey link, the public board): registered on the bot's
   * server in a scope of their own, with the tools every handler gets (`eventId` is `http:<module>`).
   */
  http?: (app: FastifyInstance, ctx: HandlerContext) => void | Promise<void>;
}

/**
 * The chat front door: a private message, an @-mention in a group, or a click on the bot's menu is matched
 * against every module's commands; a regime word whose capability is not built yet gets "即将开放"; anything
 * else gets the help card, never silence. Each message or click is answered at most once, however often Lark
 * delivers it (outbox keys `reply:<message_id>`, `menu:<event_id>`).
 */
import { comingSoonCard } from '../../../cards/coming-soon.js';
import { helpCard } from '../../../cards/help.js';
import { unsupportedMessageCard } from '../../../cards/apology.js';
import { noticeCard } from '../../../cards/org-notice.js';
import type { CardJson } from '../../lark/client.js';
import { endConversation, openConversation } from '../conversations.js';
import type {
  BotModule,
  Command,
  CommandContext,
  EventContext,
  HandlerContext,
  ReplyContext,
  ReplyHandler,
} from '../module.js';
import type { OutboundMessage } from '../outbox.js';
import { matchCommand, messageText, normalise, textAfterMention } from './parse.js';
import { PLANNED_COMMANDS } from './planned.js';

export const helpCommand = (all: () => readonly Command[]): Command => ({
  name: 'help',
  words: ['帮助', 'help', '菜单', 'menu', '?'],
  summary: '查看我能做什么',
  async run(ctx) {
    await ctx.reply(helpCard({ commands: all(), chatType: ctx.chatType }));
  },
});

type Invocation = Omit<CommandContext, keyof HandlerContext | 'command' | 'args'>;

const CANCEL_WORDS = new Set(['取消', 'cancel']);
const cancelledCard = noticeCard({
  title: { zh: '已取消', en: 'Cancelled' },
  text: { zh: '好的，这个问题先不回答了。需要时可以重新点卡片上的按钮。', en: 'OK, cancelled.' },
  tone: 'hint',
});

/** Builds the module that owns chat messages and menu clicks, over the commands of the given modules. */
export function commandRouter(modules: readonly BotModule[]): BotModule {
  const commands: Command[] = [];
  commands.push(
    helpCommand(() => commands),
    ...modules.flatMap((m) => m.commands ?? []),
  );
  const claimed = new Set(commands.flatMap((c) => c.words.map((w) => w.toLowerCase())));
  const planned = PLANNED_COMMANDS.map((p) => ({
    ...p,
    words: p.words.filter((w) => !claimed.has(w.toLowerCase())),
  }));

  const replies = new Map<string, ReplyHandler>();
  for (const m of modules) {
    for (const [topic, handler] of Object.entries(m.replies ?? {})) {
      if (replies.has(topic)) throw new Error(`reply topic ${topic} is claimed twice (again by ${m.name})`);
      replies.set(topic, handler);
    }
  }

  /**
   * Runs what the text asks for: the answer to a question a module asked, a command, a word of what is
   * coming, or the help card. A bare command word still works while a question is open; anything longer is
   * the answer ("台账有误" is a reason, not the 台账 command).
   */
  async function answer(
    ctx: HandlerContext,
    text: string,
    how: Invocation,
    attachment?: ReplyContext['attachment'],
  ): Promise<void> {
    const found = matchCommand(text, commands);
    const cctx: CommandContext = {
      ...ctx,
      ...how,
      command: found?.command.name ?? 'help',
      args: found?.args ?? '',
    };
    const open =
      how.via === 'message' && !(found && found.args === '')
        ? await openConversation(ctx, how.chatId, how.senderOpenId)
        : undefined;
    const handler = open && replies.get(open.topic);
    // An image or a file is read only as the answer to a question; otherwise say what the bot reads.
    if (attachment && !(open && handler)) return cctx.reply(unsupportedMessageCard());
    if (open && handler) {
      if (CANCEL_WORDS.has(normalise(text).toLowerCase())) {
        await endConversation(ctx.conn, open);
        return cctx.reply(cancelledCard);
      }
      ctx.log.info({ topic: open.topic }, 'reply to an open question');
      const outcome = await handler({
        ...ctx,
        data: open.data,
        text: normalise(text),
        ...(attachment ? { attachment } : {}),
        senderOpenId: how.senderOpenId,
        chatId: how.chatId,
        messageId: how.messageId,
        reply: how.reply,
      });
      if (outcome !== 'keep') await endConversation(ctx.conn, open);
      if (outcome !== 'pass') return;
    }
    if (found) {
      ctx.log.info({ command: found.command.name, via: how.via }, 'command');
      return found.command.run(cctx);
    }
    const soon = matchCommand(text, planned);
    if (soon) return cctx.reply(comingSoonCard(soon.command));
    return cctx.reply(helpCard({ commands, chatType: how.chatType, notUnderstood: text }));
  }

  return {
    name: 'commands',
    commands: commands.slice(0, 1),
    events: {
      'im.message.receive_v1': async (ctx) => {
        const { message, sender } = ctx.event;
        if (sender.sender_type && sender.sender_type !== 'user') return; // other bots: never a conversation
        const chatType = message.chat_type === 'p2p' ? 'p2p' : 'group';
        const botKey = await botMentionKey(ctx);
        // In a group only a message that names the bot is for us; @所有人 alone is an announcement to people.
        if (chatType === 'group' && !botKey) return;
        const reply = replyOnce(ctx, `reply:${message.message_id}`, {
          op: 'reply',
          messageId: message.message_id,
          chatId: message.chat_id,
          ...(chatType === 'p2p' && sender.sender_id.open_id ? { p2pWith: sender.sender_id.open_id } : {}),
        });
        const text = messageText(message.message_type, message.content);
        const attachment =
          text === undefined ? attachmentOf(message.message_type, message.content) : undefined;
        // Stickers, voice, forwarded chats (and images or files nobody asked for): say what the bot reads
        // rather than stay silent.
        if (text === undefined && !attachment) return reply(unsupportedMessageCard());
        const said = text ?? '';
        const tail = botKey ? textAfterMention(said, botKey) : undefined;
        const asked =
          tail !== undefined && !matchCommand(said, commands) && matchCommand(tail, commands) ? tail : said;
        await answer(
          ctx,
          asked,
          {
            via: 'message',
            senderOpenId: sender.sender_id.open_id ?? '',
            chatId: message.chat_id,
            chatType,
            messageId: message.message_id,
            message,
            reply,
          },
          attachment,
        );
      },
      // The bot's custom menu sends an event key: a command's name or one of its words (`help`, `日程`).
      'application.bot.menu_v6': async (ctx) => {
        const openId = ctx.event.operator.operator_id.open_id;
        const key = ctx.event.event_key;
        const byName = commands.find((c) => c.name === key);
        await answer(ctx, byName ? (byName.words[0] ?? key) : key, {
          via: 'menu',
          senderOpenId: openId,
          chatId: '',
          chatType: 'p2p',
          messageId: '',
          reply: replyOnce(ctx, `menu:${ctx.eventId}`, {
            op: 'send',
            receiveIdType: 'open_id',
            receiveId: openId,
          }),
        });
      },
    },
  };
}

/** An image's or a file's key, read from the message content Lark sends for them. */
function attachmentOf(type: string | undefined, content: string): ReplyContext['attachment'] {
  if (type !== 'image' && type !== 'file') return undefined;
  try {
    const c = JSON.parse(content) as { image_key?: unknown; file_key?: unknown; file_name?: unknown };
    const key = type === 'image' ? c.image_key : c.file_key;
    if (typeof key !== 'string' || !key) return undefined;
    return { kind: type, key, ...(typeof c.file_name === 'string' ? { name: c.file_name } : {}) };
  } catch {
    return undefined;
  }
}

/** The placeholder (`@_user_1`) under which the message mentions the bot, if it does. */
async function botMentionKey(ctx: EventContext<'im.message.receive_v1'>): Promise<string | undefined> {
  const mentions = ctx.event.message.mentions ?? [];
  if (mentions.length === 0) return undefined;
  const botId = await ctx.lark.botOpenId();
  return mentions.find((m) => m.id.open_id === botId)?.key;
}

type Addressed = DistributiveOmit<OutboundMessage, 'card'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * CommandContext.reply: one answer per message, under one outbox key. A second call is a bug in the command
 * (its second card would be dropped by the key without a word), so it throws instead.
 */
function replyOnce(ctx: HandlerContext, key: string, to: Addressed): (card: CardJson) => Promise<void> {
  let replied = false;
  return async (card) => {
    if (replied) {
      throw new Error(`reply() was called twice for ${key}: a message gets one answer; send one card`);
    }
    replied = true;
    await ctx.outbox.enqueue(key, { ...to, card } as OutboundMessage);
  };
}

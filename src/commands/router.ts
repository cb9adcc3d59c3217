/**
 * The chat front door: a private message, or an @-mention in a group, is matched against every module's
 * command words; anything not understood gets the help card, never silence. Each message is answered at
 * most once, however often Lark delivers it (outbox key `reply:<message_id>`).
 */
import { helpCard } from '../../cards/help.js';
import type { BotModule, Command, CommandContext, EventContext } from '../lark/module.js';
import { matchCommand, messageText } from './parse.js';

export const helpCommand = (all: () => readonly Command[]): Command => ({
  name: 'help',
  words: ['帮助', 'help', '菜单', 'menu', '?'],
  summary: '查看我能做什么',
  async run(ctx) {
    await ctx.reply(helpCard({ commands: all(), chatType: ctx.chatType }));
  },
});

/** Builds the module that owns `im.message.receive_v1`, over the commands of the given modules. */
export function commandRouter(modules: readonly BotModule[]): BotModule {
  const commands: Command[] = [];
  commands.push(
    helpCommand(() => commands),
    ...modules.flatMap((m) => m.commands ?? []),
  );
  return {
    name: 'commands',
    commands: commands.slice(0, 1),
    events: {
      'im.message.receive_v1': async (ctx) => {
        const { message, sender } = ctx.event;
        if (sender.sender_type && sender.sender_type !== 'user') return;
        const chatType = message.chat_type === 'p2p' ? 'p2p' : 'group';
        if (chatType === 'group' && !(await mentionsBot(ctx))) return; // a remark between people, not to us
        const text = messageText(message.message_type, message.content) ?? '';
        const found = matchCommand(text, commands);
        const cctx: CommandContext = {
          ...ctx,
          command: found?.command.name ?? 'help',
          args: found?.args ?? '',
          senderOpenId: sender.sender_id.open_id,
          chatId: message.chat_id,
          chatType,
          messageId: message.message_id,
          message,
          reply: async (card) => {
            await ctx.outbox.enqueue(`reply:${message.message_id}`, {
              op: 'reply',
              messageId: message.message_id,
              chatId: message.chat_id,
              card,
            });
          },
        };
        if (found) {
          ctx.log.info({ command: found.command.name }, 'command');
          await found.command.run(cctx);
        } else {
          await cctx.reply(helpCard({ commands, chatType, notUnderstood: text }));
        }
      },
    },
  };
}

async function mentionsBot(ctx: EventContext<'im.message.receive_v1'>): Promise<boolean> {
  const mentions = ctx.event.message.mentions ?? [];
  if (mentions.length === 0) return false;
  const botId = await ctx.lark.botOpenId();
  return mentions.some((m) => m.id.open_id === botId);
}

/**
 * The organisation as a BotModule: asks what a group is for when the bot is added, binds it, syncs a branch
 * group's members, answers 绑定 / 同步成员 / 我的身份 / 节假日, and warns admins in December while next
 * year's official holidays are unknown.
 */
import { z } from 'zod';
import { BIND_CHAT_ACTION, SYNC_MEMBERS_ACTION } from '../../cards/chat-binding.js';
import { defineAction, type BotModule } from '../bot/module.js';
import {
  bindChatAction,
  bindForm,
  onBotAdded,
  onBotRemoved,
  syncMembersAction,
  syncValue,
} from './chat/chat-handlers.js';
import { orgCommands } from './commands.js';
import { holidayCheckJob } from './holidays/holiday-check.js';
import { holidaysCommand } from './holidays/holidays-command.js';

export const orgModule: BotModule = {
  name: 'org',
  events: {
    'im.chat.member.bot.added_v1': onBotAdded,
    'im.chat.member.bot.deleted_v1': onBotRemoved,
  },
  actions: {
    [BIND_CHAT_ACTION]: defineAction({
      value: z.object({}),
      form: bindForm,
      formError: {
        type: 'warning',
        content: '请先选择支部和本群的用途',
        en: 'Choose a branch and a purpose first.',
      },
      run: bindChatAction,
    }),
    [SYNC_MEMBERS_ACTION]: defineAction({ value: syncValue, run: syncMembersAction }),
  },
  commands: [...orgCommands, holidaysCommand],
  jobs: [holidayCheckJob],
};

/** 节假日 2027 / holidays 2027: what the bot believes about a year's official holidays (admins, secretaries). */
import { holidaysCard } from '../../../cards/holidays.js';
import { noticeCard } from '../../../cards/org-notice.js';
import type { Command } from '../../bot/module.js';
import { holidayDataRange, zonedParts } from '../../schedule/calendar.js';
import { holidayYear } from '../../schedule/holidays.js';
import { refusalCard, requireRole, type Permission } from '../authorize.js';
import { refreshHolidays } from './refresh-holidays.js';

export const SEE_HOLIDAYS: Permission = {
  roles: ['admin', 'secretary'],
  to: '查看节假日安排',
  en: 'see the holiday calendar',
};

export const holidaysCommand: Command = {
  name: 'holidays',
  words: ['节假日', 'holidays'],
  summary: '查看某年的法定节假日和调休安排，如「节假日 2027」（管理员、支部书记）',
  async run(ctx) {
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, SEE_HOLIDAYS);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const arg = ctx.args.replace(/年$/, '').trim();
    const year = arg === '' ? zonedParts(ctx.clock.now(), ctx.config.timezone).year : Number(arg);
    if (!/^\d{4}$/.test(String(year)) || year < 2000 || year > 2099) {
      ctx.log.info({ args: ctx.args }, 'holidays: not a year');
      return ctx.reply(
        noticeCard({
          title: { zh: '请写年份', en: 'Which year?' },
          text: { zh: '请在「节假日」后写四位年份，如「节假日 2027」。', en: 'Say e.g. "holidays 2027".' },
          tone: 'hint',
        }),
      );
    }
    // An import may have run in another process since start-up: show what is stored now.
    await refreshHolidays(ctx.conn);
    await ctx.reply(holidaysCard({ ...holidayYear(year), packageLast: holidayDataRange().last }));
  },
};

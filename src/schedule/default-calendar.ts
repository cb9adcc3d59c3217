/**
 * The regime's default calendar (../shared/domain.md, "Default calendar"), as named job entries. Each
 * capability binds its handler to an entry with `defineJob('record.remind', run)`; each branch may move any
 * entry to another cron rule or switch it off (Branch.calendar.jobs), and set its quiet hours and time zone.
 *
 * Times are the branch's wall clock (default Asia/Shanghai). Reminders are moved off public holidays to the
 * next working day (调休 make-up days count as working days) and out of quiet hours.
 */
import type { JobDefinition } from './job.js';

export type CalendarEntry = Omit<JobDefinition, 'run'>;

const entries = [
  // 一诺: pledges are drafted, reviewed and published between January and 31 March.
  {
    name: 'pledge.open',
    step: 'pledge.draft',
    summary: '开始定诺：提醒起草支部承诺书和党员承诺卡（截止3月31日）',
    cron: '0 9 2 1 *',
    period: 'year',
    reminder: true,
    catchUpDays: 60,
  },
  {
    name: 'pledge.chase',
    step: 'pledge.draft',
    summary: '追催尚未提交或审核的承诺（3月每周一）',
    cron: '0 9 * 3 1',
    period: 'week',
    reminder: true,
  },
  // 日常记实: remind on the 25th, chase on the 28th and the 1st, close the month on the 3rd.
  {
    name: 'record.remind',
    step: 'record.remind',
    summary: '每月记实提醒：请党员公开本月记实',
    cron: '0 9 25 * *',
    period: 'month',
    reminder: true,
  },
  {
    name: 'record.chase',
    step: 'record.remind',
    summary: '追催本月尚未记实的党员',
    cron: '0 9 28 * *',
    period: 'month',
    reminder: true,
  },
  {
    name: 'record.chase-final',
    step: 'record.remind',
    summary: '月初再次追催上月尚未记实的党员',
    cron: '0 9 1 * *',
    period: 'month',
    about: 'previous',
    reminder: true,
  },
  {
    name: 'record.close',
    step: 'record.close',
    summary: '关闭上月记实（每月3日截止）',
    cron: '59 23 3 * *',
    period: 'month',
    about: 'previous',
  },
  // 上评下议: the secretary rates members on the 3rd–5th; ratings and records are disclosed after.
  {
    name: 'rating.remind',
    step: 'rating.rate',
    summary: '提醒支部书记评定上月党员（3日至5日）',
    cron: '0 9 3 * *',
    period: 'month',
    about: 'previous',
    reminder: true,
  },
  {
    name: 'disclosure.monthly',
    step: 'disclosure.monthly',
    summary: '公开上月评定结果和党员记实',
    cron: '0 9 6 * *',
    period: 'month',
    about: 'previous',
    reminder: true,
  },
  // 领导点评: 一月一提醒, 一季一点评, 半年一检查, 一年一总评.
  {
    name: 'comment.leader-remind',
    step: 'comment.remind',
    summary: '提醒领导：待点评事项和未完成的整改',
    cron: '0 9 1 * *',
    period: 'month',
    reminder: true,
  },
  {
    name: 'comment.quarterly',
    step: 'comment.quarterly',
    summary: '季度点评：请领导在季度结束后10日内点评',
    cron: '0 9 1 1,4,7,10 *',
    period: 'quarter',
    about: 'previous',
    reminder: true,
    catchUpDays: 10,
  },
  {
    name: 'briefing.quarterly',
    step: 'briefing.quarterly',
    summary: '季度践诺情况通报',
    cron: '0 9 10 1,4,7,10 *',
    period: 'quarter',
    about: 'previous',
    reminder: true,
    catchUpDays: 10,
  },
  {
    name: 'comment.half-year',
    step: 'comment.half-year',
    summary: '半年检查',
    cron: '0 9 1 6,12 *',
    period: 'half',
    reminder: true,
    catchUpDays: 14,
  },
  {
    name: 'comment.annual',
    step: 'comment.annual',
    summary: '年度总评：请领导对上一年作总体评价',
    cron: '0 9 5 1 *',
    period: 'year',
    about: 'previous',
    reminder: true,
    catchUpDays: 30,
  },
  // 群众评议: every half year, a window of about a week.
  {
    name: 'survey.open',
    step: 'survey.open',
    summary: '群众评议开始（为期约一周）',
    cron: '0 9 15 6,12 *',
    period: 'half',
    reminder: true,
    catchUpDays: 7,
  },
  {
    name: 'survey.close',
    step: 'survey.close',
    summary: '群众评议截止并汇总结果',
    cron: '0 18 22 6,12 *',
    period: 'half',
  },
  // 组织评选 around 七一.
  {
    name: 'selection.nominate',
    step: 'selection.nominate',
    summary: '七一评选：开始推荐优秀党员',
    cron: '0 9 15 6 *',
    period: 'year',
    reminder: true,
    catchUpDays: 7,
  },
  {
    name: 'selection.vote',
    step: 'selection.vote',
    summary: '七一评选：开始投票',
    cron: '0 9 24 6 *',
    period: 'year',
    reminder: true,
    catchUpDays: 5,
  },
  {
    name: 'selection.commend',
    step: 'selection.commend',
    summary: '七一表彰：公布评选结果',
    cron: '0 9 1 7 *',
    period: 'year',
    reminder: true,
    catchUpDays: 7,
  },
  // 三公开 digests in the office channel, each after what it reports on is disclosed: the month after the
  // ratings (3rd–6th), the quarter after the fulfilment briefing, the half year after the survey closes.
  {
    name: 'digest.monthly',
    step: 'disclosure.digest',
    summary: '公开频道月度摘要：记实、评定分布、承诺销号',
    cron: '0 10 7 * *',
    period: 'month',
    about: 'previous',
    reminder: true,
    catchUpDays: 10,
  },
  {
    name: 'digest.quarterly',
    step: 'disclosure.digest',
    summary: '公开频道季度摘要：践诺进度、点评公开情况',
    cron: '0 10 10 1,4,7,10 *',
    period: 'quarter',
    about: 'previous',
    reminder: true,
    catchUpDays: 10,
  },
  {
    name: 'digest.half-year',
    step: 'disclosure.digest',
    summary: '公开频道半年摘要：群众评议结果',
    cron: '0 10 6 1,7 *',
    period: 'half',
    about: 'previous',
    reminder: true,
    catchUpDays: 20,
  },
  {
    name: 'digest.annual',
    step: 'disclosure.digest',
    summary: '公开频道年度摘要：一年的一诺三评三公开',
    cron: '0 10 20 1 *',
    period: 'year',
    about: 'previous',
    reminder: true,
    catchUpDays: 30,
  },
  // Year end.
  {
    name: 'assessment.open',
    step: 'assessment.annual',
    summary: '年终考核：汇总上一年承诺、评定、记实、点评和评议',
    cron: '0 9 10 1 *',
    period: 'year',
    about: 'previous',
    reminder: true,
    catchUpDays: 30,
  },
  // While a comment window is open: chase who is behind; before and after due dates: remind of 整改事项.
  {
    name: 'comment.follow-up',
    step: 'comment.follow-up',
    summary: '点评追催与整改事项提醒（每周一）',
    cron: '0 9 * * 1',
    period: 'week',
    catchUpDays: 3,
    reminder: true,
  },
  // The calendar itself: chinese-days knows official holidays only up to the year of its release.
  {
    name: 'calendar.holiday-check',
    step: 'calendar.holidays',
    summary: '检查下一年法定节假日安排是否已收录，未收录时提醒管理员（12月每周一）',
    cron: '0 9 * 12 1',
    period: 'week',
    reminder: true,
  },
] as const satisfies readonly CalendarEntry[];

export type CalendarJobName = (typeof entries)[number]['name'];

export const DEFAULT_CALENDAR: readonly CalendarEntry[] = entries;

/** The calendar entry of a job; throws on a name the calendar does not declare. */
export function calendarEntry(name: CalendarJobName): CalendarEntry {
  const entry = DEFAULT_CALENDAR.find((e) => e.name === name);
  if (!entry) throw new Error(`No calendar entry named ${name}`);
  return entry;
}

/** Binds a handler to a calendar entry: `jobs: [defineJob('record.remind', sendRecordReminders)]`. */
export function defineJob(name: CalendarJobName, run: JobDefinition['run']): JobDefinition {
  return { ...calendarEntry(name), run };
}

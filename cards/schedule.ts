/**
 * 日程卡片: a branch's scheduled jobs, soonest first — when each runs next (in the branch's time zone),
 * when it is actually delivered if a holiday or quiet hours moved it, the period it is for, how the last
 * run went — with a 立即执行 button per job. Shown to admins and the branch's secretary.
 */
import { hasHolidayData, isWorkingDay, localDate, zonedParts } from '../src/schedule/calendar.js';
import type { JobPeriodKind } from '../src/schedule/job.js';
import type { ResolvedBranch } from '../src/schedule/plan.js';
import type { JobRun } from '../src/schedule/run-store.js';
import type { UpcomingRun } from '../src/schedule/upcoming.js';
import {
  button,
  card,
  divider,
  escapeMarkdown,
  markdown,
  type CardJson,
  type Element,
  type Text,
} from './kit.js';

export interface ScheduleCardView {
  branch: ResolvedBranch;
  runs: readonly UpcomingRun[];
  now: Date;
  /** The outcome of a button just pressed, shown at the top. */
  notice?: Text;
}

export const TRIGGER_ACTION = 'schedule.trigger';

/** A full-width space: separates fields on one line the way Chinese text does. */
const GAP = '\u3000';
const PERIOD: Record<JobPeriodKind, string> = {
  week: '每周',
  month: '每月',
  quarter: '每季度',
  half: '每半年',
  year: '每年',
};
const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const TRIGGER: Record<JobRun['trigger'], string> = {
  schedule: '',
  'catch-up': '，补执行',
  manual: '，手动执行',
};

/** '11月25日（周三）09:00', with the year when it is not the current one. */
export function formatWhen(at: Date, tz: string, now: Date): string {
  const p = zonedParts(at, tz);
  const year = p.year === zonedParts(now, tz).year ? '' : `${p.year}年`;
  const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${year}${p.month}月${p.day}日（${WEEKDAY[p.weekday]}）${hm}`;
}

function runStatus(run: JobRun, tz: string, now: Date): string {
  const when = (d: Date | undefined) => (d ? formatWhen(d, tz, now) : '');
  const error = run.error ? `：${escapeMarkdown(truncate(run.error, 60))}` : '';
  switch (run.status) {
    case 'done':
      return `已完成（${when(run.finishedAt)}${TRIGGER[run.trigger]}）`;
    case 'running':
      return `执行中（${when(run.startedAt)} 开始）`;
    case 'failed':
      return run.retryAt && run.retryAt > now
        ? `失败，将于 ${when(run.retryAt)} 重试${error}`
        : `失败，已停止自动重试${error}`;
    case 'skipped':
      return '已跳过（停机期间错过，过期不补）';
  }
}

function nextLines(n: NonNullable<UpcomingRun['next']>, tz: string, now: Date): string[] {
  const lines: string[] = [];
  const period = `${GAP}周期 ${n.periodKey}`;
  if (n.deliverAt <= now) {
    lines.push(`待执行：${formatWhen(n.plannedAt, tz, now)}${period}（已到期，稍后自动补执行）`);
  } else {
    lines.push(`下次：${formatWhen(n.plannedAt, tz, now)}${period}`);
  }
  if (n.shifted) {
    const why = isWorkingDay(localDate(n.plannedAt, tz)) ? '避开免打扰时段' : '遇休息日顺延';
    lines.push(`实际发送：**${formatWhen(n.deliverAt, tz, now)}**（${why}）`);
  }
  if (n.run?.status === 'done') lines.push(`<font color='green'>本期已执行，届时不再重复</font>`);
  return lines;
}

function jobRow(r: UpcomingRun, view: ScheduleCardView): Element[] {
  const tz = view.branch.timezone;
  const lines = [
    `**${escapeMarkdown(r.job.summary)}**${GAP}<font color='grey'>${PERIOD[r.job.period]} · ${r.job.name}</font>`,
  ];
  if (r.overridden) lines.push(`本支部规则：\`${r.cron}\``);
  if (r.problem)
    lines.push(`<font color='red'>本支部设置的规则无效，按默认规则执行：${escapeMarkdown(r.problem)}</font>`);
  if (!r.enabled) {
    lines.push("<font color='grey'>本支部已停用</font>");
  } else if (!r.next) {
    lines.push('近几年内没有计划');
  } else {
    lines.push(...nextLines(r.next, tz, view.now));
  }
  lines.push(r.last ? `上次：${r.last.periodKey} ${runStatus(r.last, tz, view.now)}` : '上次：尚未执行');
  const elements: Element[] = [markdown({ zh: lines.join('\n') })];
  if (r.enabled) {
    elements.push(
      button({
        text: { zh: '立即执行', en: 'Run now' },
        value: { action: TRIGGER_ACTION, branch: view.branch.id, job: r.job.name },
        name: `trigger_${r.job.name}`,
      }),
    );
  }
  return elements;
}

export function scheduleCard(view: ScheduleCardView): CardJson {
  const { branch } = view;
  const elements: Element[] = [];
  if (view.notice) elements.push(markdown(view.notice), divider());
  for (const problem of branch.problems) {
    elements.push(markdown({ zh: `<font color='red'>${escapeMarkdown(problem)}</font>` }));
  }
  if (view.runs.length === 0) {
    elements.push(markdown({ zh: '还没有任何定时任务。', en: 'No scheduled jobs yet.' }));
  }
  view.runs.forEach((r, i) => {
    if (i > 0) elements.push(divider());
    elements.push(...jobRow(r, view));
  });
  const years = [
    ...new Set(
      view.runs.flatMap((r) => (r.next ? [zonedParts(r.next.deliverAt, branch.timezone).year] : [])),
    ),
  ];
  const uncovered = years.filter((y) => !hasHolidayData(y)).sort();
  if (uncovered.length > 0) {
    elements.push(
      divider(),
      markdown({
        zh: `<font color='orange'>${uncovered.join('、')}年的法定节假日安排尚未收录，暂按周一至周五计算；国务院公布后请管理员在组织架构文件中补充（发送「节假日 ${uncovered[0]}」查看）。</font>`,
        en: `Official holidays for ${uncovered.join(', ')} are not known yet: Monday–Friday are used until an admin supplies them.`,
      }),
    );
  }
  elements.push(
    divider(),
    markdown({
      zh: `<font color='grey'>时间按 ${escapeMarkdown(branch.timezone)} 时区显示。提醒遇法定节假日和周末顺延到下一个工作日（调休上班日照常），只在 ${branch.quietHours.start}–${branch.quietHours.end} 之间发送。「立即执行」只执行本期一次：本期已执行过则不会重复。</font>`,
      en: `Times are ${branch.timezone}. Reminders skip holidays and weekends and are sent only between ${branch.quietHours.start} and ${branch.quietHours.end}. "Run now" runs the current period once.`,
    }),
  );
  return card({
    title: { zh: `日程 · ${branch.name}`, en: `Schedule · ${branch.name}` },
    subtitle: {
      zh: `时区 ${branch.timezone} · 提醒时段 ${branch.quietHours.start}–${branch.quietHours.end}`,
    },
    template: 'blue',
    elements,
  });
}

function truncate(s: string, n: number): string {
  return [...s].length > n ? `${[...s].slice(0, n).join('')}…` : s;
}

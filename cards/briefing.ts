/**
 * 督促通报: how a branch runs the campaign — pledge progress, this month's records, last month's ratings —
 * which leaders have commented on their contact points this quarter, and what is overdue. The secretary
 * sees it first as a preview with 发布通报; the office channel gets the same card without the button.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { share } from './digest-kit.js';
import type { Progress } from './digest-quarter.js';

export const BRIEFING_POST_ACTION = 'disclosure.briefing_post';

export interface BriefingView {
  branchId: string;
  branchName: string;
  /** 2026年11月27日 */
  dateLabel: string;
  progress: Progress;
  records: { monthLabel: string; recorded: number; members: number };
  ratings: { monthLabel: string; published: boolean; rated: number; members: number };
  /** Members without a record for last month (the month is closed on the 3rd). */
  missingRecords: string[];
  quarterLabel: string;
  leaders: Array<{ name: string; commented: boolean }>;
  overdueLines: Array<{ owner: string; text: string; due: string }>;
  openFollowUps: Array<{ target: string; text: string; due: string; overdue: boolean }>;
}

const list = (items: readonly string[], none: string) =>
  items.length ? items.map((i) => `- ${i}`).join('\n') : none;

function sections(v: BriefingView): Element[] {
  const p = v.progress;
  const commented = v.leaders.filter((l) => l.commented).map((l) => escapeMarkdown(l.name));
  const silent = v.leaders.filter((l) => !l.commented).map((l) => escapeMarkdown(l.name));
  return [
    markdown({
      zh:
        `**开展情况**\n承诺兑现 ${share(p.fulfilled, p.total)}，进行中 ${p.open}，逾期 ${p.overdue}\n` +
        `${v.records.monthLabel}记实已提交 ${share(v.records.recorded, v.records.members)}\n` +
        `${v.ratings.monthLabel}评定：${v.ratings.published ? `已公示，评定 ${v.ratings.rated}/${v.ratings.members} 人` : '尚未公示'}`,
    }),
    markdown({
      zh:
        `**领导点评联系点（${v.quarterLabel}）**\n已点评：${commented.join('、') || '暂无'}\n` +
        `未点评：${silent.join('、') || '无'}`,
    }),
    markdown({
      zh:
        `**逾期与待办**\n逾期承诺事项 ${v.overdueLines.length} 项\n` +
        list(
          v.overdueLines.map((l) => `${escapeMarkdown(l.owner)}：${escapeMarkdown(l.text)}（${l.due} 到期）`),
          '',
        ) +
        `\n上月未记实：${v.missingRecords.map(escapeMarkdown).join('、') || '无'}\n` +
        `未办结整改事项 ${v.openFollowUps.length} 项\n` +
        list(
          v.openFollowUps.map(
            (i) =>
              `${escapeMarkdown(i.target)}：${escapeMarkdown(i.text)}（${i.due}${i.overdue ? '，已逾期' : ''}）`,
          ),
          '',
        ),
    }),
  ];
}

export function briefingCard(v: BriefingView, mode: 'preview' | 'posted' | 'channel'): CardJson {
  const head =
    mode === 'preview'
      ? [markdown({ zh: '预览：确认无误后点「发布通报」，发到公开频道。', en: 'Preview' })]
      : mode === 'posted'
        ? [markdown({ zh: '已发布到公开频道。', en: 'Posted to the office channel.' })]
        : [];
  const tail =
    mode === 'preview'
      ? [
          button({
            text: { zh: '发布通报', en: 'Post' },
            type: 'primary',
            value: { action: BRIEFING_POST_ACTION, branch: v.branchId },
          }),
        ]
      : [];
  return card({
    title: { zh: `督促通报 · ${v.branchName}`, en: 'Briefing' },
    subtitle: { zh: v.dateLabel },
    template: mode === 'preview' ? 'blue' : 'red',
    elements: [...head, ...sections(v), ...tail],
  });
}

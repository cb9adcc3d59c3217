/** After the last chase: the secretary's one private list of members who have not answered the month. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface RecordMissingView {
  monthLabel: string;
  /** '12月3日' */
  deadline: string;
  total: number;
  missing: readonly string[];
}

export function recordMissingCard(v: RecordMissingView): CardJson {
  const names = v.missing.map(escapeMarkdown).join('、');
  return card({
    title: { zh: `${v.monthLabel}记实：${v.missing.length}人未提交`, en: 'Monthly record: not answered' },
    template: 'orange',
    elements: [
      markdown({
        zh: `**${v.total - v.missing.length}/${v.total}** 人已提交。已私信提醒两次，仍未提交：\n${names}\n\n${v.deadline}截止；截止后可用「补录 姓名」为个人重新打开。`,
        en: `${v.total - v.missing.length}/${v.total} answered. Not yet: ${v.missing.join(', ')}`,
      }),
    ],
  });
}

/** 我的记实: a member's past months — what they recorded and how they were rated. */
import { card, escapeMarkdown, markdown, type CardJson } from './kit.js';
import { excerpt } from './record-kit.js';

export interface RecordHistoryView {
  branchName: string;
  months: ReadonlyArray<{
    monthLabel: string;
    text?: string | undefined;
    late?: boolean | undefined;
    rating?: string | undefined;
    final?: boolean | undefined;
  }>;
}

export function recordHistoryCard(v: RecordHistoryView): CardJson {
  const rows = v.months.map((m) => {
    const rating = m.rating ? ` · 评定 **${m.rating}**${m.final ? '' : '（公示中）'}` : '';
    const text = m.text ? escapeMarkdown(excerpt(m.text, 80)) : '未提交';
    return `**${m.monthLabel}**${m.late ? '（补录）' : ''}${rating}\n${text}`;
  });
  return card({
    title: { zh: '我的记实', en: 'My monthly records' },
    subtitle: { zh: v.branchName },
    template: 'blue',
    elements: [
      markdown({
        zh: rows.length ? rows.join('\n\n') : '还没有记实。发送「记实」填写本月记实。',
        en: 'Your recent months.',
      }),
    ],
  });
}

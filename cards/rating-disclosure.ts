/**
 * On publication: 党员每月公开记实 in the branch group (each member's record and rating, a member who did
 * not answer shown as such, paged, with the objection button), and the office channel's short digest.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { excerpt } from './record-kit.js';

export const DISCLOSURE_PAGE_ACTION = 'rating.disclosure_page';
export const OBJECT_OPEN_ACTION = 'rating.object_open';
export const DISCLOSURE_PAGE_SIZE = 15;

export interface DisclosureView {
  branchId: string;
  branchName: string;
  month: string;
  monthLabel: string;
  /** '12月9日 09:00' */
  noticeEnds: string;
  page: number;
  pages: number;
  rows: ReadonlyArray<{
    name: string;
    record?: string | undefined;
    late?: boolean;
    grade?: string;
    /** The grade was changed on the member's objection (异议改定). */
    changed?: boolean;
  }>;
}

export function disclosureCard(v: DisclosureView): CardJson {
  const lines = v.rows.map((r) => {
    const record = r.record ? escapeMarkdown(excerpt(r.record, 90)) : '*本月未提交记实*';
    const grade = `${r.grade ?? '—'}${r.changed ? '（经异议改定）' : ''}`;
    return `**${escapeMarkdown(r.name)}** · ${grade}${r.late ? '（补录）' : ''}\n${record}`;
  });
  const target = { branch: v.branchId, month: v.month };
  const elements: Element[] = [
    markdown({
      zh: `公示期至 **${v.noticeEnds}**。对本人评定有异议的，请点下方按钮私信提出。`,
      en: 'Object to your own rating with the button below during the notice period.',
    }),
    markdown({ zh: lines.join('\n\n') }),
  ];
  if (v.pages > 1) elements.push(markdown({ zh: `第 ${v.page + 1}/${v.pages} 页` }));
  if (v.page > 0)
    elements.push(
      button({
        text: { zh: '上一页', en: 'Previous' },
        name: 'prev',
        value: { action: DISCLOSURE_PAGE_ACTION, ...target, page: v.page - 1 },
      }),
    );
  if (v.page < v.pages - 1)
    elements.push(
      button({
        text: { zh: '下一页', en: 'Next' },
        name: 'next',
        value: { action: DISCLOSURE_PAGE_ACTION, ...target, page: v.page + 1 },
      }),
    );
  elements.push(
    button({
      text: { zh: '我有异议', en: 'Object' },
      name: 'object',
      value: { action: OBJECT_OPEN_ACTION, ...target },
    }),
  );
  return card({
    title: { zh: `党员每月公开记实 · ${v.monthLabel}`, en: 'Monthly records and ratings' },
    subtitle: { zh: v.branchName },
    template: 'red',
    elements,
  });
}

export interface DigestView {
  branchName: string;
  monthLabel: string;
  total: number;
  answered: number;
  notAnswered: readonly string[];
  distribution: ReadonlyArray<{ grade: string; count: number }>;
  /** How many grades were changed on an objection (异议改定) since publication. */
  changedOnObjection?: number | undefined;
  /** Pledge items closed this month (销号), when the ledger is known. */
  fulfilled?: readonly string[] | undefined;
}

export function digestCard(v: DigestView): CardJson {
  const dist = v.distribution.map((d) => `${d.grade} **${d.count}**`).join(' · ');
  const parts = [
    `记实 **${v.answered}/${v.total}** 人已提交${v.notAnswered.length ? `；未提交：${v.notAnswered.map(escapeMarkdown).join('、')}` : ''}`,
    `评定：${dist}${v.changedOnObjection ? `（其中 ${v.changedOnObjection} 人经异议改定）` : ''}`,
  ];
  if (v.fulfilled) {
    const shown = v.fulfilled.slice(0, 5).map((t) => `- ${escapeMarkdown(excerpt(t, 40))}`);
    const more = v.fulfilled.length > 5 ? `\n等 ${v.fulfilled.length} 项` : '';
    parts.push(
      `本月销号承诺 **${v.fulfilled.length}** 项${shown.length ? `\n${shown.join('\n')}${more}` : ''}`,
    );
  }
  return card({
    title: { zh: `${v.branchName} · ${v.monthLabel}公开`, en: 'Monthly disclosure' },
    template: 'red',
    elements: [markdown({ zh: parts.join('\n\n'), en: `${v.answered}/${v.total} answered.` })],
  });
}

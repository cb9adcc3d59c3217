/**
 * 评定: the secretary's rating card for a month — each member with their record and pledge progress, a
 * grade on the branch's scale and an optional note, page by page (a branch of 60 stays far under Lark's
 * 30 KB and answers in time); 保存本页 keeps part-way work, 确认公示 publishes. Below the form, 点评 beside
 * each member the viewer comments on (CommentEntry, src/regime/ports.ts).
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { lineWithButton } from './pledge-kit.js';
import { excerpt, selectStatic, submitButton, textInput } from './record-kit.js';

export const RATING_SAVE_ACTION = 'rating.save';
export const RATING_PAGE_ACTION = 'rating.page';
export const RATING_PUBLISH_ACTION = 'rating.publish';
export const RATING_PAGE_SIZE = 6;

export interface RatingRow {
  openId: string;
  name: string;
  record?: string | undefined;
  late?: boolean | undefined;
  /** '承诺 2/5 已兑现', when the ledger is known. */
  progress?: string | undefined;
  grade?: string | undefined;
  note?: string | undefined;
  /** The 点评 button for this member, when the viewer comments on them. */
  comment?: Element | undefined;
}

export interface RatingSheetView {
  branchId: string;
  branchName: string;
  month: string;
  monthLabel: string;
  scale: readonly string[];
  page: number;
  pages: number;
  total: number;
  rated: number;
  answered: number;
  distribution: ReadonlyArray<{ grade: string; count: number }>;
  rows: readonly RatingRow[];
  /** Set once published: the card is read-only. */
  published?: { noticeEnds: string } | undefined;
  /** The 6th came and the month is not published yet. */
  overdue?: boolean;
}

export function ratingSheetCard(v: RatingSheetView): CardJson {
  const dist = v.distribution
    .filter((d) => d.count > 0)
    .map((d) => `${d.grade} ${d.count}`)
    .join(' · ');
  const head = v.published
    ? `**已公示**，公示期至 ${v.published.noticeEnds}。${dist}`
    : `已评 **${v.rated}/${v.total}** · 已记实 ${v.answered}/${v.total}${dist ? `\n${dist}` : ''}`;
  const elements: Element[] = [
    markdown({
      zh: `${v.overdue ? '⚠ 本月评定还未公示，请尽快完成。\n' : ''}${head}`,
      en: `Rated ${v.rated}/${v.total}.`,
    }),
  ];
  const rowText = (r: RatingRow) => {
    const record = r.record ? escapeMarkdown(excerpt(r.record, 70)) : '*未提交记实*';
    const progress = r.progress ? ` · ${r.progress}` : '';
    return `**${escapeMarkdown(r.name)}**${r.late ? '（补录）' : ''}${progress}\n${record}`;
  };
  if (v.published) {
    elements.push(
      markdown({
        zh: v.rows
          .map(
            (r) =>
              `${rowText(r)}\n评定：**${r.grade ?? '—'}**${r.note ? `（${escapeMarkdown(r.note)}）` : ''}`,
          )
          .join('\n\n'),
      }),
    );
  } else {
    const fields: Element[] = [];
    v.rows.forEach((r, i) => {
      fields.push(
        markdown({ zh: rowText(r) }),
        selectStatic({
          name: `g${i}`,
          placeholder: { zh: `给${r.name}评定`, en: 'Grade' },
          options: v.scale.map((g) => ({ value: g, text: { zh: g } })),
          // A grade given before the branch changed its scale is no option any more: to be given again.
          initial: r.grade && v.scale.includes(r.grade) ? r.grade : undefined,
        }),
        textInput({
          name: `n${i}`,
          placeholder: { zh: '评语（选填）', en: 'Note (optional)' },
          value: r.note,
          maxLength: 200,
        }),
      );
    });
    fields.push(
      submitButton({
        name: 'save',
        text: { zh: '保存本页', en: 'Save page' },
        value: {
          action: RATING_SAVE_ACTION,
          branch: v.branchId,
          month: v.month,
          page: v.page,
          ids: v.rows.map((r) => r.openId),
        },
      }),
    );
    elements.push({ tag: 'form', name: 'rate', elements: fields });
  }
  elements.push(...commentLines(v.rows));
  const nav: Element[] = [];
  const target = { branch: v.branchId, month: v.month };
  if (v.page > 0)
    nav.push(
      button({
        text: { zh: '上一页', en: 'Previous' },
        name: 'prev',
        value: { action: RATING_PAGE_ACTION, ...target, page: v.page - 1 },
      }),
    );
  if (v.page < v.pages - 1)
    nav.push(
      button({
        text: { zh: '下一页', en: 'Next' },
        name: 'next',
        value: { action: RATING_PAGE_ACTION, ...target, page: v.page + 1 },
      }),
    );
  if (v.pages > 1) elements.push(markdown({ zh: `第 ${v.page + 1}/${v.pages} 页` }));
  elements.push(...nav);
  if (!v.published) {
    elements.push(
      button({
        text: { zh: '确认公示', en: 'Publish' },
        type: 'primary',
        name: 'publish',
        value: { action: RATING_PUBLISH_ACTION, ...target },
      }),
    );
  }
  return card({
    title: { zh: `${v.monthLabel}党员评定`, en: 'Monthly rating' },
    subtitle: { zh: v.branchName },
    template: v.published ? 'green' : v.overdue ? 'orange' : 'blue',
    elements,
  });
}

/**
 * One line per member the viewer comments on, with 点评 at its right. Below the form rather than in it:
 * a callback button is no form field, and a button in a form would submit the grades.
 */
function commentLines(rows: readonly RatingRow[]): Element[] {
  return rows.flatMap((r) =>
    r.comment ? [lineWithButton(markdown({ zh: `点评 **${escapeMarkdown(r.name)}**` }), r.comment)] : [],
  );
}

/**
 * 审核承诺: the reviewer's card — the items, the quality warnings the author submitted anyway, every earlier
 * round, last year's pledge and how it went — with 通过 / 退回 (a reason is required to return). Also the
 * card the author gets back, and 待审, the reviewer's queue across branches.
 */
import { PLEDGE_ACTIONS as A } from './pledge-actions.js';
import {
  buttonRow,
  lineWithButton,
  form,
  grey,
  inputField,
  itemLine,
  orange,
  submitButton,
  type ItemView,
} from './pledge-kit.js';
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface RoundSummary {
  n: number;
  outcome: 'approved' | 'returned' | 'pending';
  byName?: string;
  reason?: string;
  at: string;
}

export interface ReviewCardView {
  pledgeId: string;
  title: string;
  round: number;
  revision: number;
  items: readonly ItemView[];
  warnings: readonly string[];
  earlier: readonly RoundSummary[];
  lastYear?: { total: number; fulfilled: number; overdue: number } | undefined;
  /** Set once decided: the card then shows the decision instead of the buttons. */
  decided?: { outcome: 'approved' | 'returned'; byName: string; reason?: string | undefined } | undefined;
}

export function reviewCard(v: ReviewCardView): CardJson {
  const elements: Element[] = [];
  if (v.revision > 1) elements.push(markdown({ zh: orange(`这是已公开承诺的第 ${v.revision} 版修改稿。`) }));
  elements.push(
    markdown({
      zh: `**承诺事项（${v.items.length} 条）**\n${v.items.map((i, n) => itemLine(n + 1, i, v.items.length)).join('\n')}`,
    }),
  );
  if (v.warnings.length)
    elements.push(
      markdown({
        zh: orange(`**作者仍然提交的提示：**\n${v.warnings.map((w) => `- ${escapeMarkdown(w)}`).join('\n')}`),
      }),
    );
  if (v.earlier.length)
    elements.push(
      markdown({
        zh: `**审核记录**\n${v.earlier
          .map(
            (r) =>
              `- 第${r.n}轮（${r.at}）：${r.outcome === 'approved' ? '通过' : '退回'}${r.byName ? `，${escapeMarkdown(r.byName)}` : ''}${r.reason ? `：${escapeMarkdown(r.reason)}` : ''}`,
          )
          .join('\n')}`,
      }),
    );
  if (v.lastYear)
    elements.push(
      markdown({
        zh: grey(
          `去年承诺 ${v.lastYear.total} 条：已兑现 ${v.lastYear.fulfilled}，逾期未兑现 ${v.lastYear.overdue}。`,
        ),
      }),
    );
  elements.push(divider());
  if (v.decided) {
    const what =
      v.decided.outcome === 'approved' ? '已通过并亮诺' : `已退回：${escapeMarkdown(v.decided.reason ?? '')}`;
    elements.push(markdown({ zh: `**${what}**（${escapeMarkdown(v.decided.byName)}）` }));
  } else {
    const value = { p: v.pledgeId, round: v.round };
    elements.push(
      form('review', [
        inputField({
          name: 'reason',
          label: '退回理由',
          placeholder: '退回时必填：请写明要修改什么',
          maxLength: 200,
        }),
        buttonRow([
          submitButton({
            text: { zh: '通过' },
            name: 'approve',
            type: 'primary',
            value: { action: A.approve, ...value },
          }),
          submitButton({
            text: { zh: '退回' },
            name: 'return',
            type: 'danger',
            value: { action: A.reject, ...value },
          }),
        ]),
      ]),
    );
  }
  return card({
    title: { zh: `审核 · ${v.title}` },
    subtitle: { zh: `第 ${v.round} 轮` },
    template: v.decided ? (v.decided.outcome === 'approved' ? 'green' : 'grey') : 'orange',
    elements,
  });
}

/** The author's news of a decision: approved and published, or returned with the reason and 修改. */
export function decisionCard(v: {
  pledgeId: string;
  title: string;
  round: number;
  outcome: 'approved' | 'returned';
  byName: string;
  reason?: string | undefined;
}): CardJson {
  if (v.outcome === 'approved')
    return card({
      title: { zh: `审核通过 · ${v.title}` },
      template: 'green',
      elements: [
        markdown({
          zh: `第 ${v.round} 轮由${escapeMarkdown(v.byName)}审核通过，已在支部群亮诺。兑现一件，销号一件：发送「我的承诺」销号。`,
        }),
      ],
    });
  return card({
    title: { zh: `审核退回 · ${v.title}` },
    template: 'orange',
    elements: [
      markdown({
        zh: `第 ${v.round} 轮被${escapeMarkdown(v.byName)}退回。\n**理由：**${escapeMarkdown(v.reason ?? '')}`,
      }),
      button({ text: { zh: '修改' }, type: 'primary', value: { action: A.edit, p: v.pledgeId } }),
    ],
  });
}

export interface QueueEntry {
  pledgeId: string;
  title: string;
  round: number;
  waitingDays: number;
}

/** 待审: what waits for me, across every branch I review for. */
export function queueCard(v: { entries: readonly QueueEntry[] }): CardJson {
  const elements: Element[] = [];
  if (v.entries.length === 0) elements.push(markdown({ zh: '没有等待你审核的承诺。' }));
  const shown = v.entries.slice(0, 20);
  for (const e of shown)
    elements.push(
      lineWithButton(
        markdown({
          zh: `**${escapeMarkdown(e.title)}**\u3000第${e.round}轮，已等 ${e.waitingDays} 个工作日`,
        }),
        button({ text: { zh: '审核' }, value: { action: A.openReview, p: e.pledgeId } }),
      ),
    );
  if (v.entries.length > shown.length)
    elements.push(markdown({ zh: grey(`另有 ${v.entries.length - shown.length} 件，审完后再发「待审」。`) }));
  return card({ title: { zh: `待审（${v.entries.length}）` }, template: 'orange', elements });
}

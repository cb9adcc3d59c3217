/**
 * 践诺 cards: 我的承诺 (my items with 销号, paged), the 销号 form, the secretary's 确认 / 重新打开 card, and
 * 台账 — the branch ledger per person and per theme, paged.
 */
import { PLEDGE_ACTIONS as A } from './pledge-actions.js';
import { buttonRow, form, inputField, lineWithButton, orange, submitButton, truncate } from './pledge-kit.js';
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface Counts {
  total: number;
  fulfilled: number;
  open: number;
  overdue: number;
}

export const countsText = (c: Counts) =>
  `已兑现 **${c.fulfilled}**/${c.total}\u3000进行中 ${c.open}\u3000${c.overdue ? `<font color='red'>逾期 ${c.overdue}</font>` : '逾期 0'}`;

export interface MineLine {
  id: string;
  n: number;
  theme: string;
  text: string;
  due?: string | undefined;
  status: 'open' | 'fulfilled' | 'overdue';
  confirmed: boolean;
}

export interface MineCardView {
  pledgeId: string;
  title: string;
  /** What state the pledge is in, in words, when it is not (only) a ledger. */
  state?: string | undefined;
  /** Draft or returned: the author may go on writing. */
  canEdit: boolean;
  canRevise: boolean;
  counts?: Counts | undefined;
  lines: readonly MineLine[];
  page: number;
  pages: number;
  notice?: string | undefined;
  /** Secretaries: the branch book, and how many reviews wait for them. */
  book?: { pledgeId: string } | undefined;
  waitingReviews?: number | undefined;
}

export const PAGE_LINES = 10;

export function mineCard(v: MineCardView): CardJson {
  const elements: Element[] = [];
  if (v.notice) elements.push(markdown({ zh: `<font color='green'>${escapeMarkdown(v.notice)}</font>` }));
  if (v.state) elements.push(markdown({ zh: v.state }));
  if (v.counts) elements.push(markdown({ zh: countsText(v.counts) }));
  for (const l of v.lines) {
    const status =
      l.status === 'fulfilled'
        ? `<font color='green'>已销号${l.confirmed ? '' : '，待确认'}</font>`
        : l.status === 'overdue'
          ? "<font color='red'>逾期</font>"
          : `${l.due ? `${l.due}前` : '进行中'}`;
    const text = markdown({
      zh: `${l.n}. 【${escapeMarkdown(l.theme)}】${escapeMarkdown(truncate(l.text, 40))}\u3000${status}`,
    });
    elements.push(
      l.status === 'fulfilled'
        ? text
        : lineWithButton(text, button({ text: { zh: '销号' }, value: { action: A.tick, line: l.id } })),
    );
  }
  const nav: Element[] = [];
  if (v.page > 0)
    nav.push(button({ text: { zh: '上一页' }, value: { action: A.mine, p: v.pledgeId, page: v.page - 1 } }));
  if (v.page + 1 < v.pages)
    nav.push(button({ text: { zh: '下一页' }, value: { action: A.mine, p: v.pledgeId, page: v.page + 1 } }));
  if (v.canEdit)
    nav.push(button({ text: { zh: '继续填写' }, type: 'primary', value: { action: A.edit, p: v.pledgeId } }));
  if (v.canRevise) nav.push(button({ text: { zh: '修改承诺' }, value: { action: A.revise, p: v.pledgeId } }));
  if (v.book)
    nav.push(button({ text: { zh: '支部承诺书' }, value: { action: A.mine, p: v.book.pledgeId, page: 0 } }));
  if (nav.length) elements.push(divider(), buttonRow(nav));
  if (v.waitingReviews)
    elements.push(markdown({ zh: orange(`有 ${v.waitingReviews} 份承诺等你审核，发送「待审」查看。`) }));
  return card({
    title: { zh: v.title },
    ...(v.pages > 1 ? { subtitle: { zh: `第 ${v.page + 1}/${v.pages} 页` } } : {}),
    template: 'red',
    elements,
  });
}

export function tickCard(v: {
  lineId: string;
  pledgeId: string;
  n: number;
  text: string;
  result: string;
}): CardJson {
  return card({
    title: { zh: `销号 · 第${v.n}条` },
    template: 'green',
    elements: [
      markdown({
        zh: `**承诺：**${escapeMarkdown(v.text)}\n**结果：**${escapeMarkdown(v.result || '（未写）')}`,
      }),
      form('tick', [
        inputField({
          name: 'done',
          label: '做了什么',
          placeholder: '兑现情况，如：已完成3篇调研报告',
          maxLength: 300,
          required: true,
        }),
        inputField({ name: 'evidence', label: '佐证', placeholder: '可选：文字说明或链接', maxLength: 300 }),
        submitButton({
          text: { zh: '销号' },
          name: 'tick',
          type: 'primary',
          value: { action: A.tickSubmit, line: v.lineId },
        }),
      ]),
      button({ text: { zh: '返回' }, value: { action: A.mine, p: v.pledgeId, page: 0 } }),
    ],
  });
}

export interface ConfirmCardView {
  lineId: string;
  ownerName: string;
  text: string;
  doneText: string;
  evidence?: string | undefined;
  events: number;
  decided?: string | undefined;
}

/** The secretary's check of a tick: 确认, or 重新打开 with a reason. */
export function confirmCard(v: ConfirmCardView): CardJson {
  const elements: Element[] = [
    markdown({
      zh: `**${escapeMarkdown(v.ownerName)}** 销号：${escapeMarkdown(v.text)}\n**兑现情况：**${escapeMarkdown(v.doneText)}${v.evidence ? `\n**佐证：**${escapeMarkdown(v.evidence)}` : ''}`,
    }),
  ];
  if (v.decided) elements.push(markdown({ zh: `**${escapeMarkdown(v.decided)}**` }));
  else
    elements.push(
      form('confirm', [
        inputField({
          name: 'reason',
          label: '重新打开的理由',
          placeholder: '重新打开时必填',
          maxLength: 200,
        }),
        buttonRow([
          submitButton({
            text: { zh: '确认' },
            name: 'confirm',
            type: 'primary',
            value: { action: A.confirm, line: v.lineId, n: v.events },
          }),
          submitButton({
            text: { zh: '重新打开' },
            name: 'reopen',
            value: { action: A.reopen, line: v.lineId, n: v.events },
          }),
        ]),
      ]),
    );
  return card({ title: { zh: '销号待确认' }, template: v.decided ? 'grey' : 'green', elements });
}

export interface BranchLedgerView {
  branchId: string;
  branchName: string;
  year: number;
  totals: Counts;
  themes: ReadonlyArray<{ theme: string } & Counts>;
  /** `comment`: the 点评 button for this person (or the branch), when the viewer may comment on them. */
  people: ReadonlyArray<
    { name: string; state?: string | undefined; comment?: Element | undefined } & Partial<Counts>
  >;
  page: number;
  pages: number;
}

export const PAGE_PEOPLE = 12;

export function branchLedgerCard(v: BranchLedgerView): CardJson {
  const row = (c: Partial<Counts>) => (c.total ? `${c.fulfilled}/${c.total}，逾期 ${c.overdue}` : '—');
  const elements: Element[] = [
    markdown({ zh: countsText(v.totals) }),
    markdown({
      zh: `**按主题**\n${v.themes.map((t) => `- ${escapeMarkdown(t.theme)}：${row(t)}`).join('\n') || '—'}`,
    }),
  ];
  const person = (p: BranchLedgerView['people'][number]) =>
    `- ${escapeMarkdown(p.name)}：${p.state ? orange(p.state) : row(p)}`;
  if (v.people.some((p) => p.comment)) {
    // A viewer who comments on these people gets one line each, with 点评 at its right.
    elements.push(markdown({ zh: '**按人（已兑现/总数）**' }));
    for (const p of v.people)
      elements.push(
        p.comment ? lineWithButton(markdown({ zh: person(p) }), p.comment) : markdown({ zh: person(p) }),
      );
  } else
    elements.push(markdown({ zh: `**按人（已兑现/总数）**\n${v.people.map(person).join('\n') || '—'}` }));
  const nav: Element[] = [];
  if (v.page > 0)
    nav.push(
      button({ text: { zh: '上一页' }, value: { action: A.ledger, branch: v.branchId, page: v.page - 1 } }),
    );
  if (v.page + 1 < v.pages)
    nav.push(
      button({ text: { zh: '下一页' }, value: { action: A.ledger, branch: v.branchId, page: v.page + 1 } }),
    );
  if (nav.length) elements.push(buttonRow(nav));
  return card({
    title: { zh: `台账 · ${v.branchName} ${v.year}年` },
    subtitle: { zh: `第 ${v.page + 1}/${Math.max(1, v.pages)} 页` },
    template: 'red',
    elements,
  });
}

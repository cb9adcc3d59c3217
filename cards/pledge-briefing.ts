/**
 * What the pledge jobs send: the weekly March chase (to a member, and the secretary's one list of who is
 * missing), the chase of a review waiting too long, and the quarterly fulfilment digest (践诺情况通报).
 */
import { PLEDGE_ACTIONS as A } from './pledge-actions.js';
import { countsText, type Counts } from './pledge-ledger.js';
import { grey, truncate } from './pledge-kit.js';
import { button, card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export function chaseCard(v: { pledgeId: string; year: number; state: string }): CardJson {
  return card({
    title: { zh: `请完成${v.year}年承诺卡` },
    template: 'orange',
    elements: [
      markdown({ zh: `你的${v.year}年承诺卡${escapeMarkdown(v.state)}，3月31日前需审核通过并亮诺。` }),
      button({ text: { zh: '填写承诺卡' }, type: 'primary', value: { action: A.edit, p: v.pledgeId } }),
    ],
  });
}

export function missingListCard(v: {
  branchName: string;
  year: number;
  missing: ReadonlyArray<{ name: string; state: string }>;
}): CardJson {
  return card({
    title: { zh: `承诺卡未完成 · ${v.branchName}` },
    template: 'orange',
    elements: [
      markdown({
        zh: `${v.year}年承诺卡尚未审核通过的党员（${v.missing.length}人）：\n${v.missing.map((m) => `- ${escapeMarkdown(m.name)}：${m.state}`).join('\n')}`,
      }),
      markdown({ zh: grey('已私信提醒他们；待你审核的请发送「待审」。') }),
    ],
  });
}

export function reviewChaseCard(v: { pledgeId: string; title: string; days: number }): CardJson {
  return card({
    title: { zh: '承诺待审核' },
    template: 'orange',
    elements: [
      markdown({ zh: `**${escapeMarkdown(v.title)}** 已等待审核 ${v.days} 个工作日，请尽快审核。` }),
      button({ text: { zh: '审核' }, type: 'primary', value: { action: A.openReview, p: v.pledgeId } }),
    ],
  });
}

export interface DigestView {
  branchName: string;
  quarter: string;
  totals: Counts;
  people: ReadonlyArray<{ name: string } & Counts>;
  themes: ReadonlyArray<{ theme: string } & Counts>;
  ticked: ReadonlyArray<{ name: string; text: string }>;
  /** The secretary's copy carries the reminder to hold the meeting. */
  forSecretary: boolean;
}

export function digestCard(v: DigestView): CardJson {
  const row = (c: Counts) => `${c.fulfilled}/${c.total}${c.overdue ? `，逾期 ${c.overdue}` : ''}`;
  const ticked = v.ticked.slice(0, 30);
  const elements = [
    markdown({ zh: countsText(v.totals) }),
    markdown({
      zh: `**按人（已兑现/总数）**\n${v.people.map((p) => `- ${escapeMarkdown(p.name)}：${row(p)}`).join('\n') || '—'}`,
    }),
    markdown({
      zh: `**按主题**\n${v.themes.map((t) => `- ${escapeMarkdown(t.theme)}：${row(t)}`).join('\n') || '—'}`,
    }),
    markdown({
      zh: `**本季度销号（${v.ticked.length}）**\n${ticked.map((t) => `- ${escapeMarkdown(t.name)}：${escapeMarkdown(truncate(t.text, 30))}`).join('\n') || '本季度没有销号。'}${v.ticked.length > ticked.length ? `\n…另有 ${v.ticked.length - ticked.length} 件` : ''}`,
    }),
  ];
  if (v.forSecretary)
    elements.push(
      markdown({
        zh: "<font color='orange'>请召开本季度践诺情况通报会，向机关干部和政协委员通报支部和党员践诺情况。</font>",
      }),
    );
  return card({ title: { zh: `践诺情况通报 · ${v.branchName} ${v.quarter}` }, template: 'red', elements });
}

/**
 * Every pledge card is a card Lark accepts, with buttons some module answers — at the worst case too: a
 * pledge of 40 items, each of the longest text the form allows, stays within 30 KB on every card.
 */
import { describe, expect, it } from 'vitest';
import { digestCard, chaseCard, missingListCard, reviewChaseCard } from '../../../cards/pledge-briefing.js';
import { draftCard, qualityCard, submittedCard } from '../../../cards/pledge-draft.js';
import { inviteCard, suggestInviteCard, suggestionsCard } from '../../../cards/pledge-invite.js';
import { branchLedgerCard, confirmCard, mineCard, tickCard } from '../../../cards/pledge-ledger.js';
import { publishedCard } from '../../../cards/pledge-publish.js';
import { decisionCard, queueCard, reviewCard } from '../../../cards/pledge-review.js';
import { BRANCH_THEMES, MEMBER_THEMES } from '../../../src/regime/pledges/index.js';
import { checkCard } from '../../cards/card-check.js';

const long = (n: number) => '认真学习贯彻会议精神并结合岗位实际推动落实'.repeat(20).slice(0, n);
const items = Array.from({ length: 40 }, (_, i) => ({
  id: `i${i + 1}`,
  theme: BRANCH_THEMES[i % BRANCH_THEMES.length]!,
  text: long(200),
  result: long(100),
  due: '2026-12-31',
}));
const counts = { total: 40, fulfilled: 10, open: 25, overdue: 5 };
const P = '2026:zx-1:ou_x';

describe('pledge cards', () => {
  it('drafting: a page of the form, the quality check, the submitted note — 40 items within limits', () => {
    const draft = checkCard(
      draftCard({
        pledgeId: P,
        title: '第一党支部 2026年承诺书',
        themes: BRANCH_THEMES,
        items,
        current: 'i40',
        revising: true,
        year: 2026,
        notice: '已保存第40条',
        returned: { round: 1, byName: '组织科', reason: long(200) },
        openSuggestions: 12,
      }),
    );
    expect(draft.actions).toEqual(
      expect.arrayContaining(['pledge.save', 'pledge.submit', 'pledge.remove_item', 'pledge.suggestions']),
    );
    const problems = items.map((i, n) => ({
      item: n + 1,
      itemId: i.id,
      text: `第${n + 1}条：缺少可衡量的结果`,
    }));
    expect(checkCard(qualityCard({ pledgeId: P, title: '李秀英 2026年承诺卡', problems })).actions).toContain(
      'pledge.submit',
    );
    checkCard(submittedCard({ title: '李秀英 2026年承诺卡', round: 2, reviewer: '支部书记', warnings: 1 }));
  });

  it('review, decision and queue cards, the 40-item review and its publication', () => {
    const review = reviewCard({
      pledgeId: P,
      title: '李秀英 2026年承诺卡',
      round: 3,
      revision: 2,
      items,
      warnings: items.map((_, n) => `第${n + 1}条：完成时限不在2026年内`),
      earlier: [1, 2].map((n) => ({
        n,
        outcome: 'returned' as const,
        byName: '王建国',
        reason: long(200),
        at: '02-03',
      })),
      lastYear: { total: 8, fulfilled: 6, overdue: 2 },
    });
    expect(checkCard(review).actions).toEqual(['pledge.approve', 'pledge.return']);
    checkCard(
      reviewCard({
        pledgeId: P,
        title: '李秀英 2026年承诺卡',
        round: 1,
        revision: 1,
        items,
        warnings: [],
        earlier: [],
        decided: { outcome: 'approved', byName: '王建国' },
      }),
    );
    checkCard(
      decisionCard({
        pledgeId: P,
        title: '李秀英 2026年承诺卡',
        round: 1,
        outcome: 'returned',
        byName: 'x',
        reason: long(200),
      }),
    );
    checkCard(
      decisionCard({ pledgeId: P, title: '李秀英 2026年承诺卡', round: 1, outcome: 'approved', byName: 'x' }),
    );
    checkCard(
      queueCard({
        entries: Array.from({ length: 30 }, (_, i) => ({
          pledgeId: P,
          title: `第${i}党支部 2026年承诺书`,
          round: 1,
          waitingDays: 4,
        })),
      }),
    );
    checkCard(publishedCard({ title: '李秀英 2026年承诺卡', revision: 2, items, approvedBy: '组织科' }));
  });

  it('ledger cards: 我的承诺 paged, 销号, 确认, 台账', () => {
    const lines = items.slice(0, 10).map((i, n) => ({
      id: `${P}:${i.id}`,
      n: n + 1,
      theme: i.theme,
      text: i.text,
      due: i.due,
      status: 'open' as const,
      confirmed: false,
    }));
    const mine = checkCard(
      mineCard({
        pledgeId: P,
        title: '李秀英 2026年承诺卡',
        canEdit: false,
        canRevise: true,
        counts,
        lines,
        page: 1,
        pages: 4,
        book: { pledgeId: P },
        waitingReviews: 3,
      }),
    );
    expect(mine.actions).toEqual(expect.arrayContaining(['pledge.tick', 'pledge.mine', 'pledge.revise']));
    checkCard(tickCard({ lineId: `${P}:i1`, pledgeId: P, n: 1, text: long(200), result: long(100) }));
    checkCard(
      confirmCard({
        lineId: `${P}:i1`,
        ownerName: '李秀英',
        text: long(200),
        doneText: long(300),
        evidence: long(300),
        events: 1,
      }),
    );
    const people = Array.from({ length: 12 }, (_, i) => ({ name: `党员${i}`, ...counts }));
    checkCard(
      branchLedgerCard({
        branchId: 'zx-1',
        branchName: '第一党支部',
        year: 2026,
        totals: counts,
        themes: [...BRANCH_THEMES, ...MEMBER_THEMES].map((theme) => ({ theme, ...counts })),
        people,
        page: 0,
        pages: 3,
      }),
    );
  });

  it('invitations, suggestions, chases and the quarterly digest', () => {
    checkCard(inviteCard({ pledgeId: P, kind: 'member', year: 2026, branchName: '第一党支部' }));
    expect(
      checkCard(
        suggestInviteCard({ branchId: 'zx-1', branchName: '第一党支部', year: 2026, themes: BRANCH_THEMES }),
      ).actions,
    ).toEqual(['pledge.suggest']);
    const groups = BRANCH_THEMES.map((theme) => ({
      theme,
      items: Array.from({ length: 8 }, (_, i) => ({
        id: `m:om_${i}${theme}`,
        text: long(300),
        author: '张三',
        taken: i === 0,
      })),
    }));
    checkCard(suggestionsCard({ pledgeId: P, groups }));
    checkCard(chaseCard({ pledgeId: P, year: 2026, state: '还没有填写' }));
    checkCard(
      missingListCard({
        branchName: 'x',
        year: 2026,
        missing: Array.from({ length: 60 }, (_, i) => ({ name: `党员${i}`, state: '还没有填写' })),
      }),
    );
    checkCard(reviewChaseCard({ pledgeId: P, title: '李秀英 2026年承诺卡', days: 5 }));
    const people = Array.from({ length: 60 }, (_, i) => ({ name: `党员${i}`, ...counts }));
    const ticked = Array.from({ length: 200 }, (_, i) => ({ name: `党员${i}`, text: long(300) }));
    checkCard(
      digestCard({
        branchName: 'x',
        quarter: '2026年第1季度',
        totals: counts,
        people,
        themes: [],
        ticked,
        forSecretary: true,
      }),
    );
  });
});

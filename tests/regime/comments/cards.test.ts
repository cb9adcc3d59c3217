/** Every comment card is one Lark accepts, with registered buttons, at its largest too. */
import { describe, expect, it } from 'vitest';
import { commentFormCard } from '../../../cards/comment-form.js';
import { commentItemsCard, type ItemRow } from '../../../cards/comment-items.js';
import { commentPromptCard, type PromptRow } from '../../../cards/comment-prompt.js';
import { commentRegisterCard, type RegisterRow } from '../../../cards/comment-register.js';
import { commentBehindCard, itemReminderCard, leaderRemindCard } from '../../../cards/comment-remind.js';
import { commentCard, type CommentView } from '../../../cards/comment-view.js';
import { commentScopeCard } from '../../../cards/comment-scope.js';
import { button } from '../../../cards/kit.js';
import { branchLedgerCard, PAGE_PEOPLE } from '../../../cards/pledge-ledger.js';
import { START_ACTION } from '../../../src/regime/comments/entry.js';
import { ASPECTS, GRADES, STRESS_POINTS } from '../../../src/regime/comments/comment.entity.js';
import { SCOPE_NAMES, SCOPES } from '../../../src/regime/comments/scope.js';
import { checkCard } from '../../cards/card-check.js';

const scopes = SCOPES.map((value) => ({ value, text: SCOPE_NAMES[value] }));
const long = (n: number) => '长'.repeat(n);
const name = '欧阳长长长长名字';

const rows = (n: number): PromptRow[] =>
  Array.from({ length: n }, (_, i) => ({
    type: i === 0 ? 'branch' : 'member',
    id: `ou_${i}`,
    name: `${name}${i}`,
    branchName: '县政协机关第一党支部',
    state: (['done', 'draft', 'due'] as const)[i % 3]!,
  }));

const view: CommentView = {
  id: 'quarterly:2026-Q1:ou_x:member:ou_y',
  heading: '2026年第一季度点评',
  targetName: name,
  commenterName: name,
  date: '2026-04-03',
  aspects: ASPECTS.branch.map((n) => ({ name: n, grade: '较好', text: long(300) })),
  stress: STRESS_POINTS.branch.map((n) => ({ name: n, text: long(300) })),
  items: [1, 2, 3].map((no) => ({
    no,
    text: long(200),
    due: '2026-04-30',
    label: '整改中' as const,
    lastProgress: long(300),
  })),
  published: false,
  acknowledged: false,
};

describe('comment cards', () => {
  it('a leader with 30 targets gets a paged prompt of 8 rows within Lark’s limits', () => {
    const card = commentPromptCard({
      kind: 'quarterly',
      kindName: '点评',
      period: '2026-Q1',
      periodName: '2026年第一季度',
      due: '2026-04-10',
      rows: rows(30),
      page: 2,
      reminder: true,
    });
    const { bytes, actions } = checkCard(card);
    expect(bytes).toBeLessThan(12_000);
    expect(actions.filter((a) => a === 'comment.open').length).toBeLessThanOrEqual(8);
    expect(actions.filter((a) => a === 'comment.page')).toHaveLength(2);
    expect(JSON.stringify(card)).toContain('第 2/4 页');
  });

  it('both form pages, filled to every limit', () => {
    for (const type of ['member', 'branch'] as const)
      for (const page of [1, 2] as const) {
        const card = commentFormCard({
          id: 'x',
          targetName: name,
          targetType: type,
          title: '2026年第一季度点评',
          page,
          facts: Array.from({ length: 4 }, () => long(60)),
          grades: GRADES,
          aspects: ASPECTS[type].map((n) => ({ name: n, grade: '好', text: long(300) })),
          stress: STRESS_POINTS[type].map((n) => ({ name: n, text: long(300) })),
          items: [1, 2, 3].map(() => ({ text: long(200), due: '2026-04-30' })),
          scopes,
          scope: 'group+channel',
          savedAt: '2026-04-02',
        });
        expect(checkCard(card).bytes).toBeLessThan(20_000);
      }
  });

  it('the branch’s default publication scope: one button per scope, the current one marked', () => {
    const { actions } = checkCard(
      commentScopeCard({ branchId: 'zx-1', branchName: name, scope: 'channel', scopes }),
    );
    expect(actions).toEqual(SCOPES.map(() => 'comment.scope'));
    expect(
      JSON.stringify(commentScopeCard({ branchId: 'zx-1', branchName: name, scope: 'self', scopes })),
    ).toContain('✓ 仅本人');
  });

  it('台账 with a 点评 button beside every person of a full page', () => {
    const comment = button({
      text: { zh: '点评' },
      value: { action: START_ACTION, type: 'member', id: 'ou_x' },
    });
    const { actions } = checkCard(
      branchLedgerCard({
        branchId: 'zx-1',
        branchName: name,
        year: 2026,
        totals: { total: 60, fulfilled: 20, open: 30, overdue: 10 },
        themes: [],
        people: Array.from({ length: PAGE_PEOPLE }, (_, i) => ({
          name: `${name}${i}`,
          state: '未起草',
          comment,
        })),
        page: 0,
        pages: 3,
      }),
    );
    expect(actions.filter((a) => a === START_ACTION)).toHaveLength(PAGE_PEOPLE);
  });

  it('a comment, as the commenter, the group and the target read it', () => {
    for (const audience of ['commenter', 'group', 'target'] as const) {
      checkCard(commentCard(view, audience));
      checkCard(
        commentCard({ ...view, published: true, acknowledged: true, scopeName: '支部群+公开频道' }, audience),
      );
    }
  });

  it('the register, the item list and the reminders at their largest', () => {
    const reg: RegisterRow[] = Array.from({ length: 40 }, () => ({
      period: '2026-Q1',
      kindName: '季度点评',
      commenterName: name,
      targetName: name,
      date: '2026-04-03',
      status: '已公开 · 已确认',
      grades: ASPECTS.branch.map((n) => `${n}较好`).join(' '),
      items: [1, 2, 3].map(() => ({ text: long(200), due: '2026-04-30', label: '已逾期' })),
    }));
    const r = checkCard(
      commentRegisterCard({ scope: '第一党支部', period: '2026-Q1', commenter: name, rows: reg, page: 1 }),
    );
    expect(r.actions).toEqual(['comment.register-page']);
    const items: ItemRow[] = Array.from({ length: 40 }, (_, i) => ({
      commentId: 'c',
      no: 1,
      text: long(200),
      due: '2026-04-30',
      label: '已逾期',
      who: name,
      mine: i % 2 === 0,
    }));
    checkCard(commentItemsCard({ rows: items, page: 3 }));
    checkCard(
      leaderRemindCard({
        monthName: '4月',
        periodName: '2026年第一季度',
        kind: 'quarterly',
        period: '2026-Q1',
        due: [{ branchName: '第一党支部', names: Array.from({ length: 30 }, (_, i) => `${name}${i}`) }],
        items: Array.from({ length: 30 }, () => ({
          text: long(200),
          who: name,
          due: '2026-04-30',
          label: '已逾期',
        })),
      }),
    );
    checkCard(
      commentBehindCard({
        heading: '2026年第一季度点评',
        branchName: '第一党支部',
        due: '2026-04-10',
        rows: Array.from({ length: 30 }, () => ({ commenter: name, pending: 3, total: 30 })),
      }),
    );
    for (const forTarget of [true, false])
      checkCard(
        itemReminderCard({
          overdue: true,
          targetName: name,
          commenterName: name,
          text: long(200),
          due: '2026-04-30',
          commentId: 'c',
          no: 1,
          forTarget,
        }),
      );
  });
});

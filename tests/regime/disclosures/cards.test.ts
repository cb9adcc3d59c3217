/** Every 三公开 card is one Lark accepts, with registered buttons, even at its largest. */
import { describe, expect, it } from 'vitest';
import { briefingCard, type BriefingView } from '../../../cards/briefing.js';
import { MEMBER_LINES } from '../../../cards/digest-kit.js';
import { halfDigestCard } from '../../../cards/digest-half-year.js';
import { monthDigestCard } from '../../../cards/digest-month.js';
import { quarterDigestCard } from '../../../cards/digest-quarter.js';
import { yearDigestCard } from '../../../cards/digest-year.js';
import { disclosureListCard } from '../../../cards/disclosure-list.js';
import { checkCard } from '../../cards/card-check.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `欧阳长长名字${i}`);
const grades = ['优秀', '良好', '一般', '较差'].map((grade, i) => ({ grade, count: 10 - i }));
const progress = { total: 120, fulfilled: 80, open: 30, overdue: 10 };
// Six branches of sixty members each: the largest office channel a county office has.
const branches = Array.from({ length: 6 }, (_, i) => `第${'一二三四五六'[i]}党支部`);

describe('digest cards', () => {
  it('the monthly digest for six branches of sixty stays under 30 KB, member lines capped', () => {
    const c = monthDigestCard({
      periodLabel: '2026年3月',
      branches: branches.map((name) => ({
        name,
        members: 60,
        recorded: 55,
        published: true,
        distribution: grades,
        closed: 12,
        people: names(60).map((n) => ({ name: n, recorded: true, grade: '优秀', closed: 1 })),
      })),
    });
    expect(checkCard(c).actions).toEqual([]);
    expect(JSON.stringify(c)).toContain(`另有 ${60 - MEMBER_LINES} 人`);
  });

  it('the quarterly, half-year and annual digests at their largest', () => {
    const quarter = quarterDigestCard({
      periodLabel: '2026年第一季度',
      branches: branches.map((name) => ({
        name,
        progress,
        closedInQuarter: 20,
        comments: { submitted: 30, published: 25, commenters: names(5) },
        people: names(60).map((n) => ({ name: n, total: 4, fulfilled: 2, open: 1, overdue: 1 })),
      })),
    });
    const votes = { satisfied: 20, basic: 7, unsatisfied: 3, total: 30 };
    const half = halfDigestCard({
      periodLabel: '2026年上半年',
      branches: branches.map((name, i) =>
        i === 5
          ? { name }
          : {
              name,
              survey: {
                respondents: 30,
                belowQuorum: i === 4,
                branch: votes,
                members: names(60).map((n) => ({ name: n, ...votes })),
              },
            },
      ),
    });
    const year = yearDigestCard({
      periodLabel: '2026年',
      topGrade: '优秀',
      branches: branches.map((name) => ({
        name,
        records: { recorded: 700, expected: 720 },
        grades,
        progress,
        comments: 40,
        surveys: [
          { label: '上半年', approved: 27, total: 30 },
          { label: '下半年', approved: 28, total: 30 },
        ],
        honours: names(3).map((n) => ({ name: n, honour: '优秀共产党员' })),
        people: names(60).map((n) => ({ name: n, recorded: 12, top: 6, fulfilled: 3, total: 4 })),
      })),
    });
    for (const c of [quarter, half, year]) expect(checkCard(c).actions).toEqual([]);
    expect(JSON.stringify(half)).toContain('本期没有已结束的群众评议');
  });
});

const briefing: BriefingView = {
  branchId: 'zx-1',
  branchName: '第一党支部',
  dateLabel: '2026年11月27日',
  progress,
  records: { monthLabel: '2026年11月', recorded: 40, members: 60 },
  ratings: { monthLabel: '2026年10月', published: true, rated: 60, members: 60 },
  missingRecords: names(20),
  quarterLabel: '2026年第四季度',
  leaders: names(6).map((name, i) => ({ name, commented: i % 2 === 0 })),
  overdueLines: names(30).map((owner) => ({
    owner,
    text: '这是一段较长的承诺事项文字，'.repeat(3),
    due: '2026-06-30',
  })),
  openFollowUps: names(15).map((target) => ({ target, text: '整改事项', due: '2026-12-31', overdue: false })),
};

describe('通报 and 公开记录 cards', () => {
  it('the preview carries 发布通报; the posted and channel cards carry no button', () => {
    expect(checkCard(briefingCard(briefing, 'preview')).actions).toEqual(['disclosure.briefing_post']);
    expect(checkCard(briefingCard(briefing, 'posted')).actions).toEqual([]);
    expect(checkCard(briefingCard(briefing, 'channel')).actions).toEqual([]);
  });

  it('the archive list, full and empty', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      title: `2026年${(i % 12) + 1}月 月度公开摘要`,
      chat: '公开频道',
      at: '2026-04-07 10:00',
      messageId: `om_${String(i).padStart(32, '0')}`,
    }));
    const full = disclosureListCard({ branchName: '第一党支部', scopeLabel: '2026年', rows });
    expect(checkCard(full).actions).toEqual([]);
    expect(JSON.stringify(full)).toContain('另有 160 条');
    checkCard(disclosureListCard({ branchName: '第一党支部', scopeLabel: '2026年3月', rows: [] }));
  });
});

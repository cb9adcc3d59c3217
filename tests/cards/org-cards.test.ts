/** Structural tests of the organisation's and the framework's cards (see card-check.ts for what is checked). */
import { describe, expect, it } from 'vitest';
import {
  BIND_CHAT_ACTION,
  chatBindingCard,
  chatBoundCard,
  SYNC_MEMBERS_ACTION,
} from '../../cards/chat-binding.js';
import { apologyCard, unsupportedMessageCard } from '../../cards/apology.js';
import { comingSoonCard } from '../../cards/coming-soon.js';
import { holidaysCard, holidayWarningCard } from '../../cards/holidays.js';
import { helpCard } from '../../cards/help.js';
import { memberSyncCard } from '../../cards/member-sync.js';
import { noticeCard } from '../../cards/org-notice.js';
import { SHOW_ACTION, scheduleBranchesCard, scheduleRefusalCard } from '../../cards/schedule-branches.js';
import { whoAmICard } from '../../cards/whoami.js';
import { checkCard } from './card-check.js';

const branches = Array.from({ length: 40 }, (_, i) => ({ id: `zx-${i + 1}`, name: `第${i + 1}党支部` }));
const options = [
  { value: 'org:zxjg', name: '全部支部' },
  ...branches.map((b) => ({ value: b.id, name: b.name })),
];

describe('cards of the organisation and the framework', () => {
  it('help lists every command and says what was not understood', () => {
    const words = [{ words: ['帮助', 'help'], summary: '查看我能做什么' }];
    checkCard(helpCard({ commands: words, chatType: 'p2p' }));
    const { actions } = checkCard(helpCard({ commands: words, chatType: 'group', notUnderstood: 'x' }));
    expect(actions).toEqual([]);
  });

  it('coming soon, notices and whoami carry no buttons', () => {
    expect(checkCard(comingSoonCard({ title: '导出', what: '导出台账' })).actions).toEqual([]);
    for (const tone of ['refused', 'hint', 'done'] as const)
      checkCard(noticeCard({ title: { zh: '提示' }, text: { zh: '内容' }, tone }));
    checkCard(whoAmICard({ roles: [] }));
    checkCard(
      whoAmICard({
        person: { name: '王建国', duties: '办公室主任', active: true },
        roles: [{ role: '支部书记', scope: '第一党支部' }],
      }),
    );
  });

  it('the binding card submits the binding action, also with 40 branches to pick from', () => {
    const { actions } = checkCard(chatBindingCard({ options }));
    expect(actions).toEqual([BIND_CHAT_ACTION]);
    checkCard(chatBindingCard({ options, current: { scopeName: '第一党支部', kind: 'office_channel' } }));
    expect(checkCard(chatBindingCard({ options: [] })).actions).toEqual([]);
    const bound = checkCard(
      chatBoundCard({ scopeName: '第一党支部', kind: 'branch_group', boundByName: '王建国', syncRound: 0 }),
    );
    expect(bound.actions).toEqual([SYNC_MEMBERS_ACTION]);
  });

  it('member sync lists long rosters within the size limit', () => {
    const names = Array.from({ length: 300 }, (_, i) => `党员${i}`);
    const { actions } = checkCard(
      memberSyncCard({
        branchName: '第一党支部',
        added: names,
        alreadyCount: 20,
        others: names,
        notInChat: names,
        round: 1,
      }),
    );
    expect(actions).toEqual([SYNC_MEMBERS_ACTION]);
  });

  it('the schedule branch picker shows one button per branch', () => {
    const { actions } = checkCard(scheduleBranchesCard({ branches }));
    expect(actions).toHaveLength(40);
    expect(new Set(actions)).toEqual(new Set([SHOW_ACTION]));
    checkCard(scheduleRefusalCard('只有管理员或支部书记可以查看和执行日程'));
  });

  it('the apology and the unsupported-message answer carry no buttons', () => {
    expect(checkCard(apologyCard({ reference: 'evt_0123456789abcdef' })).actions).toEqual([]);
    expect(checkCard(unsupportedMessageCard()).actions).toEqual([]);
  });

  it('the holidays card lists a whole year of days off and make-up days, from each source', () => {
    const off = Array.from(
      { length: 40 },
      (_, i) => `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    );
    for (const source of ['package', 'supplied', 'weekdays'] as const)
      checkCard(holidaysCard({ year: 2027, source, off, work: off.slice(0, 8), packageLast: 2026 }));
    checkCard(holidayWarningCard({ year: 2027, packageLast: 2026 }));
  });
});

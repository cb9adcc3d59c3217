/**
 * One or more sample cards from every file in cards/, built with made-up view data, keyed by the file's name.
 * The sandbox must render each without an unknown element (card-render.test.ts), and the test fails for a
 * file in cards/ that has no entry here: adding a card means adding its samples — a few lines, below.
 */
import { chatBindingCard, chatBoundCard } from '../../../cards/chat-binding.js';
import { comingSoonCard } from '../../../cards/coming-soon.js';
import { exportBranchCard, exportTablesCard, exportTooLargeCard } from '../../../cards/export-tables.js';
import { helpCard } from '../../../cards/help.js';
import type { CardJson } from '../../../cards/kit.js';
import { memberSyncCard } from '../../../cards/member-sync.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { scheduleBranchesCard, scheduleRefusalCard } from '../../../cards/schedule-branches.js';
import { scheduleCard } from '../../../cards/schedule.js';
import { whoAmICard } from '../../../cards/whoami.js';
import { DEFAULT_CALENDAR } from '../../../src/schedule/index.js';

const branches = [
  { id: 'zx-1', name: '第一党支部' },
  { id: 'zx-2', name: '第二党支部' },
];
const options = [
  { value: 'org:zxjg', name: '全部支部' },
  ...branches.map((b) => ({ value: b.id, name: b.name })),
];
const now = new Date('2026-11-20T09:00:00+08:00');
const branch = {
  id: 'zx-1',
  name: '第一党支部',
  timezone: 'Asia/Shanghai',
  quietHours: { start: '08:30', end: '20:00' },
  problems: ['本支部设置的提醒时段无效'],
};
const job = { ...DEFAULT_CALENDAR.find((e) => e.name === 'record.remind')!, run: async () => undefined };

/** Files of cards/ that build no card themselves. */
export const NOT_CARDS = new Set([
  'kit.ts',
  'comment-kit.ts',
  'pledge-kit.ts',
  'record-kit.ts',
  'digest-kit.ts',
  'pledge-actions.ts',
]);

export const CARD_SAMPLES: Record<string, () => CardJson[]> = {
  'chat-binding.ts': () => [
    chatBindingCard({ options }),
    chatBindingCard({ options, current: { scopeName: '第一党支部', kind: 'office_channel' } }),
    chatBindingCard({ options: [] }),
    chatBoundCard({ scopeName: '第一党支部', kind: 'branch_group', boundByName: '王建国', syncRound: 0 }),
  ],
  'coming-soon.ts': () => [comingSoonCard({ title: '导出', what: '导出台账' })],
  'export-tables.ts': () => [
    exportTablesCard({ tables: [{ name: '承诺践诺台账', aliases: ['台账'] }, { name: '月度评比表' }] }),
    exportTablesCard({ tables: [{ name: '承诺践诺台账', aliases: ['台账'] }], unknown: '花名册' }),
    exportBranchCard({ table: '台账', branches: ['第一党支部', '第二党支部'] }),
    exportTooLargeCard({ fileName: '第一党支部-2026年度-承诺践诺台账.xlsx', megabytes: 31.2 }),
  ],
  'help.ts': () => [
    helpCard({ commands: [{ words: ['帮助', 'help'], summary: '查看我能做什么' }], chatType: 'p2p' }),
    helpCard({ commands: [], chatType: 'group', notUnderstood: '**你好**' }),
  ],
  'member-sync.ts': () => [
    memberSyncCard({
      branchName: '第一党支部',
      added: ['张伟'],
      alreadyCount: 3,
      others: ['访客'],
      notInChat: ['刘洋'],
      round: 1,
    }),
  ],
  'org-notice.ts': () =>
    (['refused', 'hint', 'done'] as const).map((tone) =>
      noticeCard({ title: { zh: '提示' }, text: { zh: '内容' }, tone }),
    ),
  'schedule-branches.ts': () => [
    scheduleBranchesCard({ branches }),
    scheduleRefusalCard('只有管理员或支部书记可以查看和执行日程'),
  ],
  'schedule.ts': () => [
    scheduleCard({ branch, runs: [], now }),
    scheduleCard({
      branch,
      now,
      notice: { zh: '已执行「每月记实提醒」' },
      runs: [
        {
          job,
          cron: '0 9 24 * *',
          overridden: true,
          enabled: true,
          next: {
            plannedAt: new Date('2026-11-24T09:00:00+08:00'),
            deliverAt: new Date('2026-11-24T09:00:00+08:00'),
            periodKey: '2026-11',
            windowKey: '2026-11',
            shifted: false,
            run: null,
          },
          last: null,
        },
        { job, cron: job.cron, overridden: false, enabled: false, next: null, last: null },
      ],
    }),
  ],
  'whoami.ts': () => [
    whoAmICard({ roles: [] }),
    whoAmICard({
      person: { name: '王建国', duties: '办公室主任', active: true },
      roles: [{ role: '支部书记', scope: '第一党支部' }],
    }),
  ],
};

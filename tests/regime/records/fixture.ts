/** A branch of five members, its secretary, its group and the office channel, for the monthly cycle. */
import { importFixture } from '../../org/fixtures.js';
import type { Harness } from '../../support/harness.js';

export const secretary = { open_id: 'ou_msec000000000000000000000000001', name: '王建国' };
/** Sorted as the bot lists members (by name, zh-CN). */
export const members = {
  chen: { open_id: 'ou_mmem000000000000000000000000001', name: '陈静' },
  li: { open_id: 'ou_mmem000000000000000000000000002', name: '李秀英' },
  liu: { open_id: 'ou_mmem000000000000000000000000003', name: '刘洋' },
  zhang: { open_id: 'ou_mmem000000000000000000000000004', name: '张伟' },
  zhao: { open_id: 'ou_mmem000000000000000000000000005', name: '赵敏' },
} as const;
export const GROUP = 'oc_monthly_branch_group_000000001';
export const OFFICE = 'oc_monthly_office_channel_0000001';

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${GROUP}, office_channel: ${OFFICE} }
people:
  - open_id: ${secretary.open_id}
    name: ${secretary.name}
    roles: { secretary: zx-1 }
${Object.values(members)
  .map((m) => `  - open_id: ${m.open_id}\n    name: ${m.name}\n    roles: { member: zx-1 }`)
  .join('\n')}
`;

export async function setUpBranch(h: Pick<Harness, 'conn' | 'emulator'>): Promise<void> {
  await importFixture(h.conn, ORG);
  const everyone = [secretary, ...Object.values(members)];
  for (const p of everyone) h.emulator.addUser(p);
  h.emulator.addChat({ chat_id: GROUP, name: '第一党支部', members: everyone.map((p) => p.open_id) });
  h.emulator.addChat({ chat_id: OFFICE, name: '机关公开频道', members: [secretary.open_id] });
}

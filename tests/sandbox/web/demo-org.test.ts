/** The demo organisation the sandbox starts with: imported once, bound to its chats, the same on every start. */
import { describe, expect, it } from 'vitest';
import { ALL_BRANCHES, findBranchChats, listBranchRoles } from '../../../src/org/index.js';
import { demoChats, demoPeople, loadDemoOrg } from '../../../src/sandbox/demo/demo-org.js';
import { importDemoOrg } from '../../../src/sandbox/demo/seed-demo.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

describe('the demo organisation', () => {
  it('is imported on first start, binds its chats, and changes nothing on the next start', async () => {
    const now = new Date('2026-11-20T09:00:00+08:00');
    const first = await importDemoOrg(db(), now);
    expect(first.filter((c) => c.entity === 'branch')).toHaveLength(2);
    expect(first.filter((c) => c.entity === 'chat')).toHaveLength(4);
    expect(await importDemoOrg(db(), now)).toEqual([]);

    // Each branch has its own group; the office channel and the evaluators' group serve both.
    const [zx1, zx2] = [await findBranchChats(db(), 'zx-1'), await findBranchChats(db(), 'zx-2')];
    expect(Object.keys(zx1).sort()).toEqual(['branch_group', 'evaluators_group', 'office_channel']);
    expect(zx2.office_channel).toBe(zx1.office_channel);
    expect(zx2.evaluators_group).toBe(zx1.evaluators_group);
    expect(zx2.branch_group).not.toBe(zx1.branch_group);
    const roles = async (branchId: string) =>
      new Set((await listBranchRoles(db(), { branchId })).map((r) => r.role));
    expect(await roles('zx-1')).toEqual(new Set(['secretary', 'member', 'leader', 'evaluator']));
    expect(await roles(ALL_BRANCHES)).toEqual(new Set(['reviewer', 'admin']));
  });

  it('names everyone for the 「我是」 switch and puts each in the chats they belong to', () => {
    const file = loadDemoOrg();
    const people = demoPeople(file);
    expect(people.find((p) => p.name === '王建国')?.label).toBe('第一党支部书记、管理员');
    expect(people.filter((p) => p.label.includes('评议代表'))).toHaveLength(5);
    const chats = demoChats(file);
    expect(chats.map((c) => c.kind)).toEqual(['支部群', '支部群', '公开频道', '评议群']);
    const office = chats.find((c) => c.kind === '公开频道')!;
    expect(office.members).toHaveLength(people.length);
    const byName = new Map(people.map((p) => [p.openId, p.name]));
    expect(chats[1]!.members.map((m) => byName.get(m))).toEqual(['陈静', '杨帆', '赵敏', '吴国华']);
  });
});

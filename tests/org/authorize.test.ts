import { beforeAll, describe, expect, it } from 'vitest';
import { refusalCard, refusalReply, requireRole, type Permission } from '../../src/org/authorize.js';
import { listBranchesWithRole } from '../../src/org/index.js';
import { useTestDatabase } from '../support/database.js';
import { importFixture, ORG_YAML, people } from './fixtures.js';

const db = useTestDatabase();
beforeAll(async () => {
  await importFixture(db());
});

const reviewPledge: Permission = { roles: ['secretary'], to: '审核承诺', en: 'review pledges' };
const commentBranch: Permission = {
  roles: ['reviewer', 'leader'],
  to: '点评支部',
  en: 'comment on the branch',
};

describe('requireRole', () => {
  it("allows a branch's secretary in their branch, with the person and the role that granted it", async () => {
    const r = await requireRole(db(), people.secretary1.open_id, reviewPledge, 'zx-1');
    expect(r.ok && { name: r.person.name, roles: r.roles.map((x) => `${x.role}@${x.branchId}`) }).toEqual({
      name: '王建国',
      roles: ['secretary@zx-1'],
    });
  });

  it('refuses them in another branch, naming the role needed', async () => {
    expect(await requireRole(db(), people.secretary1.open_id, reviewPledge, 'zx-2')).toEqual({
      ok: false,
      message: '只有该支部书记可以审核承诺',
      en: "Only the branch's secretary can review pledges.",
    });
  });

  it('refuses a member, and names every role that would do', async () => {
    const r = await requireRole(db(), people.member1.open_id, commentBranch, 'zx-1');
    expect(r.ok === false && r.message).toBe('只有上级党组织或联系领导可以点评支部');
  });

  it('lets a role held in every branch count in each branch', async () => {
    expect((await requireRole(db(), people.reviewer.open_id, commentBranch, 'zx-2')).ok).toBe(true);
    expect((await requireRole(db(), people.admin.open_id, ['admin'], 'zx-1')).ok).toBe(true);
  });

  it("counts a leader's contact branches only", async () => {
    expect((await requireRole(db(), people.leader.open_id, commentBranch, 'zx-1')).ok).toBe(true);
    // A contact member in the second branch makes the leader a leader there too (for that member).
    expect((await requireRole(db(), people.leader.open_id, ['leader'], 'zx-2')).ok).toBe(true);
    expect((await requireRole(db(), people.leader.open_id, reviewPledge, 'zx-1')).ok).toBe(false);
  });

  it('without a branch, a role in any branch counts', async () => {
    expect((await requireRole(db(), people.secretary2.open_id, reviewPledge)).ok).toBe(true);
    const r = await requireRole(db(), people.member1.open_id, reviewPledge);
    expect(r.ok === false && r.message).toBe('只有支部书记可以审核承诺');
  });

  it('refuses people the bot does not know, and deactivated people whatever they held', async () => {
    expect((await requireRole(db(), 'ou_nobody', ['member'])).ok).toBe(false);
    await importFixture(
      db(),
      ORG_YAML.replace(/ {2}- open_id: ou_sec2000000000000000000000000001\n.*\n.*\n/, ''),
    );
    expect((await requireRole(db(), people.secretary2.open_id, reviewPledge, 'zx-2')).ok).toBe(false);
    await importFixture(db());
  });

  it('accepts a bare list of roles, with a general sentence', async () => {
    const r = await requireRole(db(), people.member1.open_id, ['admin']);
    expect(r.ok === false && r.message).toBe('只有管理员可以进行这项操作');
  });

  it('turns a refusal into a toast for a card and a card for a command', async () => {
    const r = await requireRole(db(), people.member1.open_id, reviewPledge, 'zx-1');
    if (r.ok) throw new Error('expected a refusal');
    expect(refusalReply(r)).toEqual({
      toast: { type: 'warning', content: '只有该支部书记可以审核承诺', en: r.en },
    });
    expect(JSON.stringify(refusalCard(r))).toContain('只有该支部书记可以审核承诺');
  });
});

describe('listBranchesWithRole', () => {
  it('lists the branches a person may act in: all of them for a deployment-wide role', async () => {
    expect(await listBranchesWithRole(db(), people.admin.open_id, ['admin', 'secretary'])).toEqual([
      { id: 'zx-1', name: '第一党支部' },
      { id: 'zx-2', name: '第二党支部' },
    ]);
    expect(await listBranchesWithRole(db(), people.secretary2.open_id, ['admin', 'secretary'])).toEqual([
      { id: 'zx-2', name: '第二党支部' },
    ]);
    expect(await listBranchesWithRole(db(), people.member1.open_id, ['admin', 'secretary'])).toEqual([]);
  });
});

/** The organisation file's chats: an organisation-wide office channel, channels shared by branches. */
import { describe, expect, it } from 'vitest';
import { formatImport } from '../../src/org/import/format-import.js';
import { importOrgFile } from '../../src/org/import/import-org.js';
import { findBranchChats, findChatBinding, resolveChats } from '../../src/org/index.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
const now = new Date('2026-11-26T02:00:00Z');
const importText = async (text: string) => {
  const result = await importOrgFile(db(), text, { now, fileName: 'org.yaml' });
  return { result, report: formatImport(result, 'org.yaml') };
};

const file = (extra = '') => `organisation:
  id: zxjg
  name: 县政协机关党总支
  chats: { office_channel: oc_office, evaluators_group: oc_eval }
branches:
  - { id: zx-1, name: 第一党支部, chats: { branch_group: oc_g1 } }
  - { id: zx-2, name: 第二党支部, chats: { evaluators_group: oc_eval23 } }
  - { id: zx-3, name: 第三党支部, chats: { evaluators_group: oc_eval23 } }
  - { id: zx-4, name: 第四党支部, chats: { office_channel: oc_office4 } }
${extra}`;

describe('chats in the organisation file', () => {
  it("serves every branch from the organisation's chats unless the branch names its own", async () => {
    const { result, report } = await importText(file());
    expect(result.ok).toBe(true);
    expect(report).toContain('+ 新增 群聊 全部支部（县政协机关党总支）的公开频道（oc_office）');
    expect(report).toContain('+ 新增 群聊 第二党支部、第三党支部的评议群（oc_eval23）');
    expect(await findBranchChats(db(), 'zx-1')).toEqual({
      branch_group: 'oc_g1',
      office_channel: 'oc_office',
      evaluators_group: 'oc_eval',
    });
    expect(await findBranchChats(db(), 'zx-4')).toEqual({
      office_channel: 'oc_office4',
      evaluators_group: 'oc_eval',
    });
    expect(await resolveChats(db(), ['zx-1', 'zx-2', 'zx-3', 'zx-4'], 'office_channel')).toEqual([
      { chatId: 'oc_office', branchIds: ['zx-1', 'zx-2', 'zx-3'] },
      { chatId: 'oc_office4', branchIds: ['zx-4'] },
    ]);
    expect(await resolveChats(db(), ['zx-1', 'zx-2', 'zx-3'], 'evaluators_group')).toEqual([
      { chatId: 'oc_eval', branchIds: ['zx-1'] },
      { chatId: 'oc_eval23', branchIds: ['zx-2', 'zx-3'] },
    ]);
    expect((await importText(file())).report).toBe('org.yaml：没有变化 (no changes)');
  });

  it('takes a branch off a shared chat when the file gives it one of its own', async () => {
    const moved = file().replace(
      '{ id: zx-3, name: 第三党支部, chats: { evaluators_group: oc_eval23 } }',
      '{ id: zx-3, name: 第三党支部, chats: { evaluators_group: oc_eval3 } }',
    );
    await importText(moved);
    expect(await findChatBinding(db(), 'oc_eval23')).toMatchObject({ branchIds: ['zx-2'], active: true });
    expect((await findBranchChats(db(), 'zx-3')).evaluators_group).toBe('oc_eval3');
  });

  it('reports a branch group for the whole organisation with its line', async () => {
    const { result, report } = await importText(
      file().replace('evaluators_group: oc_eval }', 'evaluators_group: oc_eval, branch_group: oc_all }'),
    );
    expect(result.ok).toBe(false);
    expect(report).toContain('org.yaml:4  organisation.chats.branch_group：支部群只能属于一个支部');
  });

  it("reports a chat used for two purposes, a shared branch group, and a branch naming the organisation's chat", async () => {
    const bad = `organisation:
  id: zxjg
  name: 县政协机关党总支
  chats: { office_channel: oc_office }
branches:
  - { id: zx-1, name: 第一党支部, chats: { branch_group: oc_g1, office_channel: oc_office } }
  - { id: zx-2, name: 第二党支部, chats: { branch_group: oc_g1 } }
  - { id: zx-3, name: 第三党支部, chats: { evaluators_group: oc_g1 } }
`;
    const { result, report } = await importText(bad);
    expect(result.ok).toBe(false);
    expect(report).toContain(
      'org.yaml:6  branches[0].chats.office_channel：群聊 oc_office 已是全组织的公开频道',
    );
    expect(report).toContain(
      'org.yaml:7  branches[1].chats.branch_group：群聊 oc_g1 已是 zx-1的支部群，支部群只能属于一个支部',
    );
    expect(report).toContain(
      'org.yaml:8  branches[2].chats.evaluators_group：群聊 oc_g1 已用作 zx-1的支部群，一个群只能有一种用途',
    );
  });
});

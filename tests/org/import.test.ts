import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/org/audit.js';
import { formatImport } from '../../src/org/import/format-import.js';
import { importOrgFile } from '../../src/org/import/import-org.js';
import {
  findBranchChats,
  findPerson,
  listActiveBranches,
  listBranchPeople,
  requireRole,
  rolesOf,
} from '../../src/org/index.js';
import { useTestDatabase } from '../support/database.js';
import { ORG_YAML, people } from './fixtures.js';

const db = useTestDatabase();
const now = new Date('2026-11-26T02:00:00Z');
const importText = (text: string, fileName = 'org.yaml') => importOrgFile(db(), text, { now, fileName });

describe('importing the organisation file', () => {
  it('imports the checked-in example: branches with their calendars, people, roles and chats', async () => {
    const text = await readFile(new URL('../../examples/org.example.yaml', import.meta.url), 'utf8');
    const result = await importText(text, 'examples/org.example.yaml');
    expect(result.ok).toBe(true);
    expect(formatImport(result, 'examples/org.example.yaml')).toContain('+ 新增 支部 县政协机关第一党支部');

    const branches = await listActiveBranches(db());
    expect(branches.map((b) => b.name)).toEqual(['县政协机关第一党支部', '县政协机关第二党支部']);
    expect(branches[0]).toMatchObject({
      id: 'zx-1',
      timezone: 'Asia/Shanghai',
      calendar: {
        quietHours: { start: '08:30', end: '20:00' },
        jobs: { 'record.remind': { cron: '0 9 24 * *' } },
      },
    });
    expect(branches[1]!.calendar).toEqual({ jobs: { 'pledge.chase': { enabled: false } } });
    expect(Object.keys(await findBranchChats(db(), 'zx-1')).sort()).toEqual([
      'branch_group',
      'evaluators_group',
      'office_channel',
    ]);
    expect((await listBranchPeople(db(), 'zx-1')).map((p) => p.name)).toEqual(
      expect.arrayContaining(['王建国', '李秀英', '张伟', '刘洋', '郑小燕']),
    );
    // The second leader has one member of the first branch as a contact point, not the branch itself.
    const leaderRoles = await rolesOf(db(), 'ou_22c03464f1388f178c86686efd82a2eb');
    expect(leaderRoles.map((r) => [r.branchId, r.contactMembers])).toEqual([
      ['zx-1', ['ou_8ccf6d31883bc937476b507779c2a978']],
      ['zx-2', undefined],
    ]);
  });

  it('importing the same file again changes nothing and says so', async () => {
    const first = await importText(ORG_YAML);
    expect(first.ok && first.changes.length).toBeGreaterThan(0);
    const audited = (await listAudit(db())).length;

    const again = await importText(ORG_YAML);
    expect(again).toEqual({ ok: true, changes: [] });
    expect(formatImport(again, 'org.yaml')).toBe('org.yaml：没有变化 (no changes)');
    expect((await listAudit(db())).length).toBe(audited);
  });

  it('records every change in the audit trail, with the file as its source', async () => {
    await importText(ORG_YAML);
    const entries = await listAudit(db(), { targetId: people.secretary1.open_id });
    expect(entries[0]).toMatchObject({
      actor: 'org:import',
      action: 'person.create',
      target: { type: 'person', id: people.secretary1.open_id },
      changes: { name: { to: '王建国' }, active: { to: true } },
      source: { via: 'cli', ref: 'org.yaml' },
    });
    expect(await listAudit(db(), { targetId: `${people.secretary1.open_id}/secretary@zx-1` })).toHaveLength(
      1,
    );
  });

  it('deactivates a person removed from the file, keeps their record, and brings them back when re-added', async () => {
    await importText(ORG_YAML);
    const without = ORG_YAML.replace(/ {2}- open_id: ou_mem1000000000000000000000000002\n.*\n.*\n/, '');
    const removed = await importText(without);
    expect(removed.ok && removed.changes.map((c) => `${c.verb} ${c.label}`)).toEqual([
      'deactivate 人员 张伟',
      'deactivate 角色 张伟 · 党员 · 第一党支部',
    ]);
    expect(await findPerson(db(), people.member2.open_id)).toMatchObject({ name: '张伟', active: false });
    expect((await listBranchPeople(db(), 'zx-1')).map((p) => p.name)).not.toContain('张伟');
    expect((await requireRole(db(), people.member2.open_id, ['member'], 'zx-1')).ok).toBe(false);
    expect(
      await listAudit(db(), { targetId: people.member2.open_id, action: 'person.deactivate' }),
    ).toHaveLength(1);

    const back = await importText(ORG_YAML);
    expect(back.ok && back.changes.map((c) => c.verb)).toEqual(['reactivate', 'reactivate']);
    expect(await findPerson(db(), people.member2.open_id)).toMatchObject({ active: true });
  });

  it('applies an edit as an update of the changed fields only', async () => {
    await importText(ORG_YAML);
    const edited = await importText(ORG_YAML.replace('duties: 办公室主任', 'duties: 秘书长'));
    expect(edited.ok && edited.changes).toEqual([
      {
        verb: 'update',
        entity: 'person',
        id: people.secretary1.open_id,
        label: '人员 王建国',
        fields: ['duties'],
      },
    ]);
    expect(formatImport(edited, 'org.yaml')).toContain('~ 修改 人员 王建国：duties');
    await importText(ORG_YAML);
  });

  it('reports every bad row with its line, and imports nothing from a file with problems', async () => {
    await importText(ORG_YAML);
    const before = (await listAudit(db())).length;
    const bad = [
      'organisation: { id: zxjg, name: 县政协机关党总支 }', // 1
      'branches:', // 2
      '  - id: zx-1', // 3
      '    name: 第一党支部', // 4
      '    calendar:', // 5
      "      quietHours: { start: '8:30', end: '20:00' }", // 6
      '  - id: zx-1', // 7
      '    name: 重复的支部', // 8
      'people:', // 9
      '  - open_id: u_123', // 10
      '    name: 新人', // 11
      '  - open_id: ou_new0000000000000000000000000001', // 12
      '    roles: { member: zx-9 }', // 13
      '    dutys: 科员', // 14
    ].join('\n');
    const result = await importText(bad);
    expect(result.ok).toBe(false);
    const report = formatImport(result, 'org.yaml');
    expect(report).toContain('发现 6 处问题，没有导入任何内容');
    expect(report).toContain('org.yaml:6  branches[0].calendar.quietHours.start：时间应写成 HH:mm');
    expect(report).toContain('org.yaml:7  branches[1].id：支部编号「zx-1」重复');
    expect(report).toContain('org.yaml:10  people[0].open_id：open_id 应以 ou_ 开头');
    expect(report).toContain('org.yaml:12  people[1].name：缺少必填字段「name」');
    expect(report).toContain('org.yaml:14  people[1].dutys：不认识的字段「dutys」');
    expect(report).toContain('org.yaml:13  people[1].roles.member[0]：没有编号为「zx-9」的支部');
    expect((await listAudit(db())).length).toBe(before);
    expect(await findPerson(db(), 'ou_new0000000000000000000000000001')).toBeUndefined();
  });

  it('reads JSON too, with line numbers', async () => {
    const json = JSON.stringify(
      { organisation: { id: 'zxjg', name: '县政协机关党总支' }, branches: [{ id: 'zx-1' }] },
      null,
      2,
    );
    const result = await importText(json, 'org.json');
    expect(formatImport(result, 'org.json')).toContain('org.json:7  branches[0].name：缺少必填字段「name」');
  });

  it('reports YAML syntax errors with their line', async () => {
    const result = await importText('organisation:\n  id: [zxjg\nbranches: []\n');
    expect(result.ok).toBe(false);
    expect(formatImport(result, 'org.yaml')).toMatch(/org\.yaml:\d+ {2}YAML 格式错误/);
  });
});

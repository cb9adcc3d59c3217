/** One branch for the pledge tests: five members, a secretary, a reviewer, and its three chats. */
import type { Connection } from 'mongoose';
import { importOrgFile } from '../../../src/org/import/import-org.js';
import type { Harness } from '../../support/harness.js';

export const sec = 'ou_sec1000000000000000000000000001';
export const reviewer = 'ou_revw000000000000000000000000001';
export const members = [
  'ou_mem1000000000000000000000000001',
  'ou_mem1000000000000000000000000002',
  'ou_mem1000000000000000000000000003',
  'ou_mem1000000000000000000000000004',
  'ou_mem1000000000000000000000000005',
] as const;
export const names = ['李秀英', '张伟', '刘洋', '陈静', '杨帆'] as const;
export const group = 'oc_group00000000000000000000000001';
export const office = 'oc_office0000000000000000000000001';
export const evaluators = 'oc_evals00000000000000000000000001';

export const orgYaml = (without: readonly string[] = []) => `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${group}, office_channel: ${office}, evaluators_group: ${evaluators} }
people:
  - { open_id: ${sec}, name: 王建国, roles: { secretary: zx-1 } }
  - { open_id: ${reviewer}, name: 县直机关工委, roles: { reviewer: all } }
${members
  .map((m, i) => ({ m, i }))
  .filter(({ m }) => !without.includes(m))
  .map(({ m, i }) => `  - { open_id: ${m}, name: ${names[i]}, roles: { member: zx-1 } }`)
  .join('\n')}
`;

export async function importBranch(conn: Connection, now: Date, without: readonly string[] = []) {
  const result = await importOrgFile(conn, orgYaml(without), { now, fileName: 'org.yaml' });
  if (!result.ok) throw new Error(`fixture does not import: ${JSON.stringify(result.problems)}`);
}

export function addPeople(h: Harness) {
  h.emulator.addUser({ open_id: sec, name: '王建国' });
  h.emulator.addUser({ open_id: reviewer, name: '县直机关工委' });
  members.forEach((m, i) => h.emulator.addUser({ open_id: m, name: names[i]! }));
  h.emulator.addChat({ chat_id: group, name: '第一党支部', members: [sec, ...members] });
  h.emulator.addChat({ chat_id: office, name: '机关公开频道', members: [sec, reviewer] });
  h.emulator.addChat({ chat_id: evaluators, name: '评议群', members: [sec, members[3]] });
}

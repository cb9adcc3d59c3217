/** One branch with a reviewer, a secretary, two leaders and five members; the branch group is bound. */
import type { Harness } from '../../support/harness.js';
import { importFixture } from '../../org/fixtures.js';

export const GROUP = 'oc_zx1group0000000000000000000000001';

const id = (tag: string, n: number) => `ou_${tag}${String(n).padStart(29 - tag.length, '0')}`;

export const who = {
  secretary: { open_id: id('sec', 1), name: '王建国' },
  reviewer: { open_id: id('rev', 1), name: '县直机关工委' },
  leader1: { open_id: id('lda', 1), name: '周志强' },
  leader2: { open_id: id('ldb', 1), name: '刘洋' },
  m1: { open_id: id('mem', 1), name: '李秀英' },
  m2: { open_id: id('mem', 2), name: '张伟' },
  m3: { open_id: id('mem', 3), name: '杨帆' },
  m4: { open_id: id('mem', 4), name: '赵敏' },
  m5: { open_id: id('mem', 5), name: '孙磊' },
} as const;

export const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${GROUP} }
people:
  - { open_id: ${who.secretary.open_id}, name: ${who.secretary.name}, roles: { secretary: zx-1, member: zx-1 } }
  - { open_id: ${who.reviewer.open_id}, name: ${who.reviewer.name}, roles: { reviewer: all } }
  - open_id: ${who.leader1.open_id}
    name: ${who.leader1.name}
    roles: { leader: { branches: [zx-1] } }
  - open_id: ${who.leader2.open_id}
    name: ${who.leader2.name}
    roles: { leader: { members: [${who.m1.open_id}, ${who.m2.open_id}] } }
${[who.m1, who.m2, who.m3, who.m4, who.m5]
  .map((m) => `  - { open_id: ${m.open_id}, name: ${m.name}, roles: { member: zx-1 } }`)
  .join('\n')}
`;

export async function setUp(h: Harness, org = ORG, extra: Array<{ open_id: string; name: string }> = []) {
  for (const p of [...Object.values(who), ...extra]) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: GROUP,
    name: '第一党支部',
    members: Object.values(who).map((p) => p.open_id),
  });
  await importFixture(h.conn, org);
}

/**
 * The organisation the survey tests run in: 第一党支部 (secretary + two members, 35 evaluators, an
 * evaluators' group) and 第二党支部 (ten members, 20 evaluators, no evaluators' group: the survey goes to
 * the branch group, and its 11 targets need two pages). A chat serves one branch, so each has its own
 * office channel.
 */
import type { Harness } from '../../support/harness.js';
import { importFixture } from '../../org/fixtures.js';

const id = (prefix: string, n: number) => `ou_${prefix}${String(n).padStart(29 - prefix.length, '0')}`;

export const sec1 = { open_id: id('sec1x', 1), name: '王建国' };
export const members1 = [
  { open_id: id('mem1x', 1), name: '李秀英' },
  { open_id: id('mem1x', 2), name: '张伟' },
];
export const evaluators1 = Array.from({ length: 35 }, (_, i) => ({
  open_id: id('eval1x', i),
  name: `评议代表${i + 1}`,
}));
export const sec2 = { open_id: id('sec2x', 1), name: '陈静' };
export const members2 = Array.from({ length: 9 }, (_, i) => ({
  open_id: id('mem2x', i),
  name: `党员${i + 1}`,
}));
export const evaluators2 = Array.from({ length: 20 }, (_, i) => ({
  open_id: id('eval2x', i),
  name: `代表${i + 1}`,
}));
export const outsider = { open_id: id('outsider', 1), name: '路人甲' };
export const admin = { open_id: id('admin', 1), name: '郑小燕' };

export const CHATS = {
  group1: 'oc_branch1000000000000000000000001',
  office: 'oc_office0000000000000000000000001',
  eval1: 'oc_evalgrp00000000000000000000001',
  group2: 'oc_branch2000000000000000000000001',
  office2: 'oc_office0000000000000000000000002',
};

const person = (p: { open_id: string; name: string }, roles: string) =>
  `  - open_id: ${p.open_id}\n    name: ${p.name}\n    roles: ${roles}\n`;

export const SURVEY_ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${CHATS.group1}, office_channel: ${CHATS.office}, evaluators_group: ${CHATS.eval1} }
  - id: zx-2
    name: 第二党支部
    chats: { branch_group: ${CHATS.group2}, office_channel: ${CHATS.office2} }
people:
${person(sec1, '{ secretary: zx-1, member: zx-1 }')}${members1.map((m) => person(m, '{ member: zx-1 }')).join('')}${evaluators1
  .map((e) => person(e, '{ evaluator: zx-1 }'))
  .join(
    '',
  )}${person(sec2, '{ secretary: zx-2, member: zx-2 }')}${members2.map((m) => person(m, '{ member: zx-2 }')).join('')}${evaluators2
  .map((e) => person(e, '{ evaluator: zx-2 }'))
  .join('')}${person(admin, '{ admin: all }')}`;

export async function setUpSurveyOrg(h: Harness): Promise<void> {
  await importFixture(h.conn, SURVEY_ORG);
  const everyone = [sec1, ...members1, ...evaluators1, sec2, ...members2, ...evaluators2, outsider, admin];
  for (const p of everyone) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: CHATS.eval1,
    name: '第一党支部评议群',
    members: [sec1.open_id, ...evaluators1.map((e) => e.open_id)],
  });
  h.emulator.addChat({
    chat_id: CHATS.group1,
    name: '第一党支部',
    members: [sec1.open_id, ...members1.map((m) => m.open_id)],
  });
  h.emulator.addChat({ chat_id: CHATS.office, name: '机关公开频道', members: [sec1.open_id, sec2.open_id] });
  h.emulator.addChat({
    chat_id: CHATS.group2,
    name: '第二党支部',
    members: [sec2.open_id, ...members2.map((m) => m.open_id), ...evaluators2.map((e) => e.open_id)],
  });
}

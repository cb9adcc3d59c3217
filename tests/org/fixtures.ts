/** A small organisation for the org tests: two branches, their secretaries and members, a leader, an admin. */
import type { Connection } from 'mongoose';
import type { FormFill } from '../../src/sandbox/emulator/index.js';
import type { Harness } from '../support/harness.js';
import { importOrgFile } from '../../src/org/import/import-org.js';

export const people = {
  secretary1: { open_id: 'ou_sec1000000000000000000000000001', name: '王建国' },
  member1: { open_id: 'ou_mem1000000000000000000000000001', name: '李秀英' },
  member2: { open_id: 'ou_mem1000000000000000000000000002', name: '张伟' },
  secretary2: { open_id: 'ou_sec2000000000000000000000000001', name: '陈静' },
  member3: { open_id: 'ou_mem2000000000000000000000000001', name: '杨帆' },
  leader: { open_id: 'ou_lead000000000000000000000000001', name: '周志强' },
  reviewer: { open_id: 'ou_revw000000000000000000000000001', name: '县直机关工委组织科' },
  admin: { open_id: 'ou_admn000000000000000000000000001', name: '郑小燕' },
} as const;

export const ORG_YAML = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    calendar:
      quietHours: { start: '08:30', end: '20:00' }
  - id: zx-2
    name: 第二党支部
people:
  - open_id: ${people.secretary1.open_id}
    name: ${people.secretary1.name}
    duties: 办公室主任
    roles: { secretary: zx-1, member: zx-1 }
  - open_id: ${people.member1.open_id}
    name: ${people.member1.name}
    duties: 提案委员会办公室主任
    roles: { member: zx-1 }
  - open_id: ${people.member2.open_id}
    name: ${people.member2.name}
    roles: { member: zx-1 }
  - open_id: ${people.secretary2.open_id}
    name: ${people.secretary2.name}
    roles: { secretary: zx-2, member: zx-2 }
  - open_id: ${people.member3.open_id}
    name: ${people.member3.name}
    roles: { member: zx-2 }
  - open_id: ${people.leader.open_id}
    name: ${people.leader.name}
    duties: 县政协副主席
    roles:
      leader: { branches: [zx-1], members: [${people.member3.open_id}] }
  - open_id: ${people.reviewer.open_id}
    name: ${people.reviewer.name}
    roles: { reviewer: all }
  - open_id: ${people.admin.open_id}
    name: ${people.admin.name}
    roles: { admin: all }
`;

export async function importFixture(conn: Connection, text = ORG_YAML) {
  const result = await importOrgFile(conn, text, {
    now: new Date('2026-11-26T02:00:00Z'),
    fileName: 'org.yaml',
  });
  if (!result.ok) throw new Error(`fixture does not import: ${JSON.stringify(result.problems)}`);
  return result.changes;
}

/**
 * Binds a group as a person does: fills the binding card — the one given, while it still offers 绑定, or a
 * fresh one asked for with 「@机器人 绑定」 — and presses 绑定. Returns Lark's answer to the click.
 */
export async function bindChatAs(
  h: Harness,
  o: { chat: string; operator: string; form: FormFill; cardId?: string },
) {
  let cardId = o.cardId;
  if (!cardId || !h.emulator.buttonsOf(cardId).includes('绑定')) {
    const asked = await h.emulator.sendText({
      chat_id: o.chat,
      chat_type: 'group',
      sender_open_id: o.operator,
      text: '绑定',
      mentionBot: true,
    });
    await h.bot.inbox.settled();
    await h.bot.outbox.settled();
    const reply = h.emulator.botMessages({ chat_id: o.chat }).find((m) => m.reply_to === asked.message_id);
    if (!reply) throw new Error('bindChatAs: no binding card came back');
    cardId = reply.message_id;
  }
  return h.emulator.press({ message_id: cardId, operator_open_id: o.operator, button: '绑定', form: o.form });
}

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrgFile } from '../src/org/import/import-org.js';
import { startHarness, type Harness } from './support/harness.js';

/** The bot as main.ts builds it: organisation, scheduler and its 日程 command, wired to each other. */
const admin = 'ou_21232f297a57a5a743894a0e4a801fc3'; // 郑小燕, admin of all branches in the example file
const member = 'ou_8282a41ee288519b6d123cd322244c72'; // 李秀英, a member of zx-1
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ assembled: true });
  const file = readFileSync(new URL('../examples/org.example.yaml', import.meta.url), 'utf8');
  const imported = await importOrgFile(h.conn, file, { now: h.clock.now(), fileName: 'org.example.yaml' });
  expect(imported.ok).toBe(true);
});
afterAll(() => h.close());

const text = (m: { content: unknown }) => JSON.stringify(m.content);

describe('the assembled bot', () => {
  it("lists every module's commands in its help card", async () => {
    await h.emulator.sendText({
      chat_id: 'oc_p2p_admin_help',
      chat_type: 'p2p',
      sender_open_id: admin,
      text: '帮助',
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: 'oc_p2p_admin_help' });
    for (const word of ['日程', '我的身份', '绑定', '同步成员']) expect(text(reply!)).toContain(word);
  });

  it('shows the schedule to an admin, with the organisation deciding who may see it', async () => {
    await h.emulator.sendText({
      chat_id: 'oc_p2p_admin',
      chat_type: 'p2p',
      sender_open_id: admin,
      text: '日程',
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: 'oc_p2p_admin' });
    // An admin of every branch first picks one; the card then shows that branch's schedule.
    expect(text(reply!)).toContain('日程 · 选择支部');
    const picked = await h.emulator.clickButton({
      message_id: reply!.message_id,
      operator_open_id: admin,
      value: { action: 'schedule.show', branch: 'zx-1' },
    });
    expect(picked.status).toBe(200);
    expect(JSON.stringify(h.emulator.cardOf(reply!.message_id))).toContain('县政协机关第一党支部');
  });

  it('refuses the schedule to a plain member, saying who may see it', async () => {
    await h.emulator.sendText({
      chat_id: 'oc_p2p_member',
      chat_type: 'p2p',
      sender_open_id: member,
      text: '日程',
    });
    const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: 'oc_p2p_member' });
    expect(text(reply!)).toMatch(/只有.*(管理员|支部书记)/);
  });
});

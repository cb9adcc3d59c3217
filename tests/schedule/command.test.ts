import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { defineJob } from '../../src/schedule/default-calendar.js';
import type { ScheduleBranch } from '../../src/schedule/job.js';
import { scheduleModule, type ScheduleAccess, type ScheduleAuditEntry } from '../../src/schedule/module.js';
import { RUNS_COLLECTION } from '../../src/schedule/run-store.js';
import { createScheduler, type Scheduler } from '../../src/schedule/runner.js';
import { openTestDatabase } from '../support/database.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, type Harness } from '../support/harness.js';
import { captureLog, sh } from './support.js';

const admin = 'ou_admin000000000000000000000000001';
const secretary = 'ou_secretary0000000000000000000001';
const member = 'ou_member00000000000000000000000001';
const branchChat = 'oc_branch0000000000000000000000001';
const branches: ScheduleBranch[] = [
  { id: 'b1', name: '第一支部' },
  { id: 'b2', name: '第二支部', calendar: { jobs: { 'record.remind': { enabled: false } } } },
];

/** Admin manages every branch; the secretary only 第一支部; anyone else nothing. */
const audit: ScheduleAuditEntry[] = [];
const access: ScheduleAccess = {
  async canManage(openId, branchId) {
    if (openId === admin || (openId === secretary && branchId === 'b1')) return { ok: true };
    return {
      ok: false,
      message: '只有管理员或该支部书记可以执行日程',
      en: 'Only an admin or the branch secretary can.',
    };
  },
  async branchesFor(openId) {
    if (openId === admin) return branches;
    return openId === secretary ? branches.slice(0, 1) : [];
  },
  async audit(entry) {
    audit.push(entry);
  },
};

let h: Harness;
let conn: Connection;
let scheduler: Scheduler;
const clock = new FakeClock(sh('2026-09-21 10:00'));
let reminders = 0;

beforeAll(async () => {
  conn = await openTestDatabase();
  // The reminder job sends one card to the branch group, keyed by its run: a retried run sends nothing twice.
  const remind = defineJob('record.remind', async (ctx) => {
    reminders += 1;
    await ctx.outbox.enqueue(`${ctx.runKey}:group`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: branchChat,
      card: {
        schema: '2.0',
        config: { update_multi: true },
        body: { elements: [] },
        header: { title: { tag: 'plain_text', content: `记实提醒 ${ctx.periodKey}` } },
      },
    });
  });
  scheduler = createScheduler({
    conn,
    clock,
    log: captureLog().log,
    listBranches: async () => branches,
    jobs: [remind, defineJob('record.chase', async () => {})],
    context: () => ({ outbox: h.bot.outbox, lark: h.bot.lark, config: h.config }),
    trigger: () => ({ stop() {} }),
  });
  h = await startHarness({ conn, clock, modules: [scheduleModule({ scheduler, access })] });
  for (const [open_id, name] of [
    [admin, '管理员'],
    [secretary, '李书记'],
    [member, '张三'],
  ] as const) {
    h.emulator.addUser({ open_id, name });
  }
  h.emulator.addChat({ chat_id: branchChat, name: '第一支部', members: [admin, secretary, member] });
});

afterAll(async () => {
  await scheduler.stop();
  await h.close();
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

const text = (card: unknown) => JSON.stringify(card);

async function ask(sender: string, words: string) {
  const chat = `oc_p2p_${sender.slice(3, 12)}_${Math.random().toString(36).slice(2, 8)}`;
  await h.emulator.sendText({ chat_id: chat, chat_type: 'p2p', sender_open_id: sender, text: words });
  const [reply] = await h.emulator.waitForBotMessages(1, { chat_id: chat });
  return reply!;
}

/** The value of the 立即执行 button of a job on a schedule card. */
function triggerValue(card: unknown, job: string): Record<string, unknown> {
  const found = text(card).match(
    new RegExp(`"value":(\\{"action":"schedule\\.trigger"[^}]*"job":"${job.replace('.', '\\.')}"\\})`),
  );
  if (!found) throw new Error(`no 立即执行 button for ${job}`);
  return JSON.parse(found[1]!) as Record<string, unknown>;
}

describe('日程 in chat', () => {
  it('shows the secretary her branch: summary, planned time, holiday-shifted delivery, period, last run', async () => {
    const reply = await ask(secretary, '日程');
    const card = text(reply.content);
    expect(card).toContain('日程 · 第一支部');
    expect(card).toContain('每月记实提醒');
    expect(card).toContain('下次：9月25日（周五）09:00　周期 2026-09');
    expect(card).toContain('实际发送：**9月28日（周一）08:30**（遇休息日顺延）');
    expect(card).toContain('上次：尚未执行');
    // Soonest first: the 25th (delivered on the 28th) before the 28th.
    expect(card.indexOf('每月记实提醒')).toBeLessThan(card.indexOf('追催本月尚未记实的党员'));
  });

  it('lets an admin of several branches pick one, by name or with a button', async () => {
    const picker = await ask(admin, 'schedule');
    expect(text(picker.content)).toContain('日程 · 选择支部');
    const answer = await h.emulator.clickButton({
      message_id: picker.message_id,
      operator_open_id: admin,
      value: { action: 'schedule.show', branch: 'b2' },
    });
    expect(text(answer.body)).toContain('日程 · 第二支部');
    expect(text(h.emulator.cardOf(picker.message_id))).toContain('本支部已停用');
    const direct = await ask(admin, '日程 第二支部');
    expect(text(direct.content)).toContain('日程 · 第二支部');
  });

  it('refuses a member, in chat and on the button, and writes nothing', async () => {
    const reply = await ask(member, '日程');
    expect(text(reply.content)).toContain('只有管理员或支部书记可以查看和执行日程');
    const card = await ask(secretary, '日程');
    const runsBefore = await conn.db!.collection(RUNS_COLLECTION).countDocuments();
    const answer = await h.emulator.clickButton({
      message_id: card.message_id,
      operator_open_id: member,
      value: triggerValue(card.content, 'record.chase'),
    });
    expect(answer.body.toast).toMatchObject({
      type: 'warning',
      content: '只有管理员或该支部书记可以执行日程',
    });
    expect(await conn.db!.collection(RUNS_COLLECTION).countDocuments()).toBe(runsBefore);
    expect(audit).toHaveLength(0);
  });

  it('runs a job once when 立即执行 is pressed twice, and says so when pressed again later', async () => {
    const reply = await ask(secretary, '日程');
    const value = triggerValue(reply.content, 'record.remind');
    const click = () =>
      h.emulator.clickButton({ message_id: reply.message_id, operator_open_id: secretary, value });
    const [first, second] = [await click(), await click()];
    expect(first.body.toast.content).toBe('已执行「每月记实提醒：请党员公开本月记实」（2026-09）');
    expect(second.body.toast.content).toBe(first.body.toast.content); // the same click, answered the same
    expect(reminders).toBe(1);
    expect(text(h.emulator.cardOf(reply.message_id))).toContain(
      '上次：2026-09 已完成（9月21日（周一）10:00，手动执行）',
    );

    const byAdmin = await h.emulator.clickButton({
      message_id: reply.message_id,
      operator_open_id: admin,
      value,
    });
    expect(byAdmin.body.toast.content).toContain('本期已经执行过，不会重复执行');
    // The cron rule's own run for September finds the period done (this test moves the clock: it runs last).
    clock.set(sh('2026-09-28 09:00'));
    expect((await scheduler.tick()).done.sort()).toEqual([
      'record.chase:b1:2026-09',
      'record.chase:b2:2026-09',
    ]);
    expect(reminders).toBe(1);
    await h.bot.outbox.idle();
    expect(h.emulator.botMessages({ chat_id: branchChat })).toHaveLength(1);
    expect(
      await conn.db!.collection(RUNS_COLLECTION).countDocuments({ job: 'record.remind', status: 'done' }),
    ).toBe(1);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: secretary,
      action: 'job.trigger',
      branchId: 'b1',
      target: { type: 'job_run', id: 'record.remind:b1:2026-09' },
      detail: { job: 'record.remind', periodKey: '2026-09', outcome: 'done' },
      source: { via: 'card', messageId: reply.message_id, ref: 'schedule.trigger' },
    });
    expect(audit[0]!.source.eventId).toMatch(/\S/);
  });
});

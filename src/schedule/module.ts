/**
 * The 日程 / schedule command and its buttons: an admin, or a branch's secretary, lists the branch's
 * upcoming runs and runs one now. Who may do so is the organisation module's call, reached through the
 * small ScheduleAccess interface so that this module does not depend on its files.
 */
import { scheduleBranchesCard, scheduleRefusalCard, SHOW_ACTION } from '../../cards/schedule-branches.js';
import { scheduleCard, TRIGGER_ACTION } from '../../cards/schedule.js';
import { escapeMarkdown, type CardJson, type Text } from '../../cards/kit.js';
import { errorSummary } from '../db/queue-worker.js';
import { z } from 'zod';
import {
  defineAction,
  type ActionContext,
  type BotModule,
  type CardReply,
  type Toast,
} from '../bot/module.js';
import type { Scheduler, TriggerResult } from './runner.js';

export type AccessDecision = { ok: true } | { ok: false; message: string; en?: string };

/** One 立即执行, in the shape of the organisation module's AuditEntry (src/org/audit.ts). */
export interface ScheduleAuditEntry {
  at: Date;
  actor: string;
  action: 'job.trigger';
  branchId: string;
  /** The run, by its key `${job}:${branch}:${period}`. */
  target: { type: 'job_run'; id: string };
  detail: { job: string; periodKey: string; outcome: TriggerResult['outcome'] };
  /** The card click it came from. */
  source: {
    via: 'card';
    eventId: string;
    messageId?: string | undefined;
    chatId?: string | undefined;
    ref: string;
  };
}

/** What the schedule needs from the organisation module (src/org/authorize.ts, src/org/audit.ts). */
export interface ScheduleAccess {
  /** May this person see and run the branch's schedule (admin, or that branch's secretary)? */
  canManage(openId: string, branchId: string): Promise<AccessDecision>;
  /** The active branches whose schedule this person may manage (all of them for an admin). */
  branchesFor(openId: string): Promise<ReadonlyArray<{ id: string; name: string }>>;
  audit(entry: ScheduleAuditEntry): Promise<void>;
}

export interface ScheduleModuleDeps {
  scheduler: Scheduler;
  access: ScheduleAccess;
}

const branchValue = z.object({ branch: z.string().min(1) });
const triggerValue = branchValue.extend({ job: z.string().min(1) });
type BranchValue = z.infer<typeof branchValue>;

export const NOT_ALLOWED = '只有管理员或支部书记可以查看和执行日程';

export function scheduleModule({ scheduler, access }: ScheduleModuleDeps): BotModule {
  async function listCard(branchId: string, now: Date, notice?: Text): Promise<CardJson | null> {
    const view = await scheduler.upcoming(branchId);
    if (!view) return null;
    return scheduleCard({ ...view, now, ...(notice ? { notice } : {}) });
  }

  async function show(ctx: ActionContext<BranchValue>): Promise<CardReply> {
    const branchId = ctx.value.branch;
    const allowed = await access.canManage(ctx.operatorOpenId, branchId);
    if (!allowed.ok) return { toast: refused(allowed) };
    const card = await listCard(branchId, ctx.clock.now());
    return card ? { card } : { toast: gone };
  }

  async function trigger(ctx: ActionContext<z.infer<typeof triggerValue>>): Promise<CardReply> {
    const branchId = ctx.value.branch;
    const jobName = ctx.value.job;
    const allowed = await access.canManage(ctx.operatorOpenId, branchId);
    if (!allowed.ok) return { toast: refused(allowed) };
    const result = await scheduler.triggerNow(jobName, branchId, ctx.operatorOpenId);
    if (!result) return { toast: gone };
    if (result.outcome === 'done' || result.outcome === 'failed') {
      await access
        .audit({
          at: ctx.clock.now(),
          actor: ctx.operatorOpenId,
          action: 'job.trigger',
          branchId,
          target: { type: 'job_run', id: result.run?._id ?? `${jobName}:${branchId}:${result.periodKey}` },
          detail: { job: jobName, periodKey: result.periodKey, outcome: result.outcome },
          source: {
            via: 'card',
            eventId: ctx.eventId,
            messageId: ctx.messageId,
            chatId: ctx.chatId,
            ref: ctx.action,
          },
        })
        .catch((err: unknown) =>
          ctx.log.error({ err: errorSummary(err) }, 'could not record the audit entry'),
        );
    }
    const toast = triggerToast(result);
    const card = await listCard(branchId, ctx.clock.now(), {
      zh: toast.content,
      ...(toast.en ? { en: toast.en } : {}),
    });
    return card ? { toast, card } : { toast };
  }

  return {
    name: 'schedule',
    commands: [
      {
        name: 'schedule',
        words: ['日程', 'schedule'],
        summary: '查看本支部的日程，或立即执行某项（管理员、支部书记）',
        async run(ctx) {
          const branches = await access.branchesFor(ctx.senderOpenId);
          if (branches.length === 0) return ctx.reply(scheduleRefusalCard(NOT_ALLOWED));
          const wanted = ctx.args.trim();
          const chosen = wanted
            ? (branches.find((b) => b.id === wanted || b.name === wanted) ??
              branches.find((b) => b.name.includes(wanted)))
            : branches.length === 1
              ? branches[0]
              : undefined;
          if (!chosen) {
            const notice = wanted
              ? { zh: `没有找到你可以管理的支部「${escapeMarkdown(wanted)}」。` }
              : undefined;
            return ctx.reply(scheduleBranchesCard({ branches, ...(notice ? { notice } : {}) }));
          }
          const card = await listCard(chosen.id, ctx.clock.now());
          await ctx.reply(card ?? scheduleRefusalCard(gone.content));
        },
      },
    ],
    actions: {
      [SHOW_ACTION]: defineAction({ value: branchValue, run: show }),
      [TRIGGER_ACTION]: defineAction({ value: triggerValue, run: trigger }),
    },
  };
}

function refused(r: { message: string; en?: string }): Toast {
  return { type: 'warning', content: r.message, ...(r.en ? { en: r.en } : {}) };
}

const gone: Toast = {
  type: 'warning',
  content: '找不到这个支部或日程，请重新发送「日程」。',
  en: 'Not found; send "schedule" again.',
};

function triggerToast(r: TriggerResult): Toast {
  const what = `「${r.job.summary}」（${r.periodKey}）`;
  switch (r.outcome) {
    case 'done':
      return { type: 'success', content: `已执行${what}`, en: `Done for ${r.periodKey}.` };
    case 'failed':
      return {
        type: 'error',
        content: `${what}执行失败${r.run?.retryAt ? '，稍后会自动重试' : ''}`,
        en: 'The run failed.',
      };
    case 'already-done':
      return {
        type: 'info',
        content: `${what}本期已经执行过，不会重复执行`,
        en: `Already ran for ${r.periodKey}; not run again.`,
      };
    case 'in-progress':
      return { type: 'info', content: `${what}正在执行，请稍后刷新查看`, en: 'Already running.' };
    case 'disabled':
      return {
        type: 'warning',
        content: `${what}在本支部已停用`,
        en: 'This job is switched off for the branch.',
      };
  }
}

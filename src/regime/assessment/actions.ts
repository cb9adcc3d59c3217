/** The ranked sheet's buttons: 上一页/下一页 and 确认公示. Objections live in objections.ts. */
import { z } from 'zod';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import { recordAudit, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { formatInstant } from '../ratings/sheet.js';
import type { AssessmentDeps } from './index.js';
import { branchZone, currentYear, publishYear } from './flow.js';
import { ASSESSMENT_PERMISSIONS } from './permissions.js';
import { sheetCard } from './views.js';

export const yearTarget = z.object({ branch: z.string().min(1), year: z.number().int().min(2000).max(2100) });
type Target = z.infer<typeof yearTarget>;

async function asSecretary(ctx: ActionContext<Target, unknown>): Promise<CardReply | undefined> {
  const allowed = await requireRole(
    ctx.conn,
    ctx.operatorOpenId,
    ASSESSMENT_PERMISSIONS.run,
    ctx.value.branch,
  );
  return allowed.ok ? undefined : refusalReply(allowed);
}

export function assessmentActions(deps: AssessmentDeps) {
  const sheet = async (ctx: ActionContext<Target, unknown>, page: number) => {
    const y = (await currentYear(ctx, deps.sources, { branchId: ctx.value.branch, year: ctx.value.year }))!;
    return sheetCard(ctx.conn, y, { page, tz: await branchZone(ctx, ctx.value.branch) });
  };
  return {
    'assessment.page': defineAction({
      value: yearTarget.extend({ page: z.number().int().min(0) }),
      run: async (ctx) => (await asSecretary(ctx)) ?? { card: await sheet(ctx, ctx.value.page) },
    }),
    'assessment.publish': defineAction({
      value: yearTarget,
      run: async (ctx) => {
        const refused = await asSecretary(ctx);
        if (refused) return refused;
        const { branch, year } = ctx.value;
        const current = await currentYear(ctx, deps.sources, { branchId: branch, year });
        if (!current?.members) return { toast: { type: 'warning', content: '本支部没有党员，无需考核' } };
        const res = await publishYear(ctx, { branchId: branch, year, by: ctx.operatorOpenId });
        if (res.first) {
          await recordAudit(ctx.conn, {
            at: ctx.clock.now(),
            actor: ctx.operatorOpenId,
            action: 'assessment.publish',
            branchId: branch,
            target: { type: 'assessment_year', id: res.year._id },
            detail: { posted: res.posted, noticeEndsAt: res.year.noticeEndsAt, weights: res.year.weights },
            source: sourceOf(ctx),
          });
        }
        const where = res.posted.length ? `，已发到${res.posted.join('和')}` : '（本支部还没有绑定支部群）';
        const ends = formatInstant(res.year.noticeEndsAt!, await branchZone(ctx, branch));
        return {
          toast: {
            type: 'success',
            content: res.first ? `${year}年度考核结果已公示${where}，公示期至 ${ends}` : '考核结果此前已公示',
          },
          card: await sheet(ctx, 0),
        };
      },
    }),
  };
}

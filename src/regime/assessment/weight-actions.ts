/**
 * 考核权重: an admin sees the organisation's weights and score lines as a form and saves them; checked with
 * zod (whole numbers 0–100, at least one weight, lines in order), audited with what changed. The drafts
 * not yet published pick the new weights up when next opened.
 */
import { z } from 'zod';
import { assessmentWeightsCard } from '../../../cards/assessment-weights.js';
import { defineAction, type Command } from '../../bot/module.js';
import type { HandlerContext } from '../../bot/context.js';
import {
  ALL_BRANCHES,
  findBranch,
  listBranches,
  recordAudit,
  refusalCard,
  refusalReply,
  requireRole,
  rolesOf,
  sourceOf,
} from '../../org/index.js';
import { ASSESSMENT_PERMISSIONS } from './permissions.js';
import {
  loadWeights,
  saveWeights,
  THRESHOLD_PARTS,
  WEIGHT_PARTS,
  weightsSchema,
  type Weights,
} from './weights.js';

/** The organisation an admin looks after: that of their first branch, or the first one for an admin of all. */
async function orgOfAdmin(ctx: Omit<HandlerContext, 'eventId'>, openId: string): Promise<string | undefined> {
  const admin = (await rolesOf(ctx.conn, openId)).find((r) => r.role === 'admin');
  if (admin && admin.branchId !== ALL_BRANCHES) return (await findBranch(ctx.conn, admin.branchId))?.orgId;
  return (await listBranches(ctx.conn, { active: true }))[0]?.orgId;
}

function weightsCard(orgId: string, w: Weights) {
  return assessmentWeightsCard({
    orgId,
    orgName: orgId,
    parts: WEIGHT_PARTS.map((p) => ({ ...p, value: w[p.key] })),
    lines: THRESHOLD_PARTS.map((p) => ({ ...p, value: w[p.key] })),
  });
}

export const weightsCommand: Command = {
  name: 'assessment.weights',
  words: ['考核权重'],
  summary: '（管理员）查看和设置年终考核各项权重与等次分数线',
  async run(ctx) {
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, ASSESSMENT_PERMISSIONS.weights);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const orgId = await orgOfAdmin(ctx, ctx.senderOpenId);
    if (!orgId) return ctx.reply(refusalCard({ ok: false, message: '还没有导入组织和支部', en: '' }));
    await ctx.reply(weightsCard(orgId, await loadWeights(ctx.conn, orgId)));
  },
};

export const weightActions = {
  'assessment.weights': defineAction({
    value: z.object({ org: z.string().min(1) }),
    form: z.record(z.string(), z.string()),
    run: async (ctx) => {
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, ASSESSMENT_PERMISSIONS.weights);
      if (!allowed.ok) return refusalReply(allowed);
      const parsed = weightsSchema.safeParse(ctx.formValue);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = [...WEIGHT_PARTS, ...THRESHOLD_PARTS].find((p) => p.key === issue?.path[0]);
        ctx.log.info({ issues: parsed.error.issues }, 'assessment weights refused');
        return {
          toast: {
            type: 'warning',
            content: field ? `${field.label}应为 0–100 的数字` : (issue?.message ?? '请检查填写的权重'),
          },
        };
      }
      const org = ctx.value.org;
      const before = await loadWeights(ctx.conn, org);
      const now = ctx.clock.now();
      await saveWeights(ctx.conn, org, parsed.data, ctx.operatorOpenId, now);
      const changes = Object.fromEntries(
        (Object.keys(parsed.data) as Array<keyof Weights>)
          .filter((k) => before[k] !== parsed.data[k])
          .map((k) => [k, { from: before[k], to: parsed.data[k] }]),
      );
      await recordAudit(ctx.conn, {
        at: now,
        actor: ctx.operatorOpenId,
        actorName: allowed.person.name,
        action: 'assessment.weights',
        target: { type: 'organisation', id: org },
        changes,
        source: sourceOf(ctx),
      });
      return { toast: { type: 'success', content: '考核权重已保存' }, card: weightsCard(org, parsed.data) };
    },
  }),
};

/**
 * The rating card's buttons (保存本页, 上一页/下一页, 确认公示) and the disclosure's (翻页, 我有异议). The
 * objection and its answer live in objections.ts.
 */
import { z } from 'zod';
import { defineAction, type ActionContext, type CardReply } from '../../bot/module.js';
import { recordAudit, refusalReply, requireRole, sourceOf } from '../../org/index.js';
import { branchTimeZone, monthLabel } from '../records/months.js';
import { RECORD_PERMISSIONS } from '../records/permissions.js';
import { findRatingMonth, findRatings, putRating } from './ratings.repository.js';
import { disclosurePage, publishMonth } from './publish.js';
import { formatInstant, loadMonth, ratingSheet, type RatingDeps } from './sheet.js';

const target = z.object({ branch: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/) });
const paged = target.extend({ page: z.number().int().min(0) });
type Target = z.infer<typeof target>;

/** Grades are checked against the branch's scale in the handler (it is the branch's to set). */
const sheetForm = z.record(z.string().regex(/^[gn]\d{1,2}$/), z.string().max(200));
const pickFromList = {
  type: 'warning' as const,
  content: '请从列表中选择评定等次',
  en: 'Pick a grade from the list.',
};

async function asSecretary(ctx: ActionContext<Target, unknown>): Promise<CardReply | undefined> {
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, RECORD_PERMISSIONS.rate, ctx.value.branch);
  return allowed.ok ? undefined : refusalReply(allowed);
}

export function ratingActions(deps: RatingDeps) {
  const sheet = async (ctx: ActionContext<Target, unknown>, page: number) =>
    ratingSheet(ctx.conn, deps, {
      branchId: ctx.value.branch,
      month: ctx.value.month,
      page,
      tz: await branchTimeZone(ctx.conn, ctx.config, ctx.value.branch),
      viewer: ctx.operatorOpenId,
    });
  return {
    'rating.save': defineAction({
      value: paged.extend({ ids: z.array(z.string()).max(20) }),
      form: sheetForm,
      formError: pickFromList,
      run: async (ctx) => {
        const refused = await asSecretary(ctx);
        if (refused) return refused;
        const { branch, month } = ctx.value;
        if ((await findRatingMonth(ctx.conn, branch, month))?.publishedAt) {
          return {
            toast: { type: 'warning', content: '本月评定已公示，不能再修改；如有异议请在异议答复中改定' },
          };
        }
        const state = await loadMonth(ctx.conn, branch, month);
        const given = Object.entries(ctx.formValue).filter(([k]) => k.startsWith('g'));
        if (given.some(([, grade]) => !state.scale.includes(grade))) return { toast: pickFromList };
        const members = new Set(state.members.map((m) => m.openId));
        const now = ctx.clock.now();
        let saved = 0;
        for (const [i, openId] of ctx.value.ids.entries()) {
          const grade = ctx.formValue[`g${i}`];
          if (!grade || !members.has(openId)) continue;
          const note = ctx.formValue[`n${i}`]?.trim() || undefined;
          const before = await putRating(ctx.conn, {
            branchId: branch,
            month,
            openId,
            grade,
            ...(note && { note }),
            ratedBy: ctx.operatorOpenId,
            ratedAt: now,
          });
          saved++;
          if (before?.grade === grade && before.note === note) continue;
          await recordAudit(ctx.conn, {
            at: now,
            actor: ctx.operatorOpenId,
            action: 'rating.rate',
            branchId: branch,
            target: { type: 'rating', id: `${branch}:${month}:${openId}` },
            changes: { grade: { ...(before && { from: before.grade }), to: grade } },
            source: sourceOf(ctx),
          });
        }
        const all = await findRatings(ctx.conn, branch, month, [...members]);
        const left = members.size - all.size;
        return {
          toast: {
            type: saved ? 'success' : 'info',
            content: saved
              ? `已保存 ${saved} 人${left ? `，还有 ${left} 人未评定` : '，全部已评定，可以确认公示'}`
              : '本页没有选择评定等次',
          },
          card: await sheet(ctx, ctx.value.page),
        };
      },
    }),
    'rating.page': defineAction({
      value: paged,
      run: async (ctx) => (await asSecretary(ctx)) ?? { card: await sheet(ctx, ctx.value.page) },
    }),
    'rating.publish': defineAction({
      value: target,
      run: async (ctx) => {
        const refused = await asSecretary(ctx);
        if (refused) return refused;
        const { branch, month } = ctx.value;
        const s = await loadMonth(ctx.conn, branch, month);
        const unrated = s.members.filter((m) => !s.ratings.has(m.openId)).map((m) => m.name);
        if (unrated.length) {
          return {
            toast: {
              type: 'warning',
              content: `还有 ${unrated.length} 人未评定：${unrated.slice(0, 5).join('、')}${unrated.length > 5 ? '等' : ''}`,
            },
          };
        }
        const tz = await branchTimeZone(ctx.conn, ctx.config, branch);
        const res = await publishMonth(ctx, deps, { branchId: branch, month, by: ctx.operatorOpenId, tz });
        if (res.first) {
          await recordAudit(ctx.conn, {
            at: ctx.clock.now(),
            actor: ctx.operatorOpenId,
            action: 'rating.publish',
            branchId: branch,
            target: { type: 'rating_month', id: `${branch}:${month}` },
            detail: { posted: res.posted, noticeEndsAt: res.noticeEndsAt },
            source: sourceOf(ctx),
          });
        }
        const where = res.posted.length ? `，已发到${res.posted.join('和')}` : '（本支部还没有绑定支部群）';
        return {
          toast: {
            type: 'success',
            content: res.first
              ? `${monthLabel(month)}评定已公示${where}，公示期至 ${formatInstant(res.noticeEndsAt, tz)}`
              : '本月评定此前已公示',
          },
          card: await sheet(ctx, 0),
        };
      },
    }),
    'rating.disclosure_page': defineAction({
      value: paged,
      run: async (ctx) => {
        const published = await findRatingMonth(ctx.conn, ctx.value.branch, ctx.value.month);
        if (!published?.noticeEndsAt) return { toast: { type: 'warning', content: '本月评定尚未公示' } };
        return {
          card: await disclosurePage(ctx.conn, {
            branchId: ctx.value.branch,
            month: ctx.value.month,
            page: ctx.value.page,
            tz: await branchTimeZone(ctx.conn, ctx.config, ctx.value.branch),
            noticeEndsAt: published.noticeEndsAt,
          }),
        };
      },
    }),
  };
}

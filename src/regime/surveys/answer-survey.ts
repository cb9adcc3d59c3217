/**
 * An evaluator's answer: who may answer, reading a page of the form, keeping a half-filled answer as a
 * draft, and submitting (which replaces an earlier answer while the survey is open). Nothing here is
 * audited or logged with a choice: the ballot is anonymous.
 */
import type { HandlerContext } from '../../bot/module.js';
import { CHOICES, CHOICE_NAMES, type Answer, type Choice, type Survey } from './survey.entity.js';
import { ballots, findVoter, putBallot, saveDraft } from './survey.repository.js';

export const NOT_ELIGIBLE = '只有评议群成员或本支部评议代表可以参加本次评议';
export const CLOSED = '本期评议已结束，不能再提交';
export const IS_TARGET = '被评议的党员不参加本次群众评议';

/** Who may answer: not a member being rated; someone on the survey's list or in its chat now. */
export async function whyNot(
  ctx: Pick<HandlerContext, 'lark' | 'log'>,
  s: Survey,
  openId: string,
): Promise<string | undefined> {
  if (s.targets.some((t) => t.id === openId)) return IS_TARGET;
  return (await inSurveyCircle(ctx, s, openId)) ? undefined : NOT_ELIGIBLE;
}

async function inSurveyCircle(ctx: Pick<HandlerContext, 'lark' | 'log'>, s: Survey, openId: string) {
  if (s.eligible.includes(openId)) return true;
  if (!s.chatId) return false;
  const members = await ctx.lark.chatMembers(s.chatId).catch((err: unknown) => {
    ctx.log.warn({ err }, 'survey: chat members not readable');
    return [];
  });
  return members.some((m) => m.openId === openId);
}

const isChoice = (v: unknown): v is Choice =>
  typeof v === 'string' && (CHOICES as readonly string[]).includes(v);

/** The answers a page's form carries, by target (fields are `t<index>` of the survey's targets). */
export function answersFromForm(s: Survey, form: Record<string, unknown>): Answer[] {
  const out: Answer[] = [];
  s.targets.forEach((t, i) => {
    const v = form[`t${i}`];
    if (isChoice(v)) out.push({ targetId: t.id, choice: v });
  });
  return out;
}

/** Earlier answers overlaid with newer ones, in the survey's target order. */
export function merge(s: Survey, older: readonly Answer[], newer: readonly Answer[]): Answer[] {
  const by = new Map(older.map((a) => [a.targetId, a.choice]));
  for (const a of newer) by.set(a.targetId, a.choice);
  return s.targets.flatMap((t) => (by.has(t.id) ? [{ targetId: t.id, choice: by.get(t.id)! }] : []));
}

/** What the person has chosen so far: their submitted ballot overlaid with their draft. */
export async function currentAnswers(ctx: Pick<HandlerContext, 'conn'>, s: Survey, openId: string) {
  const link = await findVoter(ctx.conn, s._id, openId);
  const ballot = link?.ballotId ? await ballots(ctx.conn).findOne({ _id: link.ballotId }) : null;
  return merge(s, ballot?.answers ?? [], link?.draft ?? []);
}

export async function keepDraft(
  ctx: Pick<HandlerContext, 'conn'>,
  s: Survey,
  openId: string,
  page: Answer[],
) {
  const draft = merge(s, await currentAnswers(ctx, s, openId), page);
  await saveDraft(ctx.conn, s._id, openId, draft);
  return draft;
}

export type SubmitResult = { ok: true; replaced: boolean } | { ok: false; missing: string[] };

export async function submitAnswer(
  ctx: Pick<HandlerContext, 'conn'>,
  s: Survey,
  openId: string,
  page: Answer[],
  remark: string | undefined,
): Promise<SubmitResult> {
  const all = merge(s, await currentAnswers(ctx, s, openId), page);
  const missing = s.targets.filter((t) => !all.some((a) => a.targetId === t.id)).map((t) => t.name);
  if (missing.length > 0) {
    // Kept, so the person finds what they chose when they come back to the card.
    await saveDraft(ctx.conn, s._id, openId, all);
    return { ok: false, missing };
  }
  const outcome = await putBallot(ctx.conn, s._id, openId, all, remark?.trim() || undefined);
  return { ok: true, replaced: outcome === 'replaced' };
}

export const choiceName = (c: Choice) => CHOICE_NAMES[c];

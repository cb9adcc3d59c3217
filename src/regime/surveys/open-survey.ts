/**
 * Opening a survey: the work report is posted first, then the survey card, in the evaluators' group (or the
 * branch group when the branch has none). The targets and who may answer are fixed at opening.
 */
import { surveyFormCard, surveyReportCard } from '../../../cards/survey-form.js';
import type { HandlerContext } from '../../bot/module.js';
import {
  findBranch,
  findBranchChats,
  listBranchPeople,
  recordAudit,
  type AuditSource,
} from '../../org/index.js';
import { periodKey } from '../../schedule/period.js';
import { PAGE_SIZE, type Survey } from './survey.entity.js';
import { createSurvey, surveyIdOf } from './survey.repository.js';

export const periodLabel = (period: string) =>
  `${period.slice(0, 4)}年${period.endsWith('H1') ? '上' : '下'}半年`;

export const currentHalf = (now: Date, tz = 'Asia/Shanghai') => periodKey('half', now, tz);

export type OpenResult = { ok: true; survey: Survey } | { ok: false; message: string };

export async function openSurvey(
  ctx: Pick<HandlerContext, 'conn' | 'outbox' | 'lark' | 'log'>,
  o: {
    branchId: string;
    period: string;
    report: string;
    reportLink?: string;
    quorum: number;
    actor: string;
    source: AuditSource;
    now: Date;
  },
): Promise<OpenResult> {
  const { conn } = ctx;
  const branch = await findBranch(conn, o.branchId);
  if (!branch) return { ok: false, message: '找不到该支部' };
  const chats = await findBranchChats(conn, o.branchId);
  const chatId = chats.evaluators_group ?? chats.branch_group;
  if (!chatId) return { ok: false, message: '请先绑定评议群或支部群，再开启评议' };
  const members = await listBranchPeople(conn, o.branchId, 'member');
  const evaluators = await listBranchPeople(conn, o.branchId, 'evaluator');
  const inChat = await ctx.lark.chatMembers(chatId).catch((err: unknown) => {
    ctx.log.warn({ err, chatId }, 'survey: chat members not readable; evaluator list only');
    return [];
  });
  const survey: Survey = {
    _id: surveyIdOf(o.branchId, o.period),
    branchId: o.branchId,
    branchName: branch.name,
    period: o.period,
    status: 'open',
    report: o.report,
    ...(o.reportLink ? { reportLink: o.reportLink } : {}),
    chatId,
    targets: [
      { id: 'branch', kind: 'branch', name: branch.name },
      ...members.map((m) => ({ id: m.openId, kind: 'member' as const, name: m.name })),
    ],
    // Members are rated, not raters: the list is the evaluators and the chat's other people.
    eligible: [...new Set([...evaluators.map((p) => p.openId), ...inChat.map((m) => m.openId)])].filter(
      (id) => !members.some((m) => m.openId === id),
    ),
    quorum: o.quorum,
    openedBy: o.actor,
    openedAt: o.now,
  };
  if (!(await createSurvey(conn, survey))) return { ok: false, message: '本期评议已经开启过了' };
  await recordAudit(conn, {
    at: o.now,
    actor: o.actor,
    action: 'survey.open',
    branchId: o.branchId,
    target: { type: 'survey', id: survey._id },
    detail: { period: o.period, quorum: o.quorum, targets: survey.targets.length, chatId },
    source: o.source,
  });
  await postSurveyCards(ctx, survey);
  return { ok: true, survey };
}

/** The report, then page 1 of the survey card; keyed per survey and chat, so a retry posts nothing twice. */
export async function postSurveyCards(ctx: Pick<HandlerContext, 'outbox'>, s: Survey): Promise<void> {
  const label = periodLabel(s.period);
  await ctx.outbox.enqueue(`survey-report:${s._id}:${s.chatId}`, {
    op: 'send',
    receiveIdType: 'chat_id',
    receiveId: s.chatId!,
    card: surveyReportCard({
      branchName: s.branchName,
      periodLabel: label,
      report: s.report,
      ...(s.reportLink ? { link: s.reportLink } : {}),
    }),
  });
  await ctx.outbox.enqueue(`survey-card:${s._id}:${s.chatId}`, {
    op: 'send',
    receiveIdType: 'chat_id',
    receiveId: s.chatId!,
    card: formCard(s, 0, 0),
  });
}

export function formCard(s: Survey, page: number, answered: number, draft: Map<string, string> = new Map()) {
  const pages = Math.max(1, Math.ceil(s.targets.length / PAGE_SIZE));
  const p = Math.min(Math.max(page, 0), pages - 1);
  return surveyFormCard({
    surveyId: s._id,
    branchName: s.branchName,
    periodLabel: periodLabel(s.period),
    answered,
    quorum: s.quorum,
    page: p,
    pages,
    targets: s.targets.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE).map((t, i) => ({
      index: p * PAGE_SIZE + i,
      name: t.name,
      kind: t.kind,
      ...(draft.has(t.id) ? { draft: draft.get(t.id)! } : {}),
    })),
  });
}

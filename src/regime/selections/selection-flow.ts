/**
 * The selection's steps. Each moves the stage on only from the stage before (a conditional update), so a
 * double click or a retried job acts once; each posts with a key per selection and chat.
 */
import {
  commendationCard,
  nominationCard,
  selectionNoticeCard,
  voteCard,
} from '../../../cards/selection-public.js';
import type { DisclosureTag } from '../../bot/disclosures.js';
import type { HandlerContext } from '../../bot/module.js';
import {
  findBranch,
  findBranchChats,
  listBranchPeople,
  recordAudit,
  type AuditSource,
} from '../../org/index.js';
import {
  DEFAULT_HONOURS,
  DEFAULT_NOTICE_DAYS,
  type Honour,
  type Selection,
  type Winner,
} from './selection.entity.js';
import {
  advance,
  createSelection,
  findSelection,
  listNominations,
  listVotes,
  putHonour,
  selectionIdOf,
} from './selection.repository.js';
import { countVotes } from './selection-tally.js';

type Ctx = Pick<HandlerContext, 'conn' | 'outbox'>;
interface Who {
  actor: string;
  source: AuditSource;
  now: Date;
}

const audit = (ctx: Ctx, s: Selection, action: string, who: Who, detail?: Record<string, unknown>) =>
  recordAudit(ctx.conn, {
    at: who.now,
    actor: who.actor,
    action,
    branchId: s.branchId,
    target: { type: 'selection', id: s._id },
    ...(detail ? { detail } : {}),
    source: who.source,
  });

async function postToBranch(
  ctx: Ctx,
  s: Selection,
  what: string,
  card: Record<string, unknown>,
  office = false,
  disclosure?: Omit<DisclosureTag, 'branchIds'>,
) {
  const chats = await findBranchChats(ctx.conn, s.branchId);
  for (const chatId of [chats.branch_group, office ? chats.office_channel : undefined]) {
    if (!chatId) continue;
    await ctx.outbox.enqueue(`selection-${what}:${s._id}:${chatId}`, {
      op: 'send',
      receiveIdType: 'chat_id',
      receiveId: chatId,
      card,
      ...(disclosure && { disclosure: { ...disclosure, branchIds: [s.branchId] } }),
    });
  }
}

/** `优秀共产党员:2，优秀党务工作者` → honours (1 place unless said). Undefined when the text does not parse. */
export function parseHonours(text: string | undefined): Honour[] | undefined {
  if (!text?.trim()) return [...DEFAULT_HONOURS];
  const parts = text
    .split(/[,，、;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out = parts.map((p, i) => {
    const m = /^(.{2,20}?)(?:[:：]\s*(\d{1,2}))?$/.exec(p);
    return m
      ? { id: i === 0 ? 'excellent' : `h${i + 1}`, name: m[1]!.trim(), places: Number(m[2] ?? 1) }
      : undefined;
  });
  return out.every((h) => h && h.places >= 1) && out.length <= 5 ? (out as Honour[]) : undefined;
}

export async function startSelection(
  ctx: Ctx,
  o: Who & { branchId: string; year: number; honours?: Honour[]; noticeDays?: number },
): Promise<{ ok: true; selection: Selection } | { ok: false; message: string }> {
  const branch = await findBranch(ctx.conn, o.branchId);
  if (!branch) return { ok: false, message: '找不到该支部' };
  const s: Selection = {
    _id: selectionIdOf(o.branchId, o.year),
    branchId: o.branchId,
    branchName: branch.name,
    year: o.year,
    honours: o.honours ?? [...DEFAULT_HONOURS],
    stage: 'nominating',
    noticeDays: o.noticeDays ?? DEFAULT_NOTICE_DAYS,
    candidates: [],
    winners: [],
    objections: [],
    openedBy: o.actor,
    openedAt: o.now,
  };
  if (!(await createSelection(ctx.conn, s))) return { ok: false, message: `${o.year}年的评选已经开始了` };
  await audit(ctx, s, 'selection.open', o, { honours: s.honours, noticeDays: s.noticeDays });
  const members = await listBranchPeople(ctx.conn, o.branchId, 'member');
  await postToBranch(
    ctx,
    s,
    'nominate',
    nominationCard({
      selectionId: s._id,
      branchName: s.branchName,
      year: s.year,
      honours: s.honours.map((h) => ({ value: h.id, label: h.name })),
      members: members.map((m) => ({ value: m.openId, label: m.name })),
    }),
  );
  return { ok: true, selection: s };
}

export async function confirmCandidates(ctx: Ctx, s: Selection, who: Who): Promise<string | undefined> {
  const noms = await listNominations(ctx.conn, s._id);
  if (noms.length === 0) return '还没有人被推荐';
  const seen = new Set<string>();
  const candidates = noms.flatMap((n) => {
    const key = `${n.honourId}|${n.nominee}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ honourId: n.honourId, openId: n.nominee, name: n.nomineeName }];
  });
  if (!(await advance(ctx.conn, s._id, 'nominating', { stage: 'voting', candidates })))
    return '候选人已经确认过了';
  await audit(ctx, s, 'selection.candidates', who, {
    candidates: candidates.map((c) => `${c.honourId}:${c.name}`),
  });
  await postToBranch(
    ctx,
    s,
    'vote',
    voteCard({
      selectionId: s._id,
      branchName: s.branchName,
      year: s.year,
      honours: s.honours
        .map((h) => ({
          ...h,
          candidates: candidates
            .filter((c) => c.honourId === h.id)
            .map((c) => ({ value: c.openId, label: c.name })),
        }))
        .filter((h) => h.candidates.length > 0),
    }),
  );
  return undefined;
}

export const dayLabel = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric' }).format(d);

/** Confirms the result; `picks` holds the secretary's choice per honour where votes tie. */
export async function confirmResult(
  ctx: Ctx,
  s: Selection,
  picks: Record<string, unknown>,
  who: Who,
): Promise<string | undefined> {
  const counts = countVotes(s.honours, s.candidates, await listVotes(ctx.conn, s._id));
  const winners: Winner[] = [];
  for (const c of counts) {
    winners.push(...c.elected);
    if (c.openPlaces === 0) continue;
    const pick = picks[`tie_${c.honour.id}`];
    const chosen = c.tied.find((t) => t.openId === pick);
    if (!chosen || c.openPlaces > 1) return `「${c.honour.name}」票数相同，请在卡片上选择当选人后再确认`;
    winners.push({ ...chosen, byTieBreak: true });
  }
  const noticeEndsAt = new Date(who.now.getTime() + s.noticeDays * 86_400_000);
  if (!(await advance(ctx.conn, s._id, 'voting', { stage: 'notice', winners, noticeEndsAt })))
    return '结果已经确认过了';
  await audit(ctx, s, 'selection.result', who, {
    winners: winners.map((w) => ({
      honour: w.honourId,
      openId: w.openId,
      votes: w.votes,
      tieBreak: w.byTieBreak ?? false,
    })),
  });
  const honourName = new Map(s.honours.map((h) => [h.id, h.name]));
  const notice = {
    selectionId: s._id,
    branchName: s.branchName,
    year: s.year,
    winners: winners.map((w) => ({ honour: honourName.get(w.honourId) ?? '', name: w.name, votes: w.votes })),
    until: dayLabel(noticeEndsAt),
  };
  await postToBranch(ctx, s, 'notice', selectionNoticeCard(notice), false, {
    kind: 'selection.notice',
    title: `${s.year}年七一评选结果公示`,
    period: String(s.year),
    data: notice,
  });
  return undefined;
}

/** Why the selection cannot be commended yet, or undefined when it can. */
export function commendBlocker(s: Selection, now: Date): string | undefined {
  if (s.stage === 'commended') return '已经表彰过了';
  if (s.stage !== 'notice') return '评选结果还没有确认';
  if (s.noticeEndsAt && now < s.noticeEndsAt) return `公示期到 ${dayLabel(s.noticeEndsAt)} 结束`;
  const open = s.objections.filter((o) => !o.answer).length;
  if (open > 0) return `还有 ${open} 条异议没有答复`;
  return undefined;
}

/** The commendation: honours recorded first (idempotent), then the stage, then the cards. */
export async function commend(ctx: Ctx, id: string, who: Who): Promise<string | undefined> {
  const s = await findSelection(ctx.conn, id);
  if (!s) return '找不到这次评选';
  const blocker = commendBlocker(s, who.now);
  if (blocker) return blocker;
  const honourName = new Map(s.honours.map((h) => [h.id, h.name]));
  for (const w of s.winners)
    await putHonour(ctx.conn, {
      _id: `${s._id}|${w.honourId}|${w.openId}`,
      branchId: s.branchId,
      year: s.year,
      openId: w.openId,
      name: w.name,
      honourId: w.honourId,
      honour: honourName.get(w.honourId) ?? w.honourId,
      commendedAt: who.now,
    });
  if (await advance(ctx.conn, s._id, 'notice', { stage: 'commended', commendedAt: who.now }))
    await audit(ctx, s, 'selection.commend', who, { winners: s.winners.map((w) => w.openId) });
  const view = {
    branchName: s.branchName,
    year: s.year,
    winners: s.winners.map((w) => ({ honour: honourName.get(w.honourId) ?? '', name: w.name })),
  };
  await postToBranch(ctx, s, 'commend', commendationCard(view), true, {
    kind: 'selection.commend',
    title: `${s.year}年七一表彰`,
    period: String(s.year),
    data: view,
  });
  return undefined;
}

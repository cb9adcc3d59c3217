/**
 * 公开记录 [YYYY-MM | YYYY]: what the branch disclosed — title, chat, time (branch time), message id — newest
 * first. A month or year finds disclosures about that period and those made in it (an ad-hoc 通报 has no
 * period), so "what did we disclose in March" has one answer. Disclosures are public, so every role of
 * the branch may read them.
 */
import type { Connection } from 'mongoose';
import { disclosureListCard } from '../../../cards/disclosure-list.js';
import { noticeCard } from '../../../cards/org-notice.js';
import { listDisclosures, type DisclosureRecord } from '../../bot/disclosures.js';
import type { Command } from '../../bot/module.js';
import { CHAT_KIND_NAMES, findBranch, findChatBinding, refusalCard, requireRole } from '../../org/index.js';
import { DEFAULT_TIME_ZONE } from '../../schedule/calendar.js';
import { periodBounds } from '../../schedule/period.js';
import { branchOfCommand } from './command-branch.js';
import { periodLabel } from './periods.js';
import { DISCLOSURE_PERMISSIONS } from './permissions.js';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;

/** '2026-03-07 10:00' in the zone. */
function wallClock(at: Date, tz: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

async function chatNames(conn: Connection, list: readonly DisclosureRecord[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of list) {
    if (out.has(d.receiveId)) continue;
    const binding = d.receiveIdType === 'chat_id' ? await findChatBinding(conn, d.receiveId) : undefined;
    out.set(
      d.receiveId,
      binding ? CHAT_KIND_NAMES[binding.kind].zh : d.receiveIdType === 'chat_id' ? '群聊' : '私聊',
    );
  }
  return out;
}

/** About the period, or made in it; newest first, each once. */
async function findArchive(conn: Connection, branchId: string, period: string | undefined, tz: string) {
  if (!period) return listDisclosures(conn.db!, { branchId });
  const { start, end } = periodBounds(period, tz);
  const [about, made] = await Promise.all([
    listDisclosures(conn.db!, { branchId, period }),
    listDisclosures(conn.db!, { branchId, from: start, to: end }),
  ]);
  const byId = new Map([...about, ...made].map((d) => [d._id, d]));
  return [...byId.values()].sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime());
}

export const archiveCommand: Command = {
  name: 'disclosures',
  words: ['公开记录', 'disclosures'],
  summary: '查看本支部的公开记录（可加月份或年份，如「公开记录 2026-03」）',
  async run(ctx) {
    const choice = await branchOfCommand(ctx, ['secretary', 'member', 'reviewer', 'leader', 'admin']);
    const hint = (zh: string) =>
      ctx.reply(noticeCard({ title: { zh: '公开记录', en: 'Disclosures' }, text: { zh }, tone: 'hint' }));
    if ('problem' in choice) return hint(choice.problem);
    const period = choice.rest || undefined;
    if (period && !PERIOD.test(period))
      return hint('请写月份或年份，例如「公开记录 2026-03」或「公开记录 2026」');
    const allowed = await requireRole(
      ctx.conn,
      ctx.senderOpenId,
      DISCLOSURE_PERMISSIONS.archive,
      choice.branchId,
    );
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const branch = await findBranch(ctx.conn, choice.branchId);
    const tz = branch?.timezone ?? DEFAULT_TIME_ZONE;
    const list = await findArchive(ctx.conn, choice.branchId, period, tz);
    const chats = await chatNames(ctx.conn, list);
    await ctx.reply(
      disclosureListCard({
        branchName: branch?.name ?? choice.branchId,
        scopeLabel: period ? periodLabel(period) : '最近',
        rows: list.map((d) => ({
          title: d.title,
          chat: chats.get(d.receiveId)!,
          at: wallClock(d.queuedAt, tz),
          ...(d.messageId && { messageId: d.messageId }),
        })),
      }),
    );
  },
};

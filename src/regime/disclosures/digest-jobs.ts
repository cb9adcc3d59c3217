/**
 * The office channel's digests on the calendar (digest.monthly / quarterly / half-year / annual). The
 * scheduler runs each job once per branch, but branches often share one office channel: every branch's
 * run builds the one card covering all the channel's branches and sends it under a key of kind, period and
 * chat — never the branch — so the channel gets it once (src/org/chat/send-to-chats.ts). A run that finds
 * it already archived does not build it again. Every digest is archived as a disclosure with its data.
 */
import type { CardJson } from '../../lark/client.js';
import { DISCLOSURES, type DisclosureRecord } from '../../bot/disclosures.js';
import { findBranch, findSharedChat, sendToChats } from '../../org/index.js';
import {
  defineJob,
  type CalendarJobName,
  type JobContext,
  type JobDefinition,
} from '../../schedule/index.js';
import { halfDigestCard } from '../../../cards/digest-half-year.js';
import { monthDigestCard } from '../../../cards/digest-month.js';
import { quarterDigestCard } from '../../../cards/digest-quarter.js';
import { yearDigestCard } from '../../../cards/digest-year.js';
import type { DisclosureDeps } from './deps.js';
import { halfDigest, monthDigest, quarterDigest, yearDigest, type DigestScope } from './digest-views.js';

interface Digest<V extends { periodLabel: string }> {
  job: CalendarJobName;
  title: string;
  view(s: DigestScope): Promise<V>;
  card(v: V): CardJson;
}

const digest = <V extends { periodLabel: string }>(d: Digest<V>) =>
  d as unknown as Digest<{ periodLabel: string }>;

export const DIGESTS = [
  digest({ job: 'digest.monthly', title: '月度公开摘要', view: monthDigest, card: monthDigestCard }),
  digest({ job: 'digest.quarterly', title: '季度公开摘要', view: quarterDigest, card: quarterDigestCard }),
  digest({ job: 'digest.half-year', title: '半年公开摘要', view: halfDigest, card: halfDigestCard }),
  digest({ job: 'digest.annual', title: '年度公开摘要', view: yearDigest, card: yearDigestCard }),
];

async function alreadyArchived(ctx: JobContext, key: string): Promise<boolean> {
  const found = await ctx.conn.db!.collection<DisclosureRecord>(DISCLOSURES).findOne({ _id: key });
  return found !== null;
}

async function runDigest(ctx: JobContext, deps: DisclosureDeps, d: Digest<{ periodLabel: string }>) {
  const chat = await findSharedChat(ctx.conn, ctx.branch.id, 'office_channel');
  if (!chat) return;
  const key = `${d.job}:${ctx.periodKey}`;
  if (await alreadyArchived(ctx, `${key}:${chat.chatId}`)) return;
  const branches = await Promise.all(
    chat.branchIds.map(async (id) => ({ id, name: (await findBranch(ctx.conn, id))?.name ?? id })),
  );
  const view = await d.view({
    conn: ctx.conn,
    deps,
    branches,
    period: ctx.periodKey,
    tz: ctx.branch.timezone,
    now: ctx.clock.now(),
  });
  await sendToChats(ctx, {
    branchIds: chat.branchIds,
    purpose: 'office_channel',
    key,
    card: () => d.card(view),
    disclosure: (c) => ({
      kind: d.job,
      title: `${view.periodLabel} ${d.title}`,
      branchIds: c.branchIds,
      period: ctx.periodKey,
      data: view,
    }),
  });
}

export function digestJobs(deps: DisclosureDeps): JobDefinition[] {
  return DIGESTS.map((d) => defineJob(d.job, (ctx) => runDigest(ctx, deps, d)));
}

/**
 * The 点评 button other modules put on their member and branch cards (CommentEntry, src/regime/ports.ts),
 * and what it does: `comment.start` opens the presser's form for the subject — the comment still due in an
 * open quarterly, half-year or annual window when there is one, else an ad-hoc comment.
 */
import { z } from 'zod';
import { button } from '../../../cards/kit.js';
import { defineAction, type ActionContext } from '../../bot/module.js';
import { refusalReply, requireRole } from '../../org/index.js';
import { periodKey } from '../../schedule/period.js';
import type { CommentEntry, CommentSubject } from '../ports.js';
import { commentId, type CommentKind } from './comment.entity.js';
import { findComment, listPrompts } from './comment.repository.js';
import { targetsOf } from './duties.js';
import type { CommentDeps } from './facts.js';
import { sendForm } from './form-actions.js';
import { COMMENT_PERMISSIONS } from './shared.js';
import { today, TZ } from './views.js';

export const START_ACTION = 'comment.start';

export const commentEntry: CommentEntry = {
  async buttonsFor(conn, viewerOpenId) {
    const mine = new Set((await targetsOf(conn, viewerOpenId)).map((t) => `${t.type}:${t.id}`));
    return (s) =>
      mine.has(`${s.type}:${s.id}`)
        ? button({
            text: { zh: '点评' },
            value: { action: START_ACTION, type: s.type, id: s.id },
          })
        : undefined;
  },
};

/** The open cycle (window not yet closed) in which this commenter still owes this subject a comment. */
export async function dueCycle(
  ctx: Pick<ActionContext, 'conn' | 'clock'>,
  commenterId: string,
  s: CommentSubject,
): Promise<{ kind: CommentKind; period: string } | undefined> {
  const day = today(ctx.clock.now());
  const open = (await listPrompts(ctx.conn, { commenterId })).filter(
    (p) => p.due >= day && p.targets.some((t) => t.type === s.type && t.id === s.id),
  );
  for (const p of open) {
    const c = await findComment(ctx.conn, commentId(p.kind, p.period, commenterId, s));
    if (!c || c.status === 'draft') return { kind: p.kind, period: p.period };
  }
  return undefined;
}

export function startAction(deps: CommentDeps) {
  return defineAction({
    value: z.object({ type: z.enum(['member', 'branch']), id: z.string().min(1) }),
    run: async (ctx) => {
      const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, COMMENT_PERMISSIONS.comment);
      if (!allowed.ok) return refusalReply(allowed);
      const cycle = (await dueCycle(ctx, ctx.operatorOpenId, ctx.value)) ?? {
        kind: 'ad-hoc' as const,
        period: periodKey('quarter', ctx.clock.now(), TZ),
      };
      return sendForm(ctx, deps, allowed.person.name, { ...ctx.value, ...cycle });
    },
  });
}

/**
 * What happens in a group: the bot is added (it asks what the group is for), someone binds it with the card,
 * someone presses 同步群成员, the bot is removed. Each handler checks permission before it writes anything.
 */
import { z } from 'zod';
import { memberSyncCard } from '../../../cards/member-sync.js';
import type { ActionHandler, CardReply, EventHandler } from '../../bot/module.js';
import { sourceOf } from '../audit.js';
import { ORG_PERMISSIONS, refusalReply, requireRole } from '../authorize.js';
import { findBranch } from '../branches/branch.repository.js';
import { CHAT_KIND_NAMES, CHAT_KINDS } from '../chat-bindings/chat-binding.entity.js';
import { findChatBinding, scopeOf } from '../chat-bindings/chat-binding.repository.js';
import { authorizeBinding } from './authorize-binding.js';
import { bindChat, unbindChat } from './bind-chat.js';
import { bindingQuestionCard, boundCard, scopeName } from './binding-views.js';
import { lostScope, scopeFromPicks } from './binding-scope.js';
import { syncMembers } from './sync-members.js';

export const onBotAdded: EventHandler<'im.chat.member.bot.added_v1'> = async (ctx) => {
  const chatId = ctx.event.chat_id;
  const card = await bindingQuestionCard(ctx.conn, chatId);
  // One card per time the bot is added, however often Lark delivers the event.
  await ctx.outbox.enqueue(`org:bind-card:${ctx.eventId}`, {
    op: 'send',
    receiveIdType: 'chat_id',
    receiveId: chatId,
    card,
  });
};

export const onBotRemoved: EventHandler<'im.chat.member.bot.deleted_v1'> = async (ctx) => {
  const removed = await unbindChat(ctx.conn, {
    chatId: ctx.event.chat_id,
    actor: ctx.event.operator_id?.open_id ?? 'lark',
    source: sourceOf(ctx),
    now: ctx.clock.now(),
  });
  if (removed)
    ctx.log.info(
      { chatId: removed.chatId, branchIds: removed.branchIds, orgId: removed.orgId },
      'bot removed from a bound chat: unbound',
    );
};

export const bindForm = z.object({
  // A multi-select answers with a list; older cards (and a single pick) with one value.
  branch: z.union([
    z
      .string()
      .min(1)
      .transform((v) => [v]),
    z.array(z.string().min(1)).min(1),
  ]),
  kind: z.enum(CHAT_KINDS),
});

export const syncValue = z.object({ round: z.number().int().nonnegative().optional() });

export const bindChatAction: ActionHandler<unknown, z.output<typeof bindForm>> = async (ctx) => {
  if (!ctx.chatId) return warn('请先选择支部和本群的用途', 'Choose the branches and a purpose first.');
  const { kind, branch: picks } = ctx.formValue;
  const scope = await scopeFromPicks(ctx.conn, picks, kind);
  if ('problem' in scope) {
    ctx.log.info({ picks, kind, problem: scope.problem.en }, 'binding refused: bad choice');
    return warn(scope.problem.zh, scope.problem.en ?? scope.problem.zh);
  }

  const allowed = await authorizeBinding(ctx.conn, ctx.operatorOpenId, scope);
  if (!allowed.ok) return refusalReply(allowed);
  // Taking a chat away from branches it serves needs their say too.
  const current = await findChatBinding(ctx.conn, ctx.chatId);
  const lost = current?.active ? await lostScope(ctx.conn, scopeOf(current), scope) : undefined;
  if (lost) {
    const fromOld = await authorizeBinding(ctx.conn, ctx.operatorOpenId, lost);
    if (!fromOld.ok) {
      const old = await scopeName(ctx.conn, scopeOf(current!));
      return refusalReply({ ...fromOld, message: `本群目前属于${old}，${fromOld.message}` });
    }
  }

  const result = await bindChat(ctx.conn, {
    chatId: ctx.chatId,
    kind,
    scope,
    actor: allowed.person,
    source: sourceOf(ctx),
    now: ctx.clock.now(),
  });
  const name = await scopeName(ctx.conn, scope);
  const what = `${name}的${CHAT_KIND_NAMES[kind].zh}`;
  return {
    toast: result.changed
      ? {
          type: 'success',
          content: `已绑定为${what}`,
          en: `Bound as the ${CHAT_KIND_NAMES[kind].en} of ${name}.`,
        }
      : { type: 'info', content: `本群已是${what}`, en: 'Already bound that way.' },
    card: await boundCard(ctx.conn, result.binding),
  };
};

export const syncMembersAction: ActionHandler<z.infer<typeof syncValue>> = async (ctx) => {
  const binding = ctx.chatId ? await findChatBinding(ctx.conn, ctx.chatId) : undefined;
  const branchId = binding?.active && binding.kind === 'branch_group' ? binding.branchIds[0] : undefined;
  if (!binding || !branchId) {
    return warn('本群还不是支部群，请先绑定', 'This group is not bound as a branch group.');
  }
  const allowed = await requireRole(ctx.conn, ctx.operatorOpenId, ORG_PERMISSIONS.syncMembers, branchId);
  if (!allowed.ok) return refusalReply(allowed);
  const result = await syncMembers(ctx.conn, ctx.lark, {
    chatId: binding.chatId,
    branchId,
    actor: allowed.person,
    source: sourceOf(ctx),
    now: ctx.clock.now(),
  });
  const round = (ctx.value.round ?? 0) + 1;
  const branchName = (await findBranch(ctx.conn, branchId))?.name ?? branchId;
  return {
    toast: {
      type: 'success',
      content: `同步完成，新登记 ${result.added.length} 人`,
      en: `Synced: ${result.added.length} added.`,
    },
    card: memberSyncCard({ branchName, round, ...result }),
  };
};

function warn(content: string, en: string): CardReply {
  return { toast: { type: 'warning', content, en } };
}

/** The organisation's chat commands: 绑定 (bind), 同步成员 (sync members), 我的身份 (whoami). */
import { memberSyncCard } from '../../cards/member-sync.js';
import { noticeCard } from '../../cards/org-notice.js';
import { whoAmICard } from '../../cards/whoami.js';
import type { Command } from '../bot/module.js';
import { sourceOf } from './audit.js';
import { ORG_PERMISSIONS, refusalCard, requireRole } from './authorize.js';
import { findBranch, listBranches } from './branches/branch.repository.js';
import { findChatBinding } from './chat-bindings/chat-binding.repository.js';
import { bindingQuestionCard } from './chat/binding-views.js';
import { syncMembers } from './chat/sync-members.js';
import { findPeople, findPerson } from './people/person.repository.js';
import { ALL_BRANCHES, ROLE_NAMES } from './role-assignments/role-assignment.entity.js';
import { rolesOf } from './role-assignments/role-assignment.repository.js';

const inGroupOnly = (word: string) =>
  noticeCard({
    title: { zh: '请在群里使用', en: 'Use it in a group' },
    text: {
      zh: `请在要设置的群里 **@我** 发送「${word}」。`,
      en: `@mention me in the group with "${word}".`,
    },
    tone: 'hint',
  });

export const bindCommand: Command = {
  name: 'bind',
  words: ['绑定', 'bind'],
  summary: '（群里）设置本群是哪个支部的支部群、公开频道或评议群',
  async run(ctx) {
    if (ctx.chatType !== 'group') return ctx.reply(inGroupOnly('绑定'));
    await ctx.reply(await bindingQuestionCard(ctx.conn, ctx.chatId));
  },
};

export const syncMembersCommand: Command = {
  name: 'sync-members',
  words: ['同步成员', 'sync members'],
  summary: '（支部群里）从群成员名单登记本支部党员',
  async run(ctx) {
    if (ctx.chatType !== 'group') return ctx.reply(inGroupOnly('同步成员'));
    const binding = await findChatBinding(ctx.conn, ctx.chatId);
    const branchId = binding?.active && binding.kind === 'branch_group' ? binding.branchIds[0] : undefined;
    if (!branchId) {
      return ctx.reply(
        noticeCard({
          title: { zh: '本群还不是支部群', en: 'Not a branch group' },
          text: {
            zh: '请先 **@我** 发送「绑定」，把本群绑定为支部群。',
            en: 'Bind this group as a branch group first.',
          },
          tone: 'hint',
        }),
      );
    }
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, ORG_PERMISSIONS.syncMembers, branchId);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const result = await syncMembers(ctx.conn, ctx.lark, {
      chatId: ctx.chatId,
      branchId,
      actor: allowed.person,
      source: sourceOf(ctx),
      now: ctx.clock.now(),
    });
    const branchName = (await findBranch(ctx.conn, branchId))?.name ?? branchId;
    await ctx.reply(memberSyncCard({ branchName, round: 1, ...result }));
  },
};

export const whoAmICommand: Command = {
  name: 'whoami',
  words: ['我的身份', 'whoami'],
  summary: '查看我在各支部的角色',
  async run(ctx) {
    const person = await findPerson(ctx.conn, ctx.senderOpenId);
    if (!person) return ctx.reply(whoAmICard({ roles: [] }));
    const roles = await rolesOf(ctx.conn, ctx.senderOpenId);
    const branchNames = new Map((await listBranches(ctx.conn)).map((b) => [b.id, b.name]));
    const contactIds = roles.flatMap((r) => r.contactMembers ?? []);
    const contactNames = new Map((await findPeople(ctx.conn, contactIds)).map((p) => [p.openId, p.name]));
    await ctx.reply(
      whoAmICard({
        person,
        roles: roles.map((r) => ({
          role: ROLE_NAMES[r.role].zh,
          scope: r.branchId === ALL_BRANCHES ? '全部支部' : (branchNames.get(r.branchId) ?? r.branchId),
          note:
            r.role !== 'leader'
              ? undefined
              : r.contactMembers
                ? `联系党员：${r.contactMembers.map((m) => contactNames.get(m) ?? m).join('、')}`
                : '联系本支部',
        })),
      }),
    );
  },
};

export const orgCommands: readonly Command[] = [bindCommand, syncMembersCommand, whoAmICommand];

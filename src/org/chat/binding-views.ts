/** Builds the view data of the binding cards from what is stored. */
import type { Connection } from 'mongoose';
import { chatBindingCard, chatBoundCard, type ScopeOption } from '../../../cards/chat-binding.js';
import type { CardJson } from '../../lark/client.js';
import { listBranches } from '../branches/branch.repository.js';
import type { ChatBinding, ChatScope } from '../chat-bindings/chat-binding.entity.js';
import { findChatBinding, scopeOf } from '../chat-bindings/chat-binding.repository.js';
import { listOrganisations } from '../organisations/organisation.repository.js';
import { findPerson } from '../people/person.repository.js';

/** The value of the 「全部支部」 option of an organisation in the card's branch picker. */
export const WHOLE_ORG_PREFIX = 'org:';

/** The question "what is this group for?", saying how it is bound now if it is. */
export async function bindingQuestionCard(conn: Connection, chatId: string): Promise<CardJson> {
  const current = await findChatBinding(conn, chatId);
  return chatBindingCard({
    options: await scopeOptions(conn),
    current: current?.active
      ? { scopeName: await scopeName(conn, scopeOf(current)), kind: current.kind }
      : undefined,
  });
}

/** The confirmation of a binding: for whom, which purpose, bound by whom. */
export async function boundCard(conn: Connection, binding: ChatBinding, syncRound = 0): Promise<CardJson> {
  const by = binding.boundBy ? (await findPerson(conn, binding.boundBy))?.name : undefined;
  return chatBoundCard({
    scopeName: await scopeName(conn, scopeOf(binding)),
    kind: binding.kind,
    boundByName: by ?? (binding.managedBy === 'file' ? '组织架构文件' : '管理员'),
    syncRound,
  });
}

/** 第一党支部、第二党支部, or 全部支部（县政协机关党总支）, as people read a scope. */
export async function scopeName(conn: Connection, scope: ChatScope): Promise<string> {
  if ('orgId' in scope) {
    const org = (await listOrganisations(conn)).find((o) => o.id === scope.orgId);
    return `全部支部（${org?.name ?? scope.orgId}）`;
  }
  const names = new Map((await listBranches(conn)).map((b) => [b.id, b.name]));
  return scope.branchIds.map((id) => names.get(id) ?? id).join('、');
}

/** Per organisation with active branches: its 「全部支部」, then each branch. */
async function scopeOptions(conn: Connection): Promise<ScopeOption[]> {
  const branches = await listBranches(conn, { active: true });
  const orgs = (await listOrganisations(conn)).filter((o) => branches.some((b) => b.orgId === o.id));
  return orgs.flatMap((o) => [
    {
      value: `${WHOLE_ORG_PREFIX}${o.id}`,
      name: orgs.length > 1 ? `全部支部（${o.name}）` : '全部支部',
    },
    ...branches.filter((b) => b.orgId === o.id).map((b) => ({ value: b.id, name: b.name })),
  ]);
}

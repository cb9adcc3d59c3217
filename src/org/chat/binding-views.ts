/** Builds the view data of the binding cards from what is stored. */
import type { Connection } from 'mongoose';
import { chatBindingCard, chatBoundCard } from '../../../cards/chat-binding.js';
import type { CardJson } from '../../lark/client.js';
import { findBranch, listBranches } from '../branches/branch.repository.js';
import type { ChatBinding } from '../chat-bindings/chat-binding.entity.js';
import { findChatBinding } from '../chat-bindings/chat-binding.repository.js';
import { findPerson } from '../people/person.repository.js';

/** The question "what is this group for?", saying how it is bound now if it is. */
export async function bindingQuestionCard(conn: Connection, chatId: string): Promise<CardJson> {
  const branches = await listBranches(conn, { active: true });
  const current = await findChatBinding(conn, chatId);
  const currentBranch = current?.active ? branches.find((b) => b.id === current.branchId) : undefined;
  return chatBindingCard({
    branches: branches.map((b) => ({ id: b.id, name: b.name })),
    current: current && currentBranch ? { branchName: currentBranch.name, kind: current.kind } : undefined,
  });
}

/** The confirmation of a binding: which branch, which purpose, bound by whom. */
export async function boundCard(conn: Connection, binding: ChatBinding, syncRound = 0): Promise<CardJson> {
  const branch = await findBranch(conn, binding.branchId);
  const by = binding.boundBy ? (await findPerson(conn, binding.boundBy))?.name : undefined;
  return chatBoundCard({
    branchName: branch?.name ?? binding.branchId,
    kind: binding.kind,
    boundByName: by ?? (binding.managedBy === 'file' ? '组织架构文件' : '管理员'),
    syncRound,
  });
}

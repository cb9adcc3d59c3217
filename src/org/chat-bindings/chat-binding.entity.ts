import type { ManagedBy } from '../people/person.entity.js';

/** What a chat is for a branch (see shared/domain.md: 支部群, 公开频道, 评议群). */
export const CHAT_KINDS = ['branch_group', 'office_channel', 'evaluators_group'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export const CHAT_KIND_NAMES: Record<ChatKind, { zh: string; en: string }> = {
  branch_group: { zh: '支部群', en: 'branch group' },
  office_channel: { zh: '公开频道', en: 'office channel' },
  evaluators_group: { zh: '评议群', en: "evaluators' group" },
};

/** The kinds a chat may serve for several branches or a whole organisation; a branch group is one branch's. */
export const SHARED_CHAT_KINDS = ['office_channel', 'evaluators_group'] as const;
export type SharedChatKind = (typeof SHARED_CHAT_KINDS)[number];

export function isSharedKind(kind: ChatKind): kind is SharedChatKind {
  return (SHARED_CHAT_KINDS as readonly string[]).includes(kind);
}

/**
 * A Lark group serving in one capacity: for some branches (a branch group: exactly one), or for every
 * branch of an organisation (the county office's one 公开频道). A branch has at most one chat of its own
 * per kind; where it has none, its organisation's chat of that kind serves it.
 */
export interface ChatBinding {
  chatId: string;
  kind: ChatKind;
  /** The branches it serves, sorted; empty when it serves a whole organisation. */
  branchIds: string[];
  /** Set (and branchIds empty) when the chat serves every branch of this organisation. */
  orgId?: string;
  /** False after the bot left the chat, the chat was re-bound elsewhere, or the file dropped it. */
  active: boolean;
  managedBy: ManagedBy;
  /** open_id of whoever bound it in chat (absent for the organisation file). */
  boundBy?: string;
}

/** Whom a binding serves: some branches, or a whole organisation. */
export type ChatScope = { branchIds: string[] } | { orgId: string };

/** A branch's effective chats by kind (its own, else its organisation's); a kind with no chat is absent. */
export type BranchChats = Partial<Record<ChatKind, string>>;

import type { ManagedBy } from '../people/person.entity.js';

/** What a chat is for a branch (see shared/domain.md: 支部群, 公开频道, 评议群). */
export const CHAT_KINDS = ['branch_group', 'office_channel', 'evaluators_group'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export const CHAT_KIND_NAMES: Record<ChatKind, { zh: string; en: string }> = {
  branch_group: { zh: '支部群', en: 'branch group' },
  office_channel: { zh: '公开频道', en: 'office channel' },
  evaluators_group: { zh: '评议群', en: "evaluators' group" },
};

/** A Lark group serving one branch in one capacity; a branch has at most one active chat per kind. */
export interface ChatBinding {
  chatId: string;
  branchId: string;
  kind: ChatKind;
  /** False after the bot left the chat, the chat was re-bound elsewhere, or the file dropped it. */
  active: boolean;
  managedBy: ManagedBy;
  /** open_id of whoever bound it in chat (absent for the organisation file). */
  boundBy?: string;
}

/** A branch's active chats by kind; a kind with no chat is absent. */
export type BranchChats = Partial<Record<ChatKind, string>>;

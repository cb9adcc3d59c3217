/**
 * 群成员同步结果: who was added as a member, who was already known, and — for the secretary to decide, since
 * nobody is removed silently — members of the branch who are not in the group and people in the group who
 * are not members of the branch.
 */
import { syncButton } from './chat-binding.js';
import { card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface MemberSyncView {
  branchName: string;
  added: readonly string[];
  alreadyCount: number;
  /** People in the group without a role in the branch (leaders, evaluators, other branches' members). */
  others: readonly string[];
  /** Members of the branch not in the group. */
  notInChat: readonly string[];
  /** The round of the sync just done; the card's button starts the next. */
  round: number;
}

export function memberSyncCard(v: MemberSyncView): CardJson {
  const names = (list: readonly string[]) => list.map(escapeMarkdown).join('、');
  const elements: Element[] = [
    markdown({
      zh:
        (v.added.length
          ? `新登记为党员 **${v.added.length}** 人：${names(v.added)}`
          : '没有需要新登记的成员。') + `\n已在册 ${v.alreadyCount} 人。`,
      en: `${v.added.length} added as members; ${v.alreadyCount} already registered.`,
    }),
  ];
  if (v.notInChat.length || v.others.length) elements.push(divider());
  if (v.notInChat.length) {
    elements.push(
      markdown({
        zh: `**不在本群的本支部党员**（${v.notInChat.length} 人，未做改动，请书记确认是否需要调整）：${names(v.notInChat)}`,
        en: `${v.notInChat.length} members of the branch are not in this group; nothing was changed.`,
      }),
    );
  }
  if (v.others.length) {
    elements.push(
      markdown({
        zh: `**群内非本支部党员**（${v.others.length} 人，未做改动）：${names(v.others)}`,
        en: `${v.others.length} people in this group are not members of the branch; nothing was changed.`,
      }),
    );
  }
  elements.push(divider(), ...syncButton(v.round));
  return card({
    title: { zh: `群成员同步结果 · ${v.branchName}`, en: `Member sync · ${v.branchName}` },
    template: 'green',
    elements,
  });
}

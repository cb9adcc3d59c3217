/**
 * 开始定诺 invitations: a member's card, the secretary's book, and the 征求意见 card in the branch group and
 * the evaluators' group (anyone there can leave a suggestion in its form); and the suggestions as the
 * secretary reads them while drafting, grouped by theme, each with 采纳.
 */
import { PLEDGE_ACTIONS as A } from './pledge-actions.js';
import { form, grey, inputField, lineWithButton, selectField, submitButton, truncate } from './pledge-kit.js';
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export function inviteCard(v: {
  pledgeId: string;
  kind: 'member' | 'branch';
  year: number;
  branchName: string;
}): CardJson {
  const what =
    v.kind === 'member'
      ? `请围绕「五带头」，结合岗位职责填写 **${v.year}年党员承诺卡**。`
      : `请起草 **${escapeMarkdown(v.branchName)} ${v.year}年支部承诺书**：围绕「五个好」、年度工作要点和目标责任书；可先看看征求到的意见。`;
  return card({
    title: { zh: v.kind === 'member' ? `填写${v.year}年承诺卡` : `起草${v.year}年支部承诺书` },
    template: 'blue',
    elements: [
      markdown({
        zh: `${what}\n3月31日前完成审核和亮诺。每条写明做什么、可衡量的结果和完成时限，可以分几次填写。`,
      }),
      button({
        text: { zh: v.kind === 'member' ? '填写承诺卡' : '起草承诺书' },
        type: 'primary',
        value: { action: A.edit, p: v.pledgeId },
      }),
    ],
  });
}

export function suggestInviteCard(v: {
  branchId: string;
  branchName: string;
  year: number;
  themes: readonly string[];
}): CardJson {
  return card({
    title: { zh: `征求意见 · ${v.branchName}${v.year}年承诺书` },
    template: 'wathet',
    elements: [
      markdown({
        zh: `支部正在起草${v.year}年公开承诺书，欢迎提出意见建议。也可以在群里 **@我** 发送「建议 + 内容」。`,
      }),
      form('suggest', [
        selectField({ name: 'theme', placeholder: '关于哪方面（可不选）', options: v.themes }),
        inputField({
          name: 'text',
          label: '建议',
          placeholder: '你的意见建议',
          maxLength: 300,
          required: true,
        }),
        submitButton({
          text: { zh: '提建议' },
          name: 'suggest',
          type: 'primary',
          value: { action: A.suggest, branch: v.branchId, year: v.year },
        }),
      ]),
    ],
  });
}

export interface SuggestionsView {
  pledgeId: string;
  groups: ReadonlyArray<{
    theme: string;
    items: ReadonlyArray<{ id: string; text: string; author: string; taken: boolean }>;
  }>;
  notice?: string | undefined;
}

export function suggestionsCard(v: SuggestionsView): CardJson {
  const elements: Element[] = [];
  if (v.notice) elements.push(markdown({ zh: `<font color='green'>${escapeMarkdown(v.notice)}</font>` }));
  let shown = 0;
  for (const g of v.groups) {
    elements.push(markdown({ zh: `**${escapeMarkdown(g.theme)}**` }));
    for (const s of g.items) {
      const line = `${escapeMarkdown(truncate(s.text, 80))} ${grey(`— ${escapeMarkdown(s.author)}`)}`;
      if (s.taken || shown >= 25) {
        elements.push(markdown({ zh: s.taken ? `${line} <font color='green'>已采纳</font>` : line }));
      } else {
        shown++;
        elements.push(
          lineWithButton(
            markdown({ zh: line }),
            button({ text: { zh: '采纳' }, value: { action: A.take, p: v.pledgeId, s: s.id } }),
          ),
        );
      }
    }
  }
  if (v.groups.length === 0) elements.push(markdown({ zh: '还没有收到建议。' }));
  elements.push(
    button({ text: { zh: '回到承诺书' }, type: 'primary', value: { action: A.edit, p: v.pledgeId } }),
  );
  return card({ title: { zh: '征求到的意见建议' }, template: 'wathet', elements });
}

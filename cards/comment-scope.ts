/**
 * 点评公开范围: a branch's default for where comments are published in writing — 支部群, 公开频道, both, or
 * 仅本人 — one button each, the current one marked; the commenter may still choose another on the form.
 */
import { button, card, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface CommentScopeView {
  branchId: string;
  branchName: string;
  /** The current default's value. */
  scope: string;
  scopes: ReadonlyArray<{ value: string; text: string }>;
}

export function commentScopeCard(v: CommentScopeView): CardJson {
  const current = v.scopes.find((s) => s.value === v.scope)?.text ?? v.scope;
  return card({
    title: { zh: '点评公开范围' },
    subtitle: { zh: v.branchName },
    template: 'indigo',
    elements: [
      markdown({
        zh: `**${escapeMarkdown(v.branchName)}** 的点评默认公开到：**${current}**\n点评人提交时仍可在点评表上另选。`,
      }),
      {
        tag: 'column_set',
        flex_mode: 'flow',
        columns: v.scopes.map((s) => ({
          tag: 'column',
          width: 'auto',
          elements: [
            button({
              text: { zh: s.value === v.scope ? `✓ ${s.text}` : s.text },
              type: s.value === v.scope ? 'primary' : 'default',
              value: { action: 'comment.scope', branch: v.branchId, scope: s.value },
            }),
          ],
        })),
      },
    ],
  });
}

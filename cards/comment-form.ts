/**
 * 点评表: two short pages for a phone. Page 1 grades each aspect (德能勤绩廉, or the branch's five duties)
 * with a line of text, under the facts to comment from; page 2 the points to stress and up to three things
 * to put right with a due date, and where it will be published (公开范围). Every page saves the draft; 提交点评 is on the last.
 */
import { card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';
import { datePicker, input, select, submitButton } from './comment-kit.js';

export interface CommentFormView {
  id: string;
  targetName: string;
  targetType: 'member' | 'branch';
  title: string;
  page: 1 | 2;
  facts: string[];
  grades: readonly string[];
  aspects: Array<{ name: string; grade?: string; text?: string }>;
  stress: Array<{ name: string; text?: string }>;
  items: Array<{ text?: string; due?: string }>;
  /** 公开范围: the choices and the one selected (the branch's default until the commenter picks). */
  scopes: ReadonlyArray<{ value: string; text: string }>;
  scope: string;
  savedAt?: string;
}

export function commentFormCard(v: CommentFormView): CardJson {
  const fields: Element[] = [];
  if (v.page === 1) {
    v.aspects.forEach((a, i) => {
      fields.push(markdown({ zh: `**${a.name}**` }));
      fields.push(select({ name: `g${i}`, placeholder: '评价', options: v.grades, value: a.grade }));
      fields.push(input({ name: `t${i}`, placeholder: `${a.name}：简要评语`, value: a.text }));
    });
    fields.push(
      submitButton({
        name: 'save',
        text: '保存草稿',
        value: { action: 'comment.save', id: v.id, page: 1, go: 1 },
      }),
    );
    fields.push(
      submitButton({
        name: 'next',
        text: '下一页',
        primary: true,
        value: { action: 'comment.save', id: v.id, page: 1, go: 2 },
      }),
    );
  } else {
    fields.push(markdown({ zh: '**重点**' }));
    v.stress.forEach((s, i) => fields.push(input({ name: `s${i}`, placeholder: s.name, value: s.text })));
    fields.push(markdown({ zh: '**整改事项**（可不填）' }));
    v.items.forEach((it, i) => {
      fields.push(input({ name: `i${i}`, placeholder: `整改事项${i + 1}`, value: it.text, maxLength: 200 }));
      fields.push(datePicker({ name: `d${i}`, placeholder: '完成期限', value: it.due }));
    });
    fields.push(markdown({ zh: '**公开范围**' }));
    fields.push(select({ name: 'scope', placeholder: '公开范围', options: v.scopes, value: v.scope }));
    fields.push(
      submitButton({
        name: 'prev',
        text: '上一页',
        value: { action: 'comment.save', id: v.id, page: 2, go: 1 },
      }),
    );
    fields.push(
      submitButton({
        name: 'save',
        text: '保存草稿',
        value: { action: 'comment.save', id: v.id, page: 2, go: 2 },
      }),
    );
    fields.push(
      submitButton({
        name: 'submit',
        text: '提交点评',
        primary: true,
        value: { action: 'comment.submit', id: v.id },
      }),
    );
  }
  return card({
    title: { zh: `点评：${v.targetName}` },
    subtitle: { zh: `${v.title} · 第${v.page}/2页` },
    template: 'blue',
    elements: [
      ...(v.page === 1
        ? [markdown({ zh: `**参考情况**\n${v.facts.map((f) => escapeMarkdown(f)).join('\n')}` }), divider()]
        : []),
      ...(v.savedAt ? [markdown({ zh: `草稿已保存 ${v.savedAt}` })] : []),
      { tag: 'form', name: 'comment', elements: fields },
    ],
  });
}

/**
 * 承诺卡 / 承诺书 drafting: one item per form page (Lark allows one form per card), the other items listed
 * above it; 保存 / 上一条 / 下一条 submit the page, 提交审核 runs the quality check. Also the quality card that
 * names each item's problem with 修改 or 仍然提交.
 */
import { PLEDGE_ACTIONS as A } from './pledge-actions.js';
import {
  buttonRow,
  dateField,
  form,
  grey,
  inputField,
  orange,
  selectField,
  submitButton,
  truncate,
  type ItemView,
} from './pledge-kit.js';
import { button, card, divider, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export interface DraftCardView {
  pledgeId: string;
  title: string;
  themes: readonly string[];
  items: ReadonlyArray<ItemView & { id: string }>;
  /** The page shown: an item's id, or the id a new item will get. */
  current: string;
  /** A change to a published pledge (the published one stays in force until the change is approved). */
  revising: boolean;
  notice?: string;
  returned?: { round: number; byName: string; reason: string };
  /** Book only: suggestions not yet taken. */
  openSuggestions?: number;
  year: number;
}

export function draftCard(v: DraftCardView): CardJson {
  const index = v.items.findIndex((i) => i.id === v.current);
  const item = index >= 0 ? v.items[index] : undefined;
  const position = index >= 0 ? index + 1 : v.items.length + 1;
  const elements: Element[] = [];
  if (v.notice) elements.push(markdown({ zh: `<font color='green'>${escapeMarkdown(v.notice)}</font>` }));
  if (v.returned)
    elements.push(
      markdown({
        zh: orange(
          `第${v.returned.round}轮审核被${escapeMarkdown(v.returned.byName)}退回：${escapeMarkdown(v.returned.reason)}`,
        ),
      }),
    );
  if (v.revising)
    elements.push(markdown({ zh: grey('正在修改已公开的承诺：修改稿审核通过前，原承诺继续有效。') }));
  const list = v.items.map(
    (i, n) =>
      `${i.id === v.current ? '▶ ' : ''}${n + 1}. 【${escapeMarkdown(i.theme || '未选主题')}】${escapeMarkdown(truncate(i.text || '（未填写）', 18))}`,
  );
  elements.push(
    markdown({
      zh: v.items.length
        ? `共 ${v.items.length} 条：\n${list.join('\n')}`
        : '还没有承诺事项，从第 1 条写起。',
    }),
    divider(),
  );
  const nav = (text: string, go: 'stay' | 'prev' | 'next', type: 'primary' | 'default' = 'default') =>
    submitButton({
      text: { zh: text },
      name: `go_${go}`,
      type,
      value: { action: A.save, p: v.pledgeId, item: v.current, go },
    });
  elements.push(
    form('item', [
      markdown({ zh: `**第 ${position} 条**${item ? '' : '（新增）'}` }),
      selectField({ name: 'theme', placeholder: '选择主题', options: v.themes, initial: item?.theme }),
      inputField({
        name: 'text',
        label: '做什么',
        placeholder: '承诺做什么',
        value: item?.text,
        maxLength: 200,
      }),
      inputField({
        name: 'result',
        label: '结果',
        placeholder: '可衡量的结果，如：完成3篇调研报告',
        value: item?.result,
        maxLength: 100,
      }),
      dateField({ name: 'due', placeholder: `完成时限（${v.year}年内）`, initial: item?.due }),
      buttonRow([
        nav('保存', 'stay', 'primary'),
        ...(position > 1 ? [nav('上一条', 'prev')] : []),
        nav('下一条', 'next'),
      ]),
    ]),
  );
  const extra: Element[] = [];
  if (item)
    extra.push(
      button({
        text: { zh: '删除本条' },
        type: 'danger',
        value: { action: A.remove, p: v.pledgeId, item: item.id },
      }),
    );
  if (v.openSuggestions !== undefined)
    extra.push(
      button({
        text: { zh: `查看建议（${v.openSuggestions}）` },
        value: { action: A.suggestions, p: v.pledgeId },
      }),
    );
  extra.push(
    button({
      text: { zh: '提交审核' },
      type: 'primary',
      value: { action: A.submit, p: v.pledgeId, force: false },
    }),
  );
  elements.push(buttonRow(extra), markdown({ zh: grey('填写后先点「保存」或「下一条」，再提交审核。') }));
  return card({ title: { zh: v.title }, subtitle: { zh: '定诺' }, template: 'blue', elements });
}

export interface QualityCardView {
  pledgeId: string;
  title: string;
  problems: ReadonlyArray<{ item: number; itemId: string; text: string }>;
}

/** The problems found before submission, each naming its item; fix one, or submit anyway. */
export function qualityCard(v: QualityCardView): CardJson {
  const items = [...new Map(v.problems.map((p) => [p.itemId, p.item])).entries()].slice(0, 6);
  return card({
    title: { zh: `提交前请检查 · ${v.title}` },
    template: 'orange',
    elements: [
      markdown({ zh: v.problems.map((p) => `- ${escapeMarkdown(p.text)}`).join('\n') }),
      markdown({ zh: grey('可以修改后再提交；也可以仍然提交，这些提示会一并给审核人看。') }),
      buttonRow([
        ...items.map(([itemId, n]) =>
          button({ text: { zh: `修改第${n}条` }, value: { action: A.edit, p: v.pledgeId, item: itemId } }),
        ),
        button({
          text: { zh: '仍然提交' },
          type: 'primary',
          value: { action: A.submit, p: v.pledgeId, force: true },
        }),
      ]),
    ],
  });
}

/** What the author sees after submitting. */
export function submittedCard(v: {
  title: string;
  round: number;
  reviewer: string;
  warnings: number;
}): CardJson {
  const w = v.warnings ? `（含 ${v.warnings} 条提示，审核人会看到）` : '';
  return card({
    title: { zh: `已提交审核 · ${v.title}` },
    template: 'turquoise',
    elements: [
      markdown({
        zh: `第 ${v.round} 轮已提交${w}，等待${escapeMarkdown(v.reviewer)}审核。结果会私信告诉你；发送「我的承诺」随时查看。`,
      }),
    ],
  });
}

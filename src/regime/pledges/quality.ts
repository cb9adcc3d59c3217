/**
 * The quality check before a pledge goes to review, reading it the way a reviewer does: each item needs a
 * theme, a concrete result and a due date inside the year, and says something no other item says.
 */
import type { PledgeItem } from './pledge.entity.js';

export interface QualityProblem {
  /** 1-based position of the item, as the author sees it. */
  item: number;
  itemId: string;
  what: string;
}

/** A result is concrete when it names a number, a date, or something countable or checkable. */
const CONCRETE =
  /[0-9０-９一二三四五六七八九十百千万两]|完成|建成|办结|通过|达到|实现|出台|形成|提交|编印|举办|开展/;
const MIN_RESULT_CHARS = 4;

const normalised = (s: string) => s.replace(/[\s，。、,.;；!！?？]/g, '');

export function checkQuality(items: readonly PledgeItem[], year: number): QualityProblem[] {
  const problems: QualityProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const add = (what: string) => problems.push({ item: i + 1, itemId: item.id, what });
    if (!item.theme) add('没有选择主题');
    if (!item.text.trim()) add('没有写承诺做什么');
    const result = item.result.trim();
    if (!result) add('缺少可衡量的结果');
    else if ([...result].length < MIN_RESULT_CHARS || !CONCRETE.test(result))
      add('结果不够具体（写明数量、标准或完成标志）');
    if (!item.due) add('没有完成时限');
    else if (!item.due.startsWith(`${year}-`)) add(`完成时限不在${year}年内`);
    const key = normalised(item.text);
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) add(`与第${first}条重复`);
      else seen.set(key, i + 1);
    }
  });
  return problems;
}

export function describeProblem(p: QualityProblem): string {
  return `第${p.item}条：${p.what}`;
}

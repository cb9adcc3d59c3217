/**
 * Reads one page of the comment form into the stored draft. Everything is checked here, so a bad value is
 * refused with a sentence the person understands and nothing is written.
 */
import {
  ASPECTS,
  GRADES,
  MAX_ITEMS,
  STRESS_POINTS,
  type Comment,
  type FollowUpItem,
  type Grade,
} from './comment.entity.js';
import { isScope, SCOPE_NAMES } from './scope.js';

export type FormFields = Record<string, string | string[]>;
type Draft = Pick<Comment, 'aspects' | 'stress' | 'items' | 'scope'>;

const text = (f: FormFields, name: string): string | undefined => {
  const v = f[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
};

/** The draft with this page's fields applied, or the reason it cannot be. */
export function applyPage(
  c: Comment,
  page: 1 | 2,
  f: FormFields,
  today: string,
): { ok: true; draft: Draft } | { ok: false; message: string } {
  const type = c.target.type;
  if (page === 1) {
    const aspects = ASPECTS[type].map((_, index) => {
      const grade = text(f, `g${index}`);
      const t = text(f, `t${index}`);
      return { index, ...(grade ? { grade: grade as Grade } : {}), ...(t ? { text: t.slice(0, 300) } : {}) };
    });
    if (aspects.some((a) => a.grade && !GRADES.includes(a.grade)))
      return { ok: false, message: `评价只能选：${GRADES.join(' / ')}` };
    return { ok: true, draft: { aspects, stress: c.stress, items: c.items, ...scopeOf(c) } };
  }
  const stress = STRESS_POINTS[type].flatMap((_, index) => {
    const t = text(f, `s${index}`);
    return t ? [{ index, text: t.slice(0, 300) }] : [];
  });
  const items: FollowUpItem[] = [];
  for (let i = 0; i < MAX_ITEMS; i++) {
    const t = text(f, `i${i}`);
    const d = text(f, `d${i}`)?.slice(0, 10);
    if (!t && !d) continue;
    if (!t) return { ok: false, message: `整改事项${i + 1}：请写明要整改什么` };
    if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d))
      return { ok: false, message: `整改事项${i + 1}：请选择完成期限` };
    if (d < today) return { ok: false, message: `整改事项${i + 1}：完成期限不能早于今天` };
    const before = c.items.find((x) => x.no === items.length + 1);
    items.push({
      no: items.length + 1,
      text: t.slice(0, 200),
      due: d,
      state: 'open',
      progress: before?.progress ?? [],
    });
  }
  const scope = text(f, 'scope');
  if (scope !== undefined && !isScope(scope))
    return { ok: false, message: `公开范围只能选：${Object.values(SCOPE_NAMES).join(' / ')}` };
  return { ok: true, draft: { aspects: c.aspects, stress, items, ...(scope ? { scope } : scopeOf(c)) } };
}

const scopeOf = (c: Pick<Comment, 'scope'>) => (c.scope ? { scope: c.scope } : {});

/** What is still missing before the comment can be submitted, or undefined when it is complete. */
export function missingForSubmit(c: Pick<Comment, 'aspects' | 'target'>): string | undefined {
  const names = ASPECTS[c.target.type];
  const ungraded = names.filter((_, i) => !c.aspects.find((a) => a.index === i)?.grade);
  if (ungraded.length) return `请先评价：${ungraded.join('、')}（第1页）`;
  return undefined;
}

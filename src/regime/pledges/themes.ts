/**
 * What a pledge item is about. Members pledge under the 五带头; the branch book under the 五个好, the year's
 * work points and the target-responsibility document (shared/domain.md, 一诺 定诺).
 */
export type PledgeKind = 'member' | 'branch';

export const MEMBER_THEMES = [
  '带头学习提高',
  '带头争创佳绩',
  '带头服务群众',
  '带头遵纪守法',
  '带头弘扬正气',
] as const;

export const BRANCH_THEMES = [
  '领导班子好',
  '党员队伍好',
  '工作机制好',
  '工作业绩好',
  '群众反映好',
  '年度工作要点',
  '目标责任书',
] as const;

export function themesOf(kind: PledgeKind): readonly string[] {
  return kind === 'member' ? MEMBER_THEMES : BRANCH_THEMES;
}

/** A suggestion's theme from its words (建议 …): the theme it names, or a word of one; else unsorted. */
export const UNSORTED = '未分类';
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [/班子|领导/, '领导班子好'],
  [/党员|队伍|发展/, '党员队伍好'],
  [/机制|制度|流程/, '工作机制好'],
  [/业绩|成绩|任务|完成/, '工作业绩好'],
  [/群众|服务|民生|委员|走访/, '群众反映好'],
  [/要点|常委会/, '年度工作要点'],
  [/责任书|目标/, '目标责任书'],
];

export function guessBranchTheme(text: string): string {
  const named = BRANCH_THEMES.find((t) => text.includes(t));
  if (named) return named;
  return HINTS.find(([re]) => re.test(text))?.[1] ?? UNSORTED;
}

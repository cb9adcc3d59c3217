/**
 * A leader comment (领导点评) as the comment register (点评情况登记表) keeps it: who commented on whom, for
 * which period, what they said on each aspect, and the things to put right (整改事项) with their state.
 * Lists, never maps keyed by user text: FerretDB refuses field names with "." or a leading "$".
 */
import type { PublicationScope } from './scope.js';

/** 季度点评, 半年检查, 年度总评, or an ad-hoc comment at any time. */
export type CommentKind = 'quarterly' | 'half-year' | 'annual' | 'ad-hoc';

export const KIND_NAMES: Record<CommentKind, string> = {
  quarterly: '季度点评',
  'half-year': '半年检查',
  annual: '年度总评',
  'ad-hoc': '随时点评',
};

/** How a cycle reads after its period: 2026年第一季度点评, 2026年上半年检查, 2026年度总评. */
export const KIND_TITLES: Record<CommentKind, string> = {
  quarterly: '点评',
  'half-year': '检查',
  annual: '总评',
  'ad-hoc': '随时点评',
};

export type TargetType = 'member' | 'branch';

export interface CommentTarget {
  type: TargetType;
  /** open_id of a member, or the branch id. */
  id: string;
  name: string;
  branchId: string;
}

/** The short scale each aspect is graded on. */
export const GRADES = ['好', '较好', '一般', '差'] as const;
export type Grade = (typeof GRADES)[number];

/** 德、能、勤、绩、廉 on a member; the five duties on a branch (domain.md, 领导点评). */
export const ASPECTS: Record<TargetType, readonly string[]> = {
  member: ['德', '能', '勤', '绩', '廉'],
  branch: ['履行职能', '班子建设', '民主管理', '党风廉政建设', '群众热点难点问题解决'],
};

/** The points each comment must stress. */
export const STRESS_POINTS: Record<TargetType, readonly string[]> = {
  member: ['工作思路', '效率业绩', '廉洁从政'],
  branch: ['引领发展', '服务委员', '构建和谐', '加强自身建设'],
};

/** How many 整改事项 one comment may list (each a pair of form fields, so the form stays short). */
export const MAX_ITEMS = 3;

export interface AspectNote {
  /** Index into ASPECTS[target.type]; stored as a number so no user text becomes a key. */
  index: number;
  grade?: Grade;
  text?: string;
}

export interface StressNote {
  index: number;
  text: string;
}

export type ItemState = 'open' | 'done';

export interface ItemProgress {
  at: Date;
  by: string;
  text: string;
}

/** 整改事项: a thing to put right, with its due date, followed until the commenter closes it. */
export interface FollowUpItem {
  /** 1-based within the comment. */
  no: number;
  text: string;
  /** YYYY-MM-DD */
  due: string;
  state: ItemState;
  progress: ItemProgress[];
  closedAt?: Date;
}

export type CommentStatus = 'draft' | 'submitted' | 'published';

export interface Comment {
  /** `${kind}:${period}:${commenterId}:${target.type}:${target.id}`; ad-hoc ones carry the day instead. */
  id: string;
  branchId: string;
  kind: CommentKind;
  /** The period it is about: 2026-Q3, 2026-H2, 2026; an ad-hoc comment the quarter it was made in. */
  period: string;
  commenterId: string;
  commenterName: string;
  target: CommentTarget;
  status: CommentStatus;
  aspects: AspectNote[];
  stress: StressNote[];
  items: FollowUpItem[];
  createdAt: Date;
  updatedAt: Date;
  submittedAt?: Date;
  publishedAt?: Date;
  publishedBy?: string;
  /** Where it is (to be) published: chosen on the form, else the branch's default when submitted. */
  scope?: PublicationScope;
  acknowledgedAt?: Date;
}

/** A commenter's list of whom to comment on for one kind and period: the prompt card shows it. */
export interface CommentPrompt {
  /** `${kind}:${period}:${commenterId}` */
  id: string;
  kind: CommentKind;
  period: string;
  commenterId: string;
  /** YYYY-MM-DD: the last day of the window. */
  due: string;
  targets: CommentTarget[];
  branchIds: string[];
  createdAt: Date;
}

export function commentId(
  kind: CommentKind,
  period: string,
  commenterId: string,
  target: Pick<CommentTarget, 'type' | 'id'>,
): string {
  return `${kind}:${period}:${commenterId}:${target.type}:${target.id}`;
}

export function promptId(kind: CommentKind, period: string, commenterId: string): string {
  return `${kind}:${period}:${commenterId}`;
}

/** What users read for a period key: 2026-Q3 → 2026年第三季度. */
export function periodName(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  const h = /^(\d{4})-H([12])$/.exec(period);
  if (h) return `${h[1]}年${h[2] === '1' ? '上' : '下'}半年`;
  if (/^\d{4}$/.test(period)) return `${period}年度`;
  return period;
}

/** An open item past its due date is overdue (逾期); the state stays `open` in the database. */
export function itemLabel(item: FollowUpItem, today: string): '已办结' | '已逾期' | '整改中' {
  if (item.state === 'done') return '已办结';
  return item.due < today ? '已逾期' : '整改中';
}

/** Reading the register: the 点评登记 card, the 整改 list, and the year-end assessment's read. */
import type { Connection } from 'mongoose';
import type { ItemRow } from '../../../cards/comment-items.js';
import type { RegisterRow } from '../../../cards/comment-register.js';
import { localDate } from '../../schedule/calendar.js';
import {
  ASPECTS,
  KIND_NAMES,
  itemLabel,
  type Comment,
  type CommentKind,
  type FollowUpItem,
  type Grade,
} from './comment.entity.js';
import type { YearComment, YearScope } from '../ports.js';
import { commentCollection, listComments } from './comment.repository.js';
import { SCOPE_NAMES } from './scope.js';
import { today, TZ } from './views.js';
import { branchScope } from '../year-scope.js';

const STATUS = { draft: '草稿', submitted: '已提交', published: '已公开' } as const;

/** 已公开（支部群）, or for one not yet published where it will go: 已提交（拟公开：公开频道）. */
function scopeText(c: Comment): string {
  if (!c.scope) return '';
  return c.status === 'published' ? `（${SCOPE_NAMES[c.scope]}）` : `（拟公开：${SCOPE_NAMES[c.scope]}）`;
}

export function registerRow(c: Comment, now: Date): RegisterRow {
  const day = today(now);
  return {
    period: c.period,
    kindName: KIND_NAMES[c.kind],
    commenterName: c.commenterName,
    targetName: c.target.name,
    date: c.submittedAt ? localDate(c.submittedAt, TZ) : '',
    status: `${STATUS[c.status]}${scopeText(c)}${c.acknowledgedAt ? ' · 已确认' : ''}`,
    grades: ASPECTS[c.target.type]
      .map((n, i) => `${n}${c.aspects.find((a) => a.index === i)?.grade ?? '—'}`)
      .join(' '),
    items: c.items.map((i) => ({ text: i.text, due: i.due, label: itemLabel(i, day) })),
  };
}

/** Submitted and published comments of these branches, filtered; oldest first. */
export async function registerRows(
  conn: Connection,
  q: { branchIds: string[]; period?: string; commenterId?: string; now: Date },
): Promise<RegisterRow[]> {
  const list = await listComments(conn, {
    branchIds: q.branchIds,
    status: ['submitted', 'published'],
    ...(q.period ? { period: q.period } : {}),
    ...(q.commenterId ? { commenterId: q.commenterId } : {}),
  });
  return list.map((c) => registerRow(c, q.now));
}

/** Items to put right that concern this person: as the one commented on (mine) or as the commenter. */
export async function itemRowsFor(conn: Connection, openId: string, now: Date): Promise<ItemRow[]> {
  const day = today(now);
  const published = ['published'] as const;
  const received = await listComments(conn, { targetId: openId, status: published });
  const given = await listComments(conn, { commenterId: openId, status: published });
  const rows = (c: Comment, mine: boolean) =>
    c.items.map((i) => ({
      commentId: c.id,
      no: i.no,
      text: i.text,
      due: i.due,
      label: itemLabel(i, day),
      who: mine ? c.commenterName : c.target.name,
      mine,
    }));
  const all = [...received.flatMap((c) => rows(c, true)), ...given.flatMap((c) => rows(c, false))];
  // Open first (overdue before the rest), then by due date: what needs doing reads first.
  const rank = { 已逾期: 0, 整改中: 1, 已办结: 2 } as const;
  return all.sort((a, b) => rank[a.label] - rank[b.label] || a.due.localeCompare(b.due));
}

export interface ReceivedComment {
  id: string;
  period: string;
  kind: CommentKind;
  commenterId: string;
  commenterName: string;
  submittedAt?: Date;
  scores: Array<{ aspect: string; grade?: Grade; text?: string }>;
  items: Array<Pick<FollowUpItem, 'no' | 'text' | 'due' | 'state' | 'closedAt'>>;
}

/**
 * For the year-end assessment (年终考核): the comments a member (or a branch, by its id) received in a
 * year, submitted or published, with their scores and the items to put right and their state.
 */
export async function commentsReceived(
  conn: Connection,
  q: { branchId: string; targetId: string; year: number },
): Promise<ReceivedComment[]> {
  const list = await listComments(conn, {
    branchIds: [q.branchId],
    targetId: q.targetId,
    status: ['submitted', 'published'],
  });
  return list
    .filter((c) => c.period.slice(0, 4) === String(q.year))
    .map((c) => ({
      id: c.id,
      period: c.period,
      kind: c.kind,
      commenterId: c.commenterId,
      commenterName: c.commenterName,
      ...(c.submittedAt ? { submittedAt: c.submittedAt } : {}),
      scores: ASPECTS[c.target.type].map((aspect, i) => {
        const a = c.aspects.find((x) => x.index === i);
        return { aspect, ...(a?.grade ? { grade: a.grade } : {}), ...(a?.text ? { text: a.text } : {}) };
      }),
      items: c.items.map(({ no, text, due, state, closedAt }) => ({
        no,
        text,
        due,
        state,
        ...(closedAt ? { closedAt } : {}),
      })),
    }));
}

/** The periods a year's comments are filed under: its quarters (ad-hoc ones too), halves and the year. */
const periodsOf = (year: number) => [
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  `${year}-H1`,
  `${year}-H2`,
  String(year),
];

/**
 * Every submitted or published comment on a member of these branches in a year, with the grades given,
 * streamed (the year-end assessment's one read of the register).
 */
export async function* streamYearComments(conn: Connection, q: YearScope): AsyncIterable<YearComment> {
  const scope = branchScope(q.branchIds);
  const cursor = commentCollection(conn).find(
    {
      ...scope.filter,
      period: { $in: periodsOf(q.year) },
      status: { $in: ['submitted', 'published'] },
      'target.type': 'member',
    },
    { projection: { _id: 0, branchId: 1, kind: 1, 'target.id': 1, aspects: 1 } },
  );
  for await (const c of cursor) {
    if (!scope.keep(c.branchId)) continue;
    yield {
      branchId: c.branchId,
      targetId: c.target.id,
      kind: c.kind,
      grades: (c.aspects ?? []).flatMap((a) => (a.grade ? [a.grade] : [])),
    };
  }
}

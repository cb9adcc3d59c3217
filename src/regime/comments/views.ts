/** From stored comments and prompts to the view data the cards draw. */
import type { Connection } from 'mongoose';
import type { CommentFormView } from '../../../cards/comment-form.js';
import type { PromptRow, PromptView } from '../../../cards/comment-prompt.js';
import type { CommentView } from '../../../cards/comment-view.js';
import { listActiveBranches } from '../../org/index.js';
import { localDate } from '../../schedule/calendar.js';
import {
  ASPECTS,
  GRADES,
  KIND_NAMES,
  KIND_TITLES,
  MAX_ITEMS,
  STRESS_POINTS,
  commentId,
  itemLabel,
  periodName,
  promptId,
  type Comment,
  type CommentKind,
} from './comment.entity.js';
import { findComments, findPrompt } from './comment.repository.js';
import { targetsOf } from './duties.js';
import { SCOPE_NAMES, SCOPES, type PublicationScope } from './scope.js';

export const TZ = 'Asia/Shanghai';
export const today = (now: Date) => localDate(now, TZ);

export function headingOf(c: Pick<Comment, 'kind' | 'period'>): string {
  return c.kind === 'ad-hoc' ? KIND_NAMES['ad-hoc'] : `${periodName(c.period)}${KIND_TITLES[c.kind]}`;
}

export function commentView(c: Comment, now: Date): CommentView {
  const day = today(now);
  return {
    id: c.id,
    heading: headingOf(c),
    targetName: c.target.name,
    commenterName: c.commenterName,
    date: c.submittedAt ? localDate(c.submittedAt, TZ) : day,
    aspects: ASPECTS[c.target.type].map((name, i) => {
      const a = c.aspects.find((x) => x.index === i);
      return { name, ...(a?.grade ? { grade: a.grade } : {}), ...(a?.text ? { text: a.text } : {}) };
    }),
    stress: c.stress.map((s) => ({ name: STRESS_POINTS[c.target.type][s.index] ?? '', text: s.text })),
    items: c.items.map((it) => ({
      no: it.no,
      text: it.text,
      due: it.due,
      label: itemLabel(it, day),
      ...(it.progress.length ? { lastProgress: it.progress.at(-1)!.text } : {}),
    })),
    published: c.status === 'published',
    acknowledged: c.acknowledgedAt !== undefined,
    ...(c.scope ? { scopeName: SCOPE_NAMES[c.scope] } : {}),
  };
}

/** The form's view; `defaultScope` is the branch's 公开范围, selected until the commenter picks another. */
export function formView(
  c: Comment,
  page: 1 | 2,
  facts: string[],
  defaultScope: PublicationScope,
  savedAt?: Date,
): CommentFormView {
  const type = c.target.type;
  return {
    id: c.id,
    targetName: c.target.name,
    targetType: type,
    title: headingOf(c),
    page,
    facts,
    grades: GRADES,
    aspects: ASPECTS[type].map((name, i) => {
      const a = c.aspects.find((x) => x.index === i);
      return { name, ...(a?.grade ? { grade: a.grade } : {}), ...(a?.text ? { text: a.text } : {}) };
    }),
    stress: STRESS_POINTS[type].map((name, i) => {
      const s = c.stress.find((x) => x.index === i);
      return { name, ...(s ? { text: s.text } : {}) };
    }),
    items: Array.from({ length: MAX_ITEMS }, (_, i) => {
      const it = c.items[i];
      return it ? { text: it.text, due: it.due } : {};
    }),
    scopes: SCOPES.map((value) => ({ value, text: SCOPE_NAMES[value] })),
    scope: c.scope ?? defaultScope,
    ...(savedAt ? { savedAt: localDate(savedAt, TZ) } : {}),
  };
}

/** The prompt card's view: the stored prompt's targets (ad-hoc: the commenter's contact points). */
export async function promptView(
  conn: Connection,
  commenterId: string,
  kind: CommentKind,
  period: string,
  page: number,
): Promise<PromptView> {
  const prompt = kind === 'ad-hoc' ? undefined : await findPrompt(conn, promptId(kind, period, commenterId));
  const targets = prompt?.targets ?? (await targetsOf(conn, commenterId));
  const names = new Map((await listActiveBranches(conn)).map((b) => [b.id, b.name]));
  const stored =
    kind === 'ad-hoc'
      ? []
      : await findComments(
          conn,
          targets.map((t) => commentId(kind, period, commenterId, t)),
        );
  const byId = new Map(stored.map((c) => [c.id, c]));
  const rows: PromptRow[] = targets.map((t) => {
    const c = byId.get(commentId(kind, period, commenterId, t));
    const state = !c ? 'due' : c.status === 'draft' ? 'draft' : 'done';
    return { type: t.type, id: t.id, name: t.name, branchName: names.get(t.branchId) ?? t.branchId, state };
  });
  return {
    kind,
    kindName: KIND_TITLES[kind],
    period,
    periodName: periodName(period),
    ...(prompt ? { due: prompt.due } : {}),
    rows,
    page,
  };
}

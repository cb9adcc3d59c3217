/** The comments published to a scope, as the public board (公开栏) shows them: no drafts, no ids. */
import type { Connection } from 'mongoose';
import type { CommentView } from '../../../cards/comment-view.js';
import type { TargetType } from './comment.entity.js';
import { listComments } from './comment.repository.js';
import { commentView } from './views.js';

export type PublishedComment = Omit<CommentView, 'id' | 'published' | 'acknowledged'> & {
  targetType: TargetType;
};

/** A branch's published comments of a year (by the period they are about), oldest first. */
export async function publishedComments(
  conn: Connection,
  q: { branchId: string; year: number; now: Date },
): Promise<PublishedComment[]> {
  const list = await listComments(conn, { branchIds: [q.branchId], status: ['published'] });
  return list
    .filter((c) => c.period.slice(0, 4) === String(q.year))
    .map((c) => {
      // Picked field by field: the view's id names the commenter's open_id, which a public page never shows.
      const v = commentView(c, q.now);
      return {
        heading: v.heading,
        targetName: v.targetName,
        targetType: c.target.type,
        commenterName: v.commenterName,
        date: v.date,
        aspects: v.aspects,
        stress: v.stress,
        items: v.items,
      };
    });
}

/**
 * CommentsAccess (src/regime/ports.ts): the register as digests and 通报 count it — who commented on whom
 * in a period, and which 整改事项 of published comments are still open.
 */
import type { CommentSummary, CommentsAccess } from '../ports.js';
import type { Comment } from './comment.entity.js';
import { listComments } from './comment.repository.js';

function summary(c: Comment): CommentSummary {
  return {
    id: c.id,
    branchId: c.branchId,
    kind: c.kind,
    period: c.period,
    commenterId: c.commenterId,
    commenterName: c.commenterName,
    targetType: c.target.type,
    targetName: c.target.name,
    status: c.status,
    ...(c.submittedAt && { submittedAt: c.submittedAt }),
    ...(c.publishedAt && { publishedAt: c.publishedAt }),
  };
}

export const commentsAccess: CommentsAccess = {
  async commentsIn(conn, q) {
    const list = await listComments(conn, { branchIds: q.branchIds, status: ['submitted', 'published'] });
    return list.filter((c) => c.submittedAt && c.submittedAt >= q.from && c.submittedAt < q.to).map(summary);
  },
  async openFollowUps(conn, q) {
    const list = await listComments(conn, { branchIds: q.branchIds, status: ['published'] });
    return list
      .flatMap((c) =>
        c.items
          .filter((i) => i.state === 'open')
          .map((i) => ({
            branchId: c.branchId,
            commenterName: c.commenterName,
            targetName: c.target.name,
            text: i.text,
            due: i.due,
          })),
      )
      .sort((a, b) => a.due.localeCompare(b.due));
  },
};

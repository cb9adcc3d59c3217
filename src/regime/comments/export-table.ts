/**
 * 点评情况登记表 for 导出 (src/regime/exports): every comment submitted about the year, as the register
 * keeps it — when, by whom, on whom, which kind, what was said, what is to be put right and how that
 * stands, and whether it was made public. Streamed from a cursor.
 */
import type { Connection } from 'mongoose';
import { localDate } from '../../schedule/calendar.js';
import type { ExportCell, ExportTable } from '../ports.js';
import {
  ASPECTS,
  STRESS_POINTS,
  itemLabel,
  type Comment,
  type CommentKind,
  type FollowUpItem,
} from './comment.entity.js';
import { streamYearComments } from './comment.repository.js';
import { TZ } from './views.js';

/** The register's 类别 column: 季度/半年/年度, and 随机 for a comment made at any time. */
const KIND_COLUMN: Record<CommentKind, string> = {
  quarterly: '季度',
  'half-year': '半年',
  annual: '年度',
  'ad-hoc': '随机',
};

export const commentRegisterTable: ExportTable = {
  name: '点评情况登记表',
  aliases: ['点评', '点评登记', '点评登记表', 'comments'],
  slug: 'comment-register',
  columns: [
    { header: '序号', key: 'no', type: 'number' },
    { header: '点评时间', key: 'at', type: 'date' },
    { header: '点评人', key: 'commenter' },
    { header: '点评对象', key: 'target' },
    { header: '类别', key: 'kind' },
    { header: '点评内容', key: 'content', width: 48 },
    { header: '整改要求', key: 'demands', width: 36 },
    { header: '整改情况', key: 'progress', width: 36 },
    { header: '公开情况', key: 'published' },
  ],
  rows: registerRows,
};

async function* registerRows(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number; now?: Date },
): AsyncGenerator<Record<string, ExportCell>> {
  const today = localDate(q.now ?? new Date(), TZ);
  let no = 0;
  for await (const c of streamYearComments(conn, q)) {
    yield {
      no: ++no,
      at: c.submittedAt,
      commenter: c.commenterName,
      target: c.target.type === 'branch' ? `${c.target.name}（支部）` : c.target.name,
      kind: KIND_COLUMN[c.kind],
      content: contentText(c),
      demands: c.items.map((i) => `${i.no}. ${i.text}（${i.due}前）`).join('\n'),
      progress: c.items.map((i) => progressText(i, today)).join('\n'),
      published: publishedText(c),
    };
  }
}

/** 德（好）：… one line per aspect written, then the points stressed. */
function contentText(c: Comment): string {
  const aspects = ASPECTS[c.target.type];
  const stress = STRESS_POINTS[c.target.type];
  return [
    ...c.aspects
      .filter((a) => a.grade || a.text)
      .map(
        (a) => `${aspects[a.index] ?? ''}${a.grade ? `（${a.grade}）` : ''}${a.text ? `：${a.text}` : ''}`,
      ),
    ...c.stress.map((s) => `${stress[s.index] ?? ''}：${s.text}`),
  ].join('\n');
}

/** 1. 已办结（2026-11-02）：the last progress reported. */
function progressText(i: FollowUpItem, today: string): string {
  const closed = i.state === 'done' && i.closedAt ? `（${localDate(i.closedAt, TZ)}）` : '';
  const last = i.progress.at(-1);
  return `${i.no}. ${itemLabel(i, today)}${closed}${last ? `：${last.text}` : ''}`;
}

function publishedText(c: Comment): string {
  if (c.status !== 'published' || !c.publishedAt) return '未公开';
  const ack = c.acknowledgedAt ? '，对象已确认' : '';
  return `已公开（${localDate(c.publishedAt, TZ)}）${ack}`;
}

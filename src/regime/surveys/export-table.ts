/**
 * 群众满意度测评汇总表 for 导出 (src/regime/exports): each closed survey of the year, one row per subject
 * (the branch, then each member), with the counts of 满意 / 基本满意 / 不满意 and the 满意率 announced
 * ((满意 + 基本满意) / 合计, as the results card shows it). Open surveys have no results yet.
 */
import type { Connection } from 'mongoose';
import type { ExportCell, ExportTable } from '../ports.js';
import { periodLabel } from './open-survey.js';
import type { Survey } from './survey.entity.js';
import { surveys } from './survey.repository.js';

export const surveySummaryTable: ExportTable = {
  name: '群众满意度测评汇总表',
  aliases: ['测评', '评议', '满意度', '测评汇总表', 'survey'],
  slug: 'survey-summary',
  columns: [
    { header: '序号', key: 'no', type: 'number' },
    { header: '测评期次', key: 'period' },
    { header: '结束日期', key: 'closedAt', type: 'date' },
    { header: '测评对象', key: 'name' },
    { header: '类别', key: 'kind' },
    { header: '满意', key: 'satisfied', type: 'number' },
    { header: '基本满意', key: 'basic', type: 'number' },
    { header: '不满意', key: 'unsatisfied', type: 'number' },
    { header: '合计', key: 'total', type: 'number' },
    { header: '满意率', key: 'rate', type: 'percent' },
    { header: '备注', key: 'note', width: 30 },
  ],
  rows: surveyRows,
};

async function* surveyRows(
  conn: Connection,
  q: { branchIds: readonly string[]; year: number },
): AsyncGenerator<Record<string, ExportCell>> {
  const cursor = surveys(conn)
    .find({
      branchId: { $in: [...q.branchIds] },
      status: 'closed',
      period: { $in: [`${q.year}-H1`, `${q.year}-H2`] },
    })
    .sort({ period: 1, branchId: 1 });
  let no = 0;
  for await (const s of cursor) {
    for (const r of s.results ?? []) {
      yield {
        no: ++no,
        period: periodLabel(s.period),
        closedAt: s.closedAt,
        name: r.name,
        kind: r.kind === 'branch' ? '支部' : '党员',
        satisfied: r.satisfied,
        basic: r.basic,
        unsatisfied: r.unsatisfied,
        total: r.total,
        rate: r.approvalRate,
        note: quorumNote(s),
      };
    }
  }
}

function quorumNote(s: Survey): string | undefined {
  return s.belowQuorum ? `参评 ${s.respondents ?? 0} 人，不足 ${s.quorum} 人` : undefined;
}

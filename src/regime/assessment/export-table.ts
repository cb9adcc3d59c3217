/**
 * 年终考核表 for 导出: one row per member of each branch, in sheet order (place, then name), streamed from
 * the stored results. The exports module writes the workbook; this declares the columns and the rows.
 */
import type { ExportTable } from '../ports.js';
import { RATING_SCALE } from '../ratings/rating.entity.js';
import { memberDocs } from './assessment.repository.js';
import { satisfaction } from './views.js';

export const assessmentTable: ExportTable = {
  name: '年终考核表',
  aliases: ['年终考核', '考核表', '考核'],
  columns: [
    { header: '支部', key: 'branch', width: 12 },
    { header: '排名', key: 'rank', width: 6 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '承诺按期兑现', key: 'onTime', width: 12 },
    { header: '逾期兑现', key: 'late', width: 10 },
    { header: '未兑现', key: 'open', width: 8 },
    ...RATING_SCALE.map((g, i) => ({ header: `月度评定${g}`, key: `rating${i}`, width: 11 })),
    { header: '被点评次数', key: 'comments', width: 10 },
    { header: '群众满意率', key: 'satisfaction', width: 10 },
    { header: '荣誉', key: 'honours', width: 16 },
    { header: '综合得分', key: 'score', width: 10 },
    { header: '等次', key: 'grade', width: 8 },
  ],
  async *rows(conn, q) {
    const cursor = memberDocs(conn)
      .find({ branchId: { $in: [...q.branchIds] }, year: q.year })
      .sort({ branchId: 1, order: 1 });
    for await (const m of cursor) {
      const f = m.figures;
      yield {
        branch: m.branchId,
        rank: m.rank,
        name: m.name,
        onTime: f.pledges.onTime,
        late: f.pledges.late,
        open: f.pledges.open,
        ...Object.fromEntries(RATING_SCALE.map((_, i) => [`rating${i}`, f.ratings[i] ?? 0])),
        comments: f.comments.count,
        satisfaction: satisfaction(f) ?? '',
        honours: f.honours.join('、'),
        score: m.score,
        grade: m.grade,
      };
    }
  },
};

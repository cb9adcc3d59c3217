/** The year-end assessment's cards are ones Lark accepts, with buttons some module answers, at their worst size. */
import { describe, expect, it } from 'vitest';
import {
  assessmentDisclosureCard,
  assessmentSheetCard,
  type AssessmentSheetView,
} from '../../../cards/assessment-sheet.js';
import { assessmentSummaryCard } from '../../../cards/assessment-summary.js';
import { assessmentWeightsCard } from '../../../cards/assessment-weights.js';
import { objectionAnswerCard, objectionFormCard } from '../../../cards/rating-objection.js';
import { ASSESSMENT_GRADES } from '../../../src/regime/assessment/assessment.entity.js';
import { DEFAULT_WEIGHTS, THRESHOLD_PARTS, WEIGHT_PARTS } from '../../../src/regime/assessment/weights.js';
import { checkCard } from '../../cards/card-check.js';

const row = (i: number) => ({
  rank: i + 1,
  name: `欧阳明${String(i).padStart(2, '0')}`,
  score: 99.99,
  grade: '基本合格',
  figures:
    '承诺 按期12 逾期10 未兑现10 · 评定 优秀12 良好0 一般0 较差0 · 记实 12月 · 点评 12次 · 满意率 100.0% · 优秀共产党员、优秀党务工作者',
  objection: true,
});
const view = (status: AssessmentSheetView['status'], rows: number, page = 0): AssessmentSheetView => ({
  branchId: 'zx-1',
  branchName: '第一党支部',
  year: 2026,
  status,
  noticeEnds: '1月15日 10:00',
  weights: '承诺践诺30 月度评定30 群众评议20 领导点评10 日常记实5 评选表彰5',
  distribution: ASSESSMENT_GRADES.map((grade) => ({ grade, count: 15 })),
  page,
  pages: 3,
  rows: Array.from({ length: rows }, (_, i) => row(i)),
});

describe('assessment cards', () => {
  it('the draft sheet pages and publishes; the published and final ones only page', () => {
    expect(checkCard(assessmentSheetCard(view('待公示', 20, 1))).actions).toEqual([
      'assessment.page',
      'assessment.page',
      'assessment.publish',
    ]);
    expect(checkCard(assessmentSheetCard(view('公示中', 20))).actions).toEqual(['assessment.page']);
    expect(checkCard(assessmentSheetCard(view('已确定', 0))).actions).toEqual(['assessment.page']);
  });

  it('the 公示 of a branch of sixty fits one card with the objection button', () => {
    const { bytes, actions } = checkCard(assessmentDisclosureCard({ ...view('公示中', 60), pages: 1 }));
    expect(actions).toEqual(['assessment.object_open']);
    expect(bytes).toBeLessThan(20_000);
  });

  it('the reviewer summary, the weights form and the objection forms on the assessment route', () => {
    checkCard(
      assessmentSummaryCard({
        branchName: '第一党支部',
        year: 2026,
        status: '公示中',
        members: 60,
        grades: ASSESSMENT_GRADES.map((grade) => ({ grade, count: 15 })),
        pledges: { onTime: 200, late: 50, open: 50 },
        ratings: ['优秀', '良好', '一般', '较差'].map((grade) => ({ grade, count: 180 })),
        comments: 240,
        satisfaction: '91.3%',
        honours: ['优秀共产党员', '优秀党务工作者'],
        top: Array.from({ length: 5 }, (_, i) => ({
          rank: i + 1,
          name: `欧阳明${i}`,
          score: 90,
          grade: '优秀',
        })),
      }),
    );
    const all = [...WEIGHT_PARTS, ...THRESHOLD_PARTS].map((p) => ({ ...p, value: DEFAULT_WEIGHTS[p.key] }));
    const weights = assessmentWeightsCard({
      orgId: 'zxjg',
      orgName: '县政协机关党总支',
      parts: all.slice(0, 6),
      lines: all.slice(6),
    });
    expect(checkCard(weights).actions).toEqual(['assessment.weights']);
    const route = {
      object: 'assessment.object',
      answer: 'assessment.answer',
      target: { branch: 'zx-1', year: 2026 },
    };
    const target = { branchId: 'zx-1', month: '2026', monthLabel: '2026年度考核' };
    expect(
      checkCard(objectionFormCard({ ...target, grade: '合格', noticeEnds: '1月15日', route })).actions,
    ).toEqual(['assessment.object']);
    const answer = objectionAnswerCard({
      ...target,
      member: { openId: 'ou_x', name: '张三' },
      index: 0,
      grade: '合格',
      text: '理由',
      scale: ASSESSMENT_GRADES,
      route,
    });
    expect(checkCard(answer).actions).toEqual(['assessment.answer']);
  });
});

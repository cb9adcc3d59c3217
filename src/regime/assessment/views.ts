/** The assessment's cards built from what is stored: the ranked sheet, the 公示, the reviewer's summary. */
import type { Connection } from 'mongoose';
import {
  ASSESSMENT_PAGE_SIZE,
  assessmentDisclosureCard,
  assessmentSheetCard,
  type AssessmentSheetView,
} from '../../../cards/assessment-sheet.js';
import { assessmentSummaryCard } from '../../../cards/assessment-summary.js';
import type { CardJson } from '../../lark/client.js';
import { RATING_SCALE } from '../ratings/rating.entity.js';
import { formatInstant } from '../ratings/sheet.js';
import { percent } from '../surveys/index.js';
import {
  ASSESSMENT_GRADES,
  STATUS_NAMES,
  type AssessmentYear,
  type MemberAssessment,
  type YearFigures,
} from './assessment.entity.js';
import { listMembers } from './assessment.repository.js';
import { WEIGHT_PARTS } from './weights.js';

const count = (labels: readonly string[], counts: readonly number[]) =>
  labels.map((grade, i) => ({ grade, count: counts[i] ?? 0 }));

/** 满意率, or undefined when no survey counted the member. */
export const satisfaction = (f: YearFigures) =>
  f.survey.total > 0 ? percent(f.survey.approving / f.survey.total) : undefined;

export function figuresLine(m: MemberAssessment): string {
  const f = m.figures;
  const p = f.pledges;
  return [
    `承诺 按期${p.onTime} 逾期${p.late} 未兑现${p.open}`,
    `评定 ${RATING_SCALE.map((g, i) => `${g}${f.ratings[i] ?? 0}`).join(' ')}`,
    `记实 ${f.records}月`,
    `点评 ${f.comments.count}次`,
    `满意率 ${satisfaction(f) ?? '—'}`,
    ...(f.honours.length ? [f.honours.join('、')] : []),
  ].join(' · ');
}

async function sheetView(
  conn: Connection,
  y: AssessmentYear,
  q: { page: number; tz: string; all?: boolean },
): Promise<AssessmentSheetView> {
  const members = await listMembers(conn, y.branchId, y.year);
  const size = q.all ? Math.max(1, members.length) : ASSESSMENT_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(members.length / size));
  const page = Math.min(Math.max(0, q.page), pages - 1);
  return {
    branchId: y.branchId,
    branchName: y.branchName,
    year: y.year,
    status: STATUS_NAMES[y.status] as AssessmentSheetView['status'],
    noticeEnds: y.noticeEndsAt && formatInstant(y.noticeEndsAt, q.tz),
    weights: WEIGHT_PARTS.map((p) => `${p.label}${y.weights[p.key]}`).join(' '),
    distribution: count(ASSESSMENT_GRADES, y.summary.grades),
    page,
    pages,
    rows: members.slice(page * size, (page + 1) * size).map((m) => ({
      rank: m.rank,
      name: m.name,
      score: m.score,
      grade: m.grade,
      figures: figuresLine(m),
      ...(m.objections.some((o) => !o.answer) && { objection: true }),
    })),
  };
}

export async function sheetCard(conn: Connection, y: AssessmentYear, q: { page: number; tz: string }) {
  return assessmentSheetCard(await sheetView(conn, y, q));
}

/** The whole branch on one card: a branch's 公示 names everyone (50 rows stay far under Lark's 30 KB). */
export async function disclosureCard(conn: Connection, y: AssessmentYear, tz: string) {
  return assessmentDisclosureCard(await sheetView(conn, y, { page: 0, tz, all: true }));
}

export async function summaryCard(conn: Connection, y: AssessmentYear): Promise<CardJson> {
  const top = (await listMembers(conn, y.branchId, y.year)).slice(0, 5);
  const s = y.summary;
  return assessmentSummaryCard({
    branchName: y.branchName,
    year: y.year,
    status: STATUS_NAMES[y.status],
    members: y.members,
    grades: count(ASSESSMENT_GRADES, s.grades),
    pledges: s.pledges,
    ratings: count(RATING_SCALE, s.ratings),
    comments: s.comments.count,
    satisfaction: satisfaction(s),
    honours: s.honours,
    top: top.map((m) => ({ rank: m.rank, name: m.name, score: m.score, grade: m.grade })),
  });
}

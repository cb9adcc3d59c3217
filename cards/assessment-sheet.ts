/**
 * 年终考核: the secretary's ranked sheet (each member's place, score, 等次 and the year's figures, paged;
 * 确认公示 while a draft), and the 公示 posted to the branch group with 我有异议.
 */
import { button, card, escapeMarkdown, markdown, type CardJson, type Element } from './kit.js';

export const ASSESSMENT_PAGE_ACTION = 'assessment.page';
export const ASSESSMENT_PUBLISH_ACTION = 'assessment.publish';
export const ASSESSMENT_OBJECT_OPEN_ACTION = 'assessment.object_open';
export const ASSESSMENT_PAGE_SIZE = 20;

export interface AssessmentRow {
  rank: number;
  name: string;
  score: number;
  grade: string;
  /** '承诺 3/1/1 · 评定 优4 良6 一2 · 点评 4 · 满意率 92.5% · 优秀共产党员' */
  figures: string;
  /** An objection waits for the secretary's answer. */
  objection?: boolean;
}

export interface AssessmentSheetView {
  branchId: string;
  branchName: string;
  year: number;
  status: '待公示' | '公示中' | '已确定';
  noticeEnds?: string | undefined;
  /** '承诺践诺30 月度评定30 …' */
  weights: string;
  distribution: ReadonlyArray<{ grade: string; count: number }>;
  page: number;
  pages: number;
  rows: readonly AssessmentRow[];
}

const rowLine = (r: AssessmentRow, withFigures: boolean) =>
  `${r.rank}. **${escapeMarkdown(r.name)}** ${r.score.toFixed(2)} 分 · **${r.grade}**${r.objection ? ' · ⚠ 有异议待答复' : ''}${withFigures ? `\n${r.figures}` : ''}`;

function pager(v: AssessmentSheetView, action: string): Element[] {
  const target = { branch: v.branchId, year: v.year };
  const out: Element[] = [];
  if (v.pages > 1) out.push(markdown({ zh: `第 ${v.page + 1}/${v.pages} 页` }));
  if (v.page > 0)
    out.push(
      button({
        text: { zh: '上一页', en: 'Previous' },
        name: 'prev',
        value: { action, ...target, page: v.page - 1 },
      }),
    );
  if (v.page < v.pages - 1)
    out.push(
      button({
        text: { zh: '下一页', en: 'Next' },
        name: 'next',
        value: { action, ...target, page: v.page + 1 },
      }),
    );
  return out;
}

export function assessmentSheetCard(v: AssessmentSheetView): CardJson {
  const dist = v.distribution.map((d) => `${d.grade} ${d.count}`).join(' · ');
  const state =
    v.status === '待公示'
      ? '**待公示**：核对无误后请确认公示。'
      : v.status === '公示中'
        ? `**公示中**，公示期至 ${v.noticeEnds ?? ''}。`
        : '**已确定**。';
  const elements: Element[] = [
    markdown({ zh: `${state}\n${dist}\n权重：${v.weights}`, en: `Year-end assessment ${v.year}.` }),
    markdown({ zh: v.rows.map((r) => rowLine(r, true)).join('\n\n') || '本支部没有党员。' }),
    ...pager(v, ASSESSMENT_PAGE_ACTION),
  ];
  if (v.status === '待公示')
    elements.push(
      button({
        text: { zh: '确认公示', en: 'Publish' },
        type: 'primary',
        name: 'publish',
        value: { action: ASSESSMENT_PUBLISH_ACTION, branch: v.branchId, year: v.year },
      }),
    );
  return card({
    title: { zh: `${v.year}年度党员年终考核`, en: 'Year-end assessment' },
    subtitle: { zh: v.branchName },
    template: v.status === '已确定' ? 'green' : v.status === '公示中' ? 'orange' : 'blue',
    elements,
  });
}

/** The 公示 in the branch group: places, scores and 等次, with the objection button. */
export function assessmentDisclosureCard(v: AssessmentSheetView): CardJson {
  return card({
    title: { zh: `${v.year}年度党员年终考核结果公示`, en: 'Year-end assessment' },
    subtitle: { zh: v.branchName },
    template: 'red',
    elements: [
      markdown({
        zh: `公示期至 **${v.noticeEnds ?? ''}**。对本人考核结果有异议的，请点下方按钮私信提出。`,
        en: 'Object to your own result with the button below during the notice period.',
      }),
      markdown({ zh: v.rows.map((r) => rowLine(r, false)).join('\n') || '本支部没有党员。' }),
      button({
        text: { zh: '我有异议', en: 'Object' },
        name: 'object',
        value: { action: ASSESSMENT_OBJECT_OPEN_ACTION, branch: v.branchId, year: v.year },
      }),
    ],
  });
}

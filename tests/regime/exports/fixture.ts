/**
 * The exports tests' branch: 第一党支部 with a secretary, three members, the reviewer and an admin, and a
 * year of regime data written through each module's own repositories (a ledger with a tick-off, two
 * comments, a closed survey, three published months of ratings).
 */
import type { Connection } from 'mongoose';
import ExcelJS from 'exceljs';
import { importOrgFile } from '../../../src/org/import/import-org.js';
import { createDraftIfMissing, updateCommentIf } from '../../../src/regime/comments/comment.repository.js';
import type { Comment } from '../../../src/regime/comments/index.js';
import { pledgeLedger } from '../../../src/regime/pledges/index.js';
import { writeRevisionLines } from '../../../src/regime/pledges/ledger.repository.js';
import type { Pledge, PledgeItem } from '../../../src/regime/pledges/index.js';
import { markPublished, putRating } from '../../../src/regime/ratings/ratings.repository.js';
import { tally, type Survey } from '../../../src/regime/surveys/index.js';
import { createSurvey } from '../../../src/regime/surveys/survey.repository.js';
import { shanghai } from '../../support/chat.js';

export const sec = { open_id: 'ou_sec1000000000000000000000000001', name: '王建国' };
export const reviewer = { open_id: 'ou_revw000000000000000000000000001', name: '县直机关工委' };
export const admin = { open_id: 'ou_admn000000000000000000000000001', name: '郑小燕' };
export const members = [
  { open_id: 'ou_mem1000000000000000000000000001', name: '李秀英' },
  { open_id: 'ou_mem1000000000000000000000000002', name: '张伟' },
  { open_id: 'ou_mem1000000000000000000000000003', name: '刘洋' },
] as const;
export const group = 'oc_group00000000000000000000000001';
export const office = 'oc_office0000000000000000000000001';
export const everyone = [sec, reviewer, admin, ...members];

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${group}, office_channel: ${office} }
  - id: zx-2
    name: 第二党支部
people:
  - { open_id: ${sec.open_id}, name: ${sec.name}, roles: { secretary: zx-1, member: zx-1 } }
  - { open_id: ${reviewer.open_id}, name: ${reviewer.name}, roles: { reviewer: all } }
  - { open_id: ${admin.open_id}, name: ${admin.name}, roles: { admin: all } }
${members.map((m) => `  - { open_id: ${m.open_id}, name: ${m.name}, roles: { member: zx-1 } }`).join('\n')}
`;

export async function importExportOrg(conn: Connection, now: Date): Promise<void> {
  const r = await importOrgFile(conn, ORG, { now, fileName: 'org.yaml' });
  if (!r.ok) throw new Error(`fixture does not import: ${JSON.stringify(r.problems)}`);
}

const item = (id: string, theme: string, text: string, due?: string): PledgeItem => ({
  id,
  theme,
  text,
  result: `${text}取得实效`,
  ...(due ? { due } : {}),
});

/** Publishes a pledge's items into the ledger, as approval does. */
async function publish(conn: Connection, ownerId: string, kind: Pledge['kind'], items: PledgeItem[]) {
  const p = { _id: `2026:zx-1:${ownerId}`, branchId: 'zx-1', ownerId, kind, year: 2026 } as Pledge;
  const at = shanghai('2026-03-20 10:00');
  await writeRevisionLines(conn, p, {
    revision: 1,
    round: 1,
    items,
    approvedAt: at,
    approvedBy: sec.open_id,
  });
}

/** The ledger: the branch book (2 items), 李秀英 (2 items, one ticked off on 5 May), 张伟 (1, overdue). */
export async function seedLedger(conn: Connection): Promise<void> {
  await publish(conn, 'zx-1', 'branch', [
    item('i1', '领导班子好', '每月召开支委会'),
    item('i2', '工作业绩好', '完成年度重点工作', '2026-12-31'),
  ]);
  await publish(conn, members[0].open_id, 'member', [
    item('i2', '带头服务群众', '走访群众二十户', '2026-10-31'),
    item('i10', '带头学习提高', '读书四本', '2026-06-30'),
  ]);
  await publish(conn, members[1].open_id, 'member', [item('i1', '带头遵纪守法', '学习党纪', '2026-03-31')]);
  const r = await pledgeLedger.tickOff(conn, {
    lineId: `2026:zx-1:${members[0].open_id}:i10`,
    actorOpenId: members[0].open_id,
    text: '读完四本，写心得两篇',
    source: { via: 'command' },
    now: shanghai('2026-05-05 09:00'),
  });
  if (!r.ok) throw new Error(r.message);
}

function comment(c: Partial<Comment> & Pick<Comment, 'id' | 'kind' | 'period' | 'target'>): Comment {
  return {
    branchId: 'zx-1',
    commenterId: reviewer.open_id,
    commenterName: reviewer.name,
    status: 'draft',
    aspects: [],
    stress: [],
    items: [],
    createdAt: shanghai('2026-04-02 09:00'),
    updatedAt: shanghai('2026-04-02 09:00'),
    ...c,
  };
}

/** Two comments: the reviewer's quarterly one on the branch (published, one item done), a random one. */
export async function seedComments(conn: Connection): Promise<void> {
  const branch = { type: 'branch' as const, id: 'zx-1', name: '第一党支部', branchId: 'zx-1' };
  const member = { type: 'member' as const, id: members[0].open_id, name: members[0].name, branchId: 'zx-1' };
  const q = comment({
    id: 'quarterly:2026-Q1:r:branch:zx-1',
    kind: 'quarterly',
    period: '2026-Q1',
    target: branch,
    aspects: [{ index: 0, grade: '好', text: '履职到位' }],
    stress: [{ index: 0, text: '引领发展有力' }],
    items: [
      {
        no: 1,
        text: '完善会议记录',
        due: '2026-05-31',
        state: 'done',
        progress: [{ at: shanghai('2026-05-10 10:00'), by: sec.open_id, text: '已补齐记录' }],
        closedAt: shanghai('2026-05-12 10:00'),
      },
    ],
  });
  const adhoc = comment({
    id: 'ad-hoc:2026-Q3:r:member:m1',
    kind: 'ad-hoc',
    period: '2026-Q3',
    target: member,
    aspects: [{ index: 3, grade: '较好', text: '业绩突出' }],
  });
  const old = comment({ id: 'annual:2025:r:branch:zx-1', kind: 'annual', period: '2025', target: branch });
  for (const c of [q, adhoc, old]) await createDraftIfMissing(conn, c);
  await updateCommentIf(conn, q.id, ['draft'], {
    status: 'published',
    submittedAt: shanghai('2026-04-03 10:00'),
    publishedAt: shanghai('2026-04-05 10:00'),
  });
  await updateCommentIf(conn, adhoc.id, ['draft'], {
    status: 'submitted',
    submittedAt: shanghai('2026-08-01 10:00'),
  });
  await updateCommentIf(conn, old.id, ['draft'], {
    status: 'published',
    submittedAt: shanghai('2026-01-10 10:00'),
  });
}

/** The first half's survey, closed: 30 ballots on the branch and 李秀英. */
export async function seedSurvey(conn: Connection): Promise<void> {
  const targets = [
    { id: 'branch', kind: 'branch' as const, name: '第一党支部' },
    { id: members[0].open_id, kind: 'member' as const, name: members[0].name },
  ];
  const ballots = Array.from({ length: 30 }, (_, i) => ({
    _id: `b${i}`,
    surveyId: 'zx-1:2026-H1',
    answers: [
      {
        targetId: 'branch',
        choice: i < 24 ? ('satisfied' as const) : i < 29 ? ('basic' as const) : ('unsatisfied' as const),
      },
      { targetId: members[0].open_id, choice: i < 20 ? ('satisfied' as const) : ('basic' as const) },
    ],
  }));
  const s: Survey = {
    _id: 'zx-1:2026-H1',
    branchId: 'zx-1',
    branchName: '第一党支部',
    period: '2026-H1',
    status: 'closed',
    report: '上半年工作报告',
    targets,
    eligible: [],
    quorum: 30,
    openedBy: sec.open_id,
    openedAt: shanghai('2026-06-15 09:00'),
    closedAt: shanghai('2026-06-22 18:00'),
    respondents: 30,
    belowQuorum: false,
    results: tally(targets, ballots),
  };
  await createSurvey(conn, s);
}

/** Ratings for January to March; January and February published, March only saved. */
export async function seedRatings(conn: Connection): Promise<void> {
  const grades: Record<string, string[]> = {
    '2026-01': ['优秀', '良好', '一般'],
    '2026-02': ['优秀', '优秀', '良好'],
    '2026-03': ['较差', '较差', '较差'],
  };
  for (const [month, g] of Object.entries(grades)) {
    for (const [i, m] of members.entries()) {
      await putRating(conn, {
        branchId: 'zx-1',
        month,
        openId: m.open_id,
        grade: g[i]!,
        ratedBy: sec.open_id,
        ratedAt: shanghai(`${month}-04 10:00`),
      });
    }
  }
  for (const month of ['2026-01', '2026-02']) {
    const at = shanghai(`${month}-05 10:00`);
    await markPublished(conn, { branchId: 'zx-1', month, by: sec.open_id, at, noticeEndsAt: at });
  }
}

export interface ReadBack {
  title: unknown;
  merges: string[];
  frozen: { state?: string; ySplit?: number } | undefined;
  headers: unknown[];
  /** The data rows' values, column 1 first. */
  rows: unknown[][];
  widths: number[];
  numFmt: (cell: string) => string | undefined;
}

/** Reads a workbook back with ExcelJS, as an office's Excel would open it. */
export async function readBack(bytes: Buffer): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(2).cellCount;
  // Every cell, an empty one as null: ExcelJS leaves holes where a row has no value.
  const values = (n: number) => {
    const raw = ws.getRow(n).values as unknown[];
    return Array.from({ length: width }, (_, i) => raw[i + 1] ?? null);
  };
  const rows: unknown[][] = [];
  for (let n = 3; n <= ws.rowCount; n++) rows.push(values(n));
  return {
    title: ws.getCell('A1').value,
    merges: (ws.model as { merges?: string[] }).merges ?? [],
    frozen: ws.views[0] as ReadBack['frozen'],
    headers: values(2),
    rows,
    widths: ws.columns.map((c) => c.width ?? 0),
    numFmt: (cell) => ws.getCell(cell).numFmt,
  };
}

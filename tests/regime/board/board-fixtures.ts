/**
 * The branch the board tests look at: 第一党支部 with a secretary, a reviewer and three members — one whose
 * name is an HTML tag — and 第二党支部 for the organisation's page. Pledges go through chat (see the test);
 * the other capabilities' data is written with their own repositories, one disclosed and one not of each,
 * so every test can ask "does the undisclosed one stay off the page?".
 */
import { archiveDisclosure, markDisclosureSent } from '../../../src/bot/disclosures.js';
import { importOrgFile } from '../../../src/org/import/import-org.js';
import type { Comment } from '../../../src/regime/comments/index.js';
import { createDraftIfMissing } from '../../../src/regime/comments/comment.repository.js';
import { markPublished, putRating } from '../../../src/regime/ratings/ratings.repository.js';
import { saveRecord } from '../../../src/regime/records/records.repository.js';
import { honours } from '../../../src/regime/selections/selection.repository.js';
import type { Survey } from '../../../src/regime/surveys/index.js';
import { surveys } from '../../../src/regime/surveys/survey.repository.js';
import type { Harness } from '../../support/harness.js';
import { shanghai } from '../../support/chat.js';

const id = (prefix: string, n: number) => `ou_${prefix}${String(n).padStart(29 - prefix.length, '0')}`;

export const sec = { open_id: id('bsec', 1), name: '王建国' };
export const reviewer = { open_id: id('brev', 1), name: '县直机关工委' };
export const li = { open_id: id('bmem', 1), name: '李秀英' };
export const zhang = { open_id: id('bmem', 2), name: '张伟' };
/** A member whose name would run as a script if the page did not escape it. */
export const tricky = { open_id: id('bmem', 3), name: '<script>alert("x")</script>' };
export const GROUP = 'oc_boardgroup000000000000000000001';
export const OFFICE = 'oc_boardoffice00000000000000000001';

const person = (p: { open_id: string; name: string }, roles: string) =>
  `  - { open_id: ${p.open_id}, name: ${JSON.stringify(p.name)}, roles: ${roles} }`;

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支, chats: { office_channel: ${OFFICE} } }
branches:
  - id: zx-1
    name: 第一党支部
    chats: { branch_group: ${GROUP} }
  - id: zx-2
    name: 第二党支部
people:
${person(sec, '{ secretary: zx-1 }')}
${person(reviewer, '{ reviewer: all }')}
${person(li, '{ member: zx-1 }')}
${person(zhang, '{ member: zx-1 }')}
${person(tricky, '{ member: zx-1 }')}
`;

export async function setUpBoardOrg(h: Harness): Promise<void> {
  for (const p of [sec, reviewer, li, zhang, tricky]) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: GROUP,
    name: '第一党支部',
    members: [sec, li, zhang, tricky].map((p) => p.open_id),
  });
  h.emulator.addChat({ chat_id: OFFICE, name: '机关公开频道', members: [sec.open_id, reviewer.open_id] });
  const result = await importOrgFile(h.conn, ORG, { now: h.clock.now(), fileName: 'org.yaml' });
  if (!result.ok) throw new Error(`fixture does not import: ${JSON.stringify(result.problems)}`);
}

/** May 2026 rated and published (公示 over), June rated but not published; records for both. */
async function months(h: Harness) {
  for (const [month, text, grade] of [
    ['2026-05', '五月走访委员8人次，完成调研报告1篇', '优秀'],
    ['2026-06', '六月记实：尚未公示的内容', '较差'],
  ] as const) {
    const at = shanghai(`${month}-28 10:00`);
    await saveRecord(h.conn, {
      _id: `zx-1:${month}:${li.open_id}`,
      branchId: 'zx-1',
      month,
      openId: li.open_id,
      text,
      ticked: [],
      submittedAt: at,
      updatedAt: at,
      edits: 0,
    });
    await putRating(h.conn, {
      branchId: 'zx-1',
      month,
      openId: li.open_id,
      grade,
      ratedBy: sec.open_id,
      ratedAt: at,
    });
  }
  await putRating(h.conn, {
    branchId: 'zx-1',
    month: '2026-05',
    openId: tricky.open_id,
    grade: '良好',
    ratedBy: sec.open_id,
    ratedAt: shanghai('2026-06-03 10:00'),
  });
  await markPublished(h.conn, {
    branchId: 'zx-1',
    month: '2026-05',
    by: sec.open_id,
    at: shanghai('2026-06-04 10:00'),
    noticeEndsAt: shanghai('2026-06-07 10:00'),
  });
}

function comment(status: Comment['status'], text: string): Comment {
  const at = shanghai('2026-04-08 10:00');
  return {
    id: `quarterly:2026-Q1:${reviewer.open_id}:branch:zx-1:${status}`,
    branchId: 'zx-1',
    kind: 'quarterly',
    period: '2026-Q1',
    commenterId: reviewer.open_id,
    commenterName: reviewer.name,
    target: { type: 'branch', id: 'zx-1', name: '第一党支部', branchId: 'zx-1' },
    status,
    aspects: [{ index: 0, grade: '好', text }],
    stress: [],
    items: [
      { no: 1, text: '加强委员联系台账', due: '2026-05-31', state: 'done', progress: [], closedAt: at },
    ],
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    ...(status === 'published' && { publishedAt: at, publishedBy: sec.open_id }),
  };
}

function survey(period: string, status: Survey['status']): Survey {
  const result = (name: string, kind: 'branch' | 'member', tid: string) => ({
    id: tid,
    kind,
    name,
    satisfied: 28,
    basic: 3,
    unsatisfied: 1,
    total: 32,
    approvalRate: 31 / 32,
    satisfiedRate: 28 / 32,
  });
  return {
    _id: `zx-1:${period}`,
    branchId: 'zx-1',
    branchName: '第一党支部',
    period,
    status,
    report: '上半年工作报告',
    targets: [],
    eligible: [],
    quorum: 30,
    openedBy: sec.open_id,
    openedAt: shanghai('2026-06-15 09:00'),
    ...(status === 'closed' && {
      closedAt: shanghai('2026-06-22 09:00'),
      respondents: 32,
      belowQuorum: false,
      results: [result('第一党支部', 'branch', 'branch'), result(li.name, 'member', li.open_id)],
    }),
  };
}

/** Records and ratings, comments, surveys, honours and the archive: each disclosed once, held back once. */
export async function seedDisclosures(h: Harness): Promise<void> {
  await months(h);
  await createDraftIfMissing(h.conn, comment('published', '班子团结，履职有力'));
  await createDraftIfMissing(h.conn, comment('submitted', '尚未公开的点评内容'));
  await surveys(h.conn).insertMany([survey('2026-H1', 'closed'), survey('2026-H2', 'open')]);
  await honours(h.conn).insertOne({
    _id: `zx-1:2026|excellent|${li.open_id}`,
    branchId: 'zx-1',
    year: 2026,
    openId: li.open_id,
    name: li.name,
    honourId: 'excellent',
    honour: '优秀共产党员',
    commendedAt: shanghai('2026-07-01 10:00'),
  });
  const db = h.conn.db!;
  const tag = (title: string) => ({
    kind: 'rating.monthly',
    title,
    branchIds: ['zx-1'],
    period: '2026-05',
    data: {},
  });
  const to = { receiveIdType: 'chat_id', receiveId: GROUP };
  await archiveDisclosure(
    db,
    'board-test:sent',
    tag('2026年5月 党员月度评定结果'),
    to,
    shanghai('2026-06-04 10:00'),
  );
  await markDisclosureSent(db, 'board-test:sent', 'om_boardtest1', shanghai('2026-06-04 10:01'));
  await archiveDisclosure(db, 'board-test:queued', tag('尚未发出的公开'), to, shanghai('2026-06-04 10:00'));
}

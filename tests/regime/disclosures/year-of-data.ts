/**
 * Two branches sharing the organisation's one office channel, and a year (2026) of regime data written
 * through the siblings' repositories. The figures the digests must show are worked out by hand in the
 * comments below and asserted in the tests.
 *
 * 第一党支部 (zx-1): 甲 records every month, 乙 odd months, 丙 never → 18 of 36 member-months (50.0%);
 *   grades every month 甲 优秀, 乙 良好, 丙 一般. Ledger: 甲 two lines (one fulfilled 10 March, one due
 *   30 June still open → overdue), 乙 one (fulfilled 5 May), the branch book one (fulfilled 20 March).
 *   Comments: 刘领导 on the branch (submitted 15 Nov, published, one 整改事项 due 31 Dec still open), the
 *   secretary on 甲 (20 Oct, submitted only), 赵领导 on the branch (15 Jan 2027, submitted). Surveys: H1
 *   branch 15/9/6 (80.0%), H2 branch 20/7/3 (90.0%), 甲 in H2 25/3/2 (93.3%). Honour: 甲 优秀共产党员.
 * 第二党支部 (zx-2): 丁 records every month, 戊 January–June → 18 of 24 (75.0%); grades 丁 优秀, 戊 良好.
 *   Ledger: 丁 one line fulfilled 2 November, 戊 one due 31 December still open. No survey.
 */
import type { Harness } from '../../support/harness.js';
import { importFixture } from '../../org/fixtures.js';
import { shanghai } from '../../support/chat.js';
import { LEDGER, newLedgerLine } from '../../../src/regime/pledges/ledger.repository.js';
import type { LedgerLineDoc } from '../../../src/regime/pledges/ledger-line.entity.js';
import { saveRecord } from '../../../src/regime/records/records.repository.js';
import { markPublished, putRating } from '../../../src/regime/ratings/ratings.repository.js';
import { createDraftIfMissing } from '../../../src/regime/comments/comment.repository.js';
import type { Comment } from '../../../src/regime/comments/comment.entity.js';
import { createSurvey } from '../../../src/regime/surveys/survey.repository.js';
import type { Survey, TargetResult } from '../../../src/regime/surveys/survey.entity.js';
import { putHonour } from '../../../src/regime/selections/selection.repository.js';

const id = (p: string) => `ou_${p.padEnd(32, '0')}`;
export const P = {
  sec1: { open_id: id('sec1'), name: '王书记' },
  jia: { open_id: id('jia'), name: '甲' },
  yi: { open_id: id('yi'), name: '乙' },
  bing: { open_id: id('bing'), name: '丙' },
  liu: { open_id: id('liu'), name: '刘领导' },
  zhao: { open_id: id('zhao'), name: '赵领导' },
  sec2: { open_id: id('sec2'), name: '陈书记' },
  ding: { open_id: id('ding'), name: '丁' },
  wu: { open_id: id('wu'), name: '戊' },
  admin: { open_id: id('admin'), name: '郑管理' },
};
export const CHATS = {
  office: 'oc_office00000000000000000000000001',
  g1: 'oc_group100000000000000000000000001',
};

const person = (p: { open_id: string; name: string }, roles: string) =>
  `  - open_id: ${p.open_id}\n    name: ${p.name}\n    roles: ${roles}\n`;

export const ORG = `organisation:
  id: zxjg
  name: 县政协机关党总支
  chats: { office_channel: ${CHATS.office} }
branches:
  - { id: zx-1, name: 第一党支部, chats: { branch_group: ${CHATS.g1} } }
  - { id: zx-2, name: 第二党支部 }
people:
${person(P.sec1, '{ secretary: zx-1 }')}${person(P.jia, '{ member: zx-1 }')}${person(P.yi, '{ member: zx-1 }')}${person(P.bing, '{ member: zx-1 }')}${person(P.liu, '{ leader: { branches: [zx-1] } }')}${person(P.zhao, '{ leader: { branches: [zx-1] } }')}${person(P.sec2, '{ secretary: zx-2 }')}${person(P.ding, '{ member: zx-2 }')}${person(P.wu, '{ member: zx-2 }')}${person(P.admin, '{ admin: all }')}`;

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;

async function monthsOfRecordsAndRatings(h: Harness) {
  const plan: Array<[string, { open_id: string }, (m: number) => boolean, string]> = [
    ['zx-1', P.jia, () => true, '优秀'],
    ['zx-1', P.yi, (m) => m % 2 === 1, '良好'],
    ['zx-1', P.bing, () => false, '一般'],
    ['zx-2', P.ding, () => true, '优秀'],
    ['zx-2', P.wu, (m) => m <= 6, '良好'],
  ];
  for (let m = 1; m <= 12; m++) {
    const at = shanghai(`2026-${String(m).padStart(2, '0')}-26 10:00`);
    for (const [branchId, p, records, grade] of plan) {
      if (records(m))
        await saveRecord(h.conn, {
          _id: `${branchId}:${month(m)}:${p.open_id}`,
          branchId,
          month: month(m),
          openId: p.open_id,
          text: `${month(m)} 的工作`,
          ticked: [],
          edits: 0,
          submittedAt: at,
          updatedAt: at,
        });
      await putRating(h.conn, {
        branchId,
        month: month(m),
        openId: p.open_id,
        grade,
        ratedBy: 'sec',
        ratedAt: at,
      });
    }
    for (const branchId of ['zx-1', 'zx-2'])
      await markPublished(h.conn, { branchId, month: month(m), by: 'sec', at, noticeEndsAt: at });
  }
}

async function ledger(h: Harness) {
  const line = (branchId: string, ownerId: string, n: number, due: string, fulfilledAt?: string) => {
    const kind = ownerId === branchId ? ('branch' as const) : ('member' as const);
    const doc = newLedgerLine(
      { _id: `2026:${branchId}:${ownerId}`, branchId, ownerId, kind, year: 2026 },
      { id: `i${n}`, theme: '带头争创佳绩', text: `承诺事项${n}`, result: '完成', due },
      1,
    );
    return fulfilledAt
      ? { ...doc, fulfilled: true, fulfilledAt: shanghai(fulfilledAt), doneText: '已完成' }
      : doc;
  };
  await h.conn
    .db!.collection<LedgerLineDoc>(LEDGER)
    .insertMany([
      line('zx-1', P.jia.open_id, 1, '2026-06-30', '2026-03-10 10:00'),
      line('zx-1', P.jia.open_id, 2, '2026-06-30'),
      line('zx-1', P.yi.open_id, 1, '2026-09-30', '2026-05-05 10:00'),
      line('zx-1', 'zx-1', 1, '2026-12-31', '2026-03-20 10:00'),
      line('zx-2', P.ding.open_id, 1, '2026-12-31', '2026-11-02 10:00'),
      line('zx-2', P.wu.open_id, 1, '2026-12-31'),
    ]);
}

async function comments(h: Harness) {
  const base = (c: Partial<Comment> & Pick<Comment, 'id' | 'commenterId' | 'commenterName'>): Comment => ({
    branchId: 'zx-1',
    kind: 'quarterly',
    period: '2026-Q4',
    target: { type: 'branch', id: 'zx-1', name: '第一党支部', branchId: 'zx-1' },
    status: 'submitted',
    aspects: [],
    stress: [],
    items: [],
    createdAt: shanghai('2026-10-01 09:00'),
    updatedAt: shanghai('2026-10-01 09:00'),
    ...c,
  });
  await createDraftIfMissing(
    h.conn,
    base({
      id: 'c-liu',
      commenterId: P.liu.open_id,
      commenterName: P.liu.name,
      kind: 'ad-hoc',
      status: 'published',
      submittedAt: shanghai('2026-11-15 10:00'),
      publishedAt: shanghai('2026-11-16 10:00'),
      items: [{ no: 1, text: '完善学习制度', due: '2026-12-31', state: 'open', progress: [] }],
    }),
  );
  await createDraftIfMissing(
    h.conn,
    base({
      id: 'c-sec',
      commenterId: P.sec1.open_id,
      commenterName: P.sec1.name,
      target: { type: 'member', id: P.jia.open_id, name: '甲', branchId: 'zx-1' },
      submittedAt: shanghai('2026-10-20 10:00'),
    }),
  );
  await createDraftIfMissing(
    h.conn,
    base({
      id: 'c-zhao',
      commenterId: P.zhao.open_id,
      commenterName: P.zhao.name,
      submittedAt: shanghai('2027-01-15 10:00'),
    }),
  );
}

const result = (
  id: string,
  name: string,
  kind: 'branch' | 'member',
  s: number,
  b: number,
  u: number,
): TargetResult => {
  const total = s + b + u;
  return {
    id,
    name,
    kind,
    satisfied: s,
    basic: b,
    unsatisfied: u,
    total,
    approvalRate: (s + b) / total,
    satisfiedRate: s / total,
  };
};

async function surveysAndHonours(h: Harness) {
  const survey = (period: string, results: TargetResult[]): Survey => ({
    _id: `zx-1:${period}`,
    branchId: 'zx-1',
    branchName: '第一党支部',
    period,
    status: 'closed',
    report: '',
    targets: [],
    eligible: [],
    quorum: 30,
    openedBy: P.sec1.open_id,
    openedAt: shanghai('2026-06-15 09:00'),
    respondents: 30,
    belowQuorum: false,
    results,
  });
  await createSurvey(h.conn, survey('2026-H1', [result('branch', '第一党支部', 'branch', 15, 9, 6)]));
  await createSurvey(
    h.conn,
    survey('2026-H2', [
      result('branch', '第一党支部', 'branch', 20, 7, 3),
      result(P.jia.open_id, '甲', 'member', 25, 3, 2),
    ]),
  );
  await putHonour(h.conn, {
    _id: `zx-1:2026|excellent|${P.jia.open_id}`,
    branchId: 'zx-1',
    year: 2026,
    openId: P.jia.open_id,
    name: '甲',
    honourId: 'excellent',
    honour: '优秀共产党员',
    commendedAt: shanghai('2026-07-01 09:00'),
  });
}

export async function setUpYear(h: Harness): Promise<void> {
  await importFixture(h.conn, ORG);
  for (const p of Object.values(P)) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: CHATS.office,
    name: '机关公开频道',
    members: [P.sec1.open_id, P.sec2.open_id],
  });
  h.emulator.addChat({ chat_id: CHATS.g1, name: '第一党支部', members: [P.sec1.open_id, P.jia.open_id] });
  await monthsOfRecordsAndRatings(h);
  await ledger(h);
  await comments(h);
  await surveysAndHonours(h);
}

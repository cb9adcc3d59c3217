/**
 * A small branch's 2026, written straight into the sources' collections, with figures simple enough to add
 * up by hand (the expectations in year-end.test.ts):
 *   王一  ledger 2 on time (one on the due day's last hour), 1 late, 1 open; ratings 6 优秀 + 6 良好;
 *         12 records; one comment graded 好 好 较好 较好 一般; surveys 36/40 and 36/40; an honour
 *   李二  ledger 4 on time; 12 优秀; 12 records; no comment; one survey 40/40; no honour
 *   张三  nothing at all
 * plus what must not count: a rating of an unpublished month, a 2025 rating, a withdrawn line.
 */
import type { Connection } from 'mongoose';
import { importFixture } from '../../org/fixtures.js';
import type { Harness } from '../../support/harness.js';

export const people = {
  secretary: { open_id: 'ou_asec000000000000000000000000001', name: '周书记' },
  admin: { open_id: 'ou_aadm000000000000000000000000001', name: '郑管理' },
  reviewer: { open_id: 'ou_arev000000000000000000000000001', name: '县直机关工委' },
  wang: { open_id: 'ou_amem000000000000000000000000001', name: '王一' },
  li: { open_id: 'ou_amem000000000000000000000000002', name: '李二' },
  zhang: { open_id: 'ou_amem000000000000000000000000003', name: '张三' },
} as const;
export const GROUP = 'oc_assessment_branch_group_00001';
const B = 'zx-1';

const ORG = `
organisation: { id: zxjg, name: 县政协机关党总支 }
branches:
  - id: ${B}
    name: 第一党支部
    chats: { branch_group: ${GROUP} }
people:
  - { open_id: ${people.secretary.open_id}, name: ${people.secretary.name}, roles: { secretary: ${B} } }
  - { open_id: ${people.admin.open_id}, name: ${people.admin.name}, roles: { admin: all } }
  - { open_id: ${people.reviewer.open_id}, name: ${people.reviewer.name}, roles: { reviewer: all } }
${[people.wang, people.li, people.zhang]
  .map((m) => `  - { open_id: ${m.open_id}, name: ${m.name}, roles: { member: ${B} } }`)
  .join('\n')}
`;

const pad = (n: number) => String(n).padStart(2, '0');
const cst = (s: string) => new Date(`${s}+08:00`);

function line(owner: string, n: number, due: string, fulfilledAt?: Date, withdrawn = false) {
  return {
    _id: `2026:${B}:${owner}:i${n}`,
    pledgeId: `2026:${B}:${owner}`,
    itemId: `i${n}`,
    branchId: B,
    ownerId: owner,
    kind: 'member',
    year: 2026,
    theme: '带头服务群众',
    text: `第${n}项`,
    result: '完成',
    due,
    revision: 1,
    fulfilled: Boolean(fulfilledAt),
    ...(fulfilledAt && { fulfilledAt }),
    confirmed: false,
    withdrawn,
    closed: false,
    events: [],
  };
}

const rating = (openId: string, month: string, grade: string) => ({
  _id: `${B}:${month}:${openId}`,
  branchId: B,
  month,
  openId,
  grade,
  ratedBy: people.secretary.open_id,
  ratedAt: cst('2026-12-04T10:00:00'),
  objections: [],
  rev: 1,
});

const result = (m: { open_id: string; name: string }, satisfied: number, basic: number, total: number) => ({
  id: m.open_id,
  kind: 'member',
  name: m.name,
  satisfied,
  basic,
  unsatisfied: total - satisfied - basic,
  total,
  approvalRate: (satisfied + basic) / total,
  satisfiedRate: satisfied / total,
});

function survey(period: string, results: object[]) {
  return {
    _id: `${B}:${period}`,
    branchId: B,
    branchName: '第一党支部',
    period,
    status: 'closed',
    report: '工作报告',
    targets: [],
    eligible: [],
    quorum: 30,
    openedBy: people.secretary.open_id,
    openedAt: cst('2026-06-20T09:00:00'),
    respondents: 40,
    results,
  };
}

async function writeYear(conn: Connection) {
  const db = conn.db!;
  const w = people.wang.open_id;
  const l = people.li.open_id;
  await db
    .collection('pledge_ledger')
    .insertMany([
      line(w, 1, '2026-05-31', cst('2026-05-31T23:30:00')),
      line(w, 2, '2026-09-30', cst('2026-09-01T10:00:00')),
      line(w, 3, '2026-05-31', cst('2026-06-01T00:30:00')),
      line(w, 4, '2026-11-30'),
      line(w, 5, '2026-11-30', undefined, true),
      ...[1, 2, 3, 4].map((n) => line(l, n, '2026-10-31', cst('2026-10-01T10:00:00'))),
    ] as never[]);
  const months = Array.from({ length: 12 }, (_, i) => `2026-${pad(i + 1)}`);
  await db.collection('rating_months').insertMany([
    ...months.map((m) => ({
      _id: `${B}:${m}`,
      branchId: B,
      month: m,
      publishedAt: cst(`${m}-05T10:00:00`),
    })),
    { _id: `${B}:2027-01`, branchId: B, month: '2027-01' },
  ] as never[]);
  await db
    .collection('ratings')
    .insertMany([
      ...months.map((m, i) => rating(w, m, i < 6 ? '优秀' : '良好')),
      ...months.map((m) => rating(l, m, '优秀')),
      rating(w, '2025-12', '较差'),
      rating(w, '2027-01', '较差'),
    ] as never[]);
  await db.collection('records').insertMany(
    [w, l].flatMap((openId) =>
      months.map((month) => ({
        _id: `${B}:${month}:${openId}`,
        branchId: B,
        month,
        openId,
        text: '记实',
        ticked: [],
      })),
    ) as never[],
  );
  await db.collection('comments').insertOne({
    _id: `quarterly:2026-Q2:${people.secretary.open_id}:member:${w}`,
    branchId: B,
    kind: 'quarterly',
    period: '2026-Q2',
    commenterId: people.secretary.open_id,
    commenterName: people.secretary.name,
    target: { type: 'member', id: w, name: people.wang.name, branchId: B },
    status: 'published',
    aspects: ['好', '好', '较好', '较好', '一般'].map((grade, index) => ({ index, grade })),
    stress: [],
    items: [],
  } as never);
  await db
    .collection('surveys')
    .insertMany([
      survey('2026-H1', [result(people.wang, 30, 6, 40), result(people.li, 40, 0, 40)]),
      survey('2026-H2', [result(people.wang, 32, 4, 40)]),
    ] as never[]);
  await db.collection('honours').insertOne({
    _id: `${B}:2026|excellent|${w}`,
    branchId: B,
    year: 2026,
    openId: w,
    name: people.wang.name,
    honourId: 'excellent',
    honour: '优秀共产党员',
    commendedAt: cst('2026-07-01T09:00:00'),
  } as never);
}

export async function setUpYear(h: Pick<Harness, 'conn' | 'emulator'>): Promise<void> {
  await importFixture(h.conn, ORG);
  const everyone = Object.values(people);
  for (const p of everyone) h.emulator.addUser(p);
  h.emulator.addChat({
    chat_id: GROUP,
    name: '第一党支部',
    members: [people.secretary, people.wang, people.li, people.zhang].map((p) => p.open_id),
  });
  await writeYear(h.conn);
}

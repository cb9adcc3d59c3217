/**
 * Generated pledges for the benchmark: branches with a secretary and members, every member's card and every
 * book published with its ledger lines, a third of the lines ticked off; one branch's book waits for review.
 * Written straight into the collections the bot reads, in batches.
 */
import type { Connection } from 'mongoose';
import type { LedgerLineDoc } from '../src/regime/pledges/ledger-line.entity.js';
import { newLedgerLine } from '../src/regime/pledges/ledger.repository.js';
import type { Pledge, PledgeItem, ReviewRound } from '../src/regime/pledges/pledge.entity.js';
import { BRANCH_THEMES, MEMBER_THEMES } from '../src/regime/pledges/themes.js';

export const REVIEWER = 'ou_bench_reviewer';
export const secretaryOf = (branch: string) => `ou_${branch}_sec`;
const memberOf = (branch: string, i: number) => `ou_${branch}_m${i}`;

async function insert(conn: Connection, name: string, docs: object[]) {
  for (let i = 0; i < docs.length; i += 2000)
    await conn.db!.collection(name).insertMany(docs.slice(i, i + 2000) as never[], { ordered: false });
}

function items(themes: readonly string[], n: number, year: number): PledgeItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `i${i + 1}`,
    theme: themes[i % themes.length]!,
    text: `围绕岗位职责推进第${i + 1}项重点工作，按计划抓好落实`,
    result: `形成调研报告${i + 1}篇，完成率100%`,
    due: `${year}-${String(3 + (i % 9)).padStart(2, '0')}-28`,
  }));
}

export async function generatePledges(
  conn: Connection,
  o: { branches: number; members: number; year: number; pending: string },
) {
  const at = new Date(`${o.year}-03-20T02:00:00Z`);
  const branches: object[] = [];
  const people: object[] = [{ openId: REVIEWER, name: '县直机关工委', active: true, managedBy: 'file' }];
  const roles: object[] = [
    { openId: REVIEWER, role: 'reviewer', branchId: '*', active: true, managedBy: 'file' },
  ];
  const pledges: Pledge[] = [];
  const lines: LedgerLineDoc[] = [];
  const pledge = (
    branchId: string,
    ownerId: string,
    year: number,
    its: PledgeItem[],
    submitted: boolean,
  ): Pledge => {
    const kind = ownerId === branchId ? 'branch' : 'member';
    const round: ReviewRound = {
      n: 1,
      revision: 1,
      submittedAt: at,
      submittedBy: secretaryOf(branchId),
      reviewerRole: kind === 'branch' ? 'reviewer' : 'secretary',
      items: its,
      warnings: [],
    };
    return {
      _id: `${year}:${branchId}:${ownerId}`,
      kind,
      branchId,
      ownerId,
      year,
      status: submitted ? 'submitted' : 'published',
      items: its,
      seq: its.length + 1,
      rounds: [
        submitted
          ? { ...round }
          : { ...round, decision: { outcome: 'approved', by: 'x', byName: '审核人', at } },
      ],
      published: submitted
        ? []
        : [{ revision: 1, round: 1, items: its, approvedAt: at, approvedBy: '审核人' }],
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  };
  const ledger = (p: Pledge, its: PledgeItem[]) =>
    its.forEach((i, n) =>
      lines.push({
        ...newLedgerLine(p, i, 1),
        // Every third item done and confirmed, so the ledger shows all three states.
        ...(n % 3 === 0 ? { fulfilled: true, fulfilledAt: at, doneText: '已完成', confirmed: true } : {}),
      }),
    );
  for (let b = 0; b < o.branches; b++) {
    const id = `b-${b}`;
    branches.push({ id, name: `第${b + 1}党支部`, orgId: 'bench', active: true });
    people.push({ openId: secretaryOf(id), name: `书记${b + 1}`, active: true, managedBy: 'file' });
    roles.push({ openId: secretaryOf(id), role: 'secretary', branchId: id, active: true, managedBy: 'file' });
    const bookItems = items(BRANCH_THEMES, 7, o.year);
    const book = pledge(id, id, o.year, bookItems, id === o.pending);
    pledges.push(book);
    if (id !== o.pending) ledger(book, bookItems);
    else {
      const last = pledge(id, id, o.year - 1, items(BRANCH_THEMES, 7, o.year - 1), false);
      pledges.push(last);
      ledger(last, last.items);
    }
    for (let m = 0; m < o.members; m++) {
      const openId = memberOf(id, m);
      people.push({ openId, name: `党员${b + 1}-${m + 1}`, active: true, managedBy: 'file' });
      roles.push({ openId, role: 'member', branchId: id, active: true, managedBy: 'file' });
      const its = items(MEMBER_THEMES, 5, o.year);
      const p = pledge(id, openId, o.year, its, false);
      pledges.push(p);
      ledger(p, its);
    }
  }
  await insert(conn, 'branches', branches);
  await insert(conn, 'people', people);
  await insert(conn, 'role_assignments', roles);
  await insert(conn, 'pledges', pledges);
  await insert(conn, 'pledge_ledger', lines);
  return {
    branches: branches.length,
    people: people.length,
    pledges: pledges.length,
    ledgerLines: lines.length,
  };
}

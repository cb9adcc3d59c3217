/**
 * A year of regime data for the year-end assessment benchmark: branches of members with their ledger lines
 * (fulfilled on time, late, or open), twelve published months of ratings and records, quarterly and annual
 * comments, two closed surveys with results per member, and one honour per branch. Generated branch by
 * branch and written in batches, so the generator holds no year in memory either. Deterministic.
 */
import type { Connection } from 'mongoose';
import { RATING_SCALE } from '../src/regime/ratings/rating.entity.js';

const memberOf = (branch: string, i: number) => `ou_${branch}_m${i}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** A cheap deterministic spread: the same figures every run. */
const pick = (seed: number, n: number) => ((seed * 2_654_435_761) >>> 0) % n;

class Writer {
  private buffers = new Map<string, object[]>();
  counts: Record<string, number> = {};
  constructor(private conn: Connection) {}
  async add(name: string, doc: object) {
    const buf = this.buffers.get(name) ?? [];
    buf.push(doc);
    this.buffers.set(name, buf);
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    if (buf.length >= 2000) await this.flush(name);
  }
  async flush(name: string) {
    const buf = this.buffers.get(name);
    if (!buf?.length) return;
    this.buffers.set(name, []);
    await this.conn.db!.collection(name).insertMany(buf as never[], { ordered: false });
  }
  async flushAll() {
    for (const name of this.buffers.keys()) await this.flush(name);
  }
}

async function generateBranch(w: Writer, b: number, members: number, year: number, at: Date) {
  const branchId = `b-${b}`;
  const secretary = `ou_${branchId}_sec`;
  await w.add('branches', { id: branchId, name: `第${b + 1}党支部`, orgId: 'bench', active: true });
  await w.add('people', { openId: secretary, name: `书记${b + 1}`, active: true, managedBy: 'file' });
  await w.add('role_assignments', {
    openId: secretary,
    role: 'secretary',
    branchId,
    active: true,
    managedBy: 'file',
  });
  const results: object[] = [];
  for (let m = 0; m < members; m++) {
    const openId = memberOf(branchId, m);
    const seed = b * 1000 + m;
    await w.add('people', { openId, name: `党员${b + 1}-${m + 1}`, active: true, managedBy: 'file' });
    await w.add('role_assignments', { openId, role: 'member', branchId, active: true, managedBy: 'file' });
    for (let i = 0; i < 5; i++) {
      const due = `${year}-${pad(3 + i * 2)}-28`;
      const state = pick(seed * 7 + i, 4); // 0,1 on time, 2 late, 3 open
      const fulfilledAt =
        state < 2
          ? new Date(`${year}-${pad(2 + i * 2)}-15T02:00:00Z`)
          : state === 2
            ? new Date(`${year}-${pad(4 + i * 2)}-10T02:00:00Z`)
            : undefined;
      await w.add('pledge_ledger', {
        _id: `${year}:${branchId}:${openId}:i${i}`,
        pledgeId: `${year}:${branchId}:${openId}`,
        itemId: `i${i}`,
        branchId,
        ownerId: openId,
        kind: 'member',
        year,
        theme: '带头服务群众',
        text: `围绕岗位职责推进第${i + 1}项重点工作，按计划抓好落实`,
        result: '形成调研报告一篇',
        due,
        revision: 1,
        fulfilled: Boolean(fulfilledAt),
        ...(fulfilledAt ? { fulfilledAt, doneText: '已完成' } : {}),
        confirmed: Boolean(fulfilledAt),
        withdrawn: false,
        closed: false,
        events: [],
      });
    }
    for (let month = 1; month <= 12; month++) {
      const key = `${year}-${pad(month)}`;
      await w.add('records', {
        _id: `${branchId}:${key}:${openId}`,
        branchId,
        month: key,
        openId,
        text: '参加支部学习，走访联系群众，完成岗位工作任务',
        ticked: [],
        submittedAt: at,
        updatedAt: at,
        edits: 0,
      });
      await w.add('ratings', {
        _id: `${branchId}:${key}:${openId}`,
        branchId,
        month: key,
        openId,
        grade: RATING_SCALE[pick(seed * 13 + month, 4) === 0 ? 0 : pick(seed + month, 3)]!,
        ratedBy: secretary,
        ratedAt: at,
        objections: [],
        rev: 1,
      });
    }
    for (const period of [`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`]) {
      await w.add('comments', {
        _id: `quarterly:${period}:${secretary}:member:${openId}`,
        branchId,
        kind: 'quarterly',
        period,
        commenterId: secretary,
        commenterName: `书记${b + 1}`,
        target: { type: 'member', id: openId, name: `党员${b + 1}-${m + 1}`, branchId },
        status: 'published',
        aspects: [0, 1, 2, 3, 4].map((index) => ({
          index,
          grade: ['好', '较好', '一般', '差'][pick(seed + index, 3)],
        })),
        stress: [],
        items: [],
        createdAt: at,
        updatedAt: at,
        submittedAt: at,
        publishedAt: at,
      });
    }
    const satisfied = 20 + pick(seed, 10);
    const basic = 8;
    results.push({
      id: openId,
      kind: 'member',
      name: `党员${b + 1}-${m + 1}`,
      satisfied,
      basic,
      unsatisfied: 40 - satisfied - basic,
      total: 40,
      approvalRate: (satisfied + basic) / 40,
      satisfiedRate: satisfied / 40,
    });
  }
  for (let month = 1; month <= 12; month++) {
    const key = `${year}-${pad(month)}`;
    await w.add('rating_months', {
      _id: `${branchId}:${key}`,
      branchId,
      month: key,
      publishedAt: at,
      publishedBy: secretary,
      noticeEndsAt: at,
    });
  }
  for (const period of [`${year}-H1`, `${year}-H2`]) {
    await w.add('surveys', {
      _id: `${branchId}:${period}`,
      branchId,
      branchName: `第${b + 1}党支部`,
      period,
      status: 'closed',
      report: '支部工作报告',
      targets: [],
      eligible: [],
      quorum: 30,
      openedBy: secretary,
      openedAt: at,
      closedAt: at,
      respondents: 40,
      belowQuorum: false,
      results,
    });
  }
  const winner = memberOf(branchId, pick(b, members));
  await w.add('honours', {
    _id: `${branchId}:${year}|excellent|${winner}`,
    branchId,
    year,
    openId: winner,
    name: '',
    honourId: 'excellent',
    honour: '优秀共产党员',
    commendedAt: at,
  });
}

export async function generateYear(conn: Connection, o: { branches: number; members: number; year: number }) {
  const w = new Writer(conn);
  const at = new Date(`${o.year}-06-01T02:00:00Z`);
  for (let b = 0; b < o.branches; b++) await generateBranch(w, b, o.members, o.year, at);
  await w.flushAll();
  return w.counts;
}

/**
 * Builds (or rebuilds) the year-end assessment of some branches in one pass: the roster, one streamed read
 * of each source (tally.ts), then per branch the scores, places and the branch's annual figures, written in
 * batches as each branch is done so that written branches leave memory. Published years are left alone.
 */
import type { Connection } from 'mongoose';
import { listBranches, listBranchesPeople } from '../../org/index.js';
import { DEFAULT_TIME_ZONE } from '../../schedule/calendar.js';
import type { AssessmentSources } from '../ports.js';
import { RATING_SCALE } from '../ratings/rating.entity.js';
import {
  ASSESSMENT_GRADES,
  assessmentYearId,
  memberAssessmentId,
  type AssessmentYear,
  type MemberAssessment,
} from './assessment.entity.js';
import { clearDrafts, findYears, insertMembers, insertYears } from './assessment.repository.js';
import { componentsOf, gradeOf, rank, scoreOf } from './score.js';
import { newTally, sumFigures, tallyYear } from './tally.js';
import { loadWeights, type Weights } from './weights.js';

const BATCH = 1000;

export interface BuildResult {
  /** Branches whose draft was (re)built. */
  built: string[];
  /** Branches already published, left as they were. */
  published: string[];
  members: number;
}

export async function buildAssessments(
  conn: Connection,
  sources: AssessmentSources,
  q: { branchIds: readonly string[]; year: number; now: Date },
): Promise<BuildResult> {
  const wanted = new Set(q.branchIds);
  const branches = (await listBranches(conn)).filter((b) => wanted.has(b.id));
  const existing = await findYears(conn, q.branchIds, q.year);
  const published = branches.filter((b) => (existing.get(b.id)?.status ?? 'draft') !== 'draft');
  const toBuild = branches.filter((b) => !published.includes(b));
  const ids = toBuild.map((b) => b.id);
  const weights = new Map<string, Weights>();
  for (const org of new Set(toBuild.map((b) => b.orgId))) weights.set(org, await loadWeights(conn, org));

  const roster = await listBranchesPeople(conn, ids);
  const names = new Map(
    [...roster].flatMap(([b, people]) => people.map((p) => [`${b}|${p.openId}`, p.name])),
  );
  const tally = newTally(new Map([...roster].map(([b, people]) => [b, people.map((p) => p.openId)])));
  const zones = new Map(toBuild.map((b) => [b.id, b.timezone ?? DEFAULT_TIME_ZONE]));
  await tallyYear(conn, sources, { branchIds: ids, year: q.year }, tally, (b) => zones.get(b)!);

  await clearDrafts(conn, ids, q.year);
  let batch: MemberAssessment[] = [];
  const yearDocs: AssessmentYear[] = [];
  let members = 0;
  for (const b of toBuild) {
    const w = weights.get(b.orgId)!;
    const figures = tally.get(b.id) ?? new Map();
    const scored = [...figures].map(([openId, f]) => {
      const components = componentsOf(f, RATING_SCALE);
      const score = scoreOf(components, w);
      return { openId, name: names.get(`${b.id}|${openId}`) ?? openId, figures: f, components, score };
    });
    const grades = ASSESSMENT_GRADES.map(() => 0);
    for (const m of rank(scored)) {
      const grade = gradeOf(m.score, w);
      grades[ASSESSMENT_GRADES.indexOf(grade)]!++;
      batch.push({
        _id: memberAssessmentId(b.id, q.year, m.openId),
        branchId: b.id,
        year: q.year,
        ...m,
        grade,
        scoredGrade: grade,
        objections: [],
        rev: 0,
      });
    }
    members += scored.length;
    yearDocs.push({
      _id: assessmentYearId(b.id, q.year),
      branchId: b.id,
      branchName: b.name,
      year: q.year,
      status: 'draft',
      builtAt: q.now,
      weights: w,
      members: scored.length,
      summary: { ...sumFigures(figures.values()), grades },
    });
    tally.delete(b.id);
    if (batch.length >= BATCH) {
      await insertMembers(conn, batch);
      batch = [];
    }
  }
  await insertMembers(conn, batch);
  await insertYears(conn, yearDocs);
  return { built: ids, published: published.map((b) => b.id), members };
}

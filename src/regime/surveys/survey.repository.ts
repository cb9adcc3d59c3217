/**
 * The survey's collections, through the app's mongoose connection. Plain driver calls: string `_id`s and
 * arrays of sub-documents need no casting, and every read returns a plain object.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { insertOnce } from '../../db/insert-once.js';
import type { Answer, Ballot, Survey, SurveyLink, VoterLink } from './survey.entity.js';

export const surveys = (conn: Connection) => conn.db!.collection<Survey>('surveys');
export const ballots = (conn: Connection) => conn.db!.collection<Ballot>('survey_ballots');
export const voters = (conn: Connection) => conn.db!.collection<VoterLink>('survey_voters');
export const links = (conn: Connection) => conn.db!.collection<SurveyLink>('survey_links');
/** One document per used link, by the link's id and nothing else: inserting it is the link's one use. */
export const linkUses = (conn: Connection) => conn.db!.collection<{ _id: string }>('survey_link_uses');

export const surveyIdOf = (branchId: string, period: string) => `${branchId}:${period}`;
const voterId = (surveyId: string, openId: string) => `${surveyId}|${openId}`;

export async function findSurvey(conn: Connection, id: string): Promise<Survey | undefined> {
  return (await surveys(conn).findOne({ _id: id })) ?? undefined;
}

/** The branch's open (or closing) survey, newest first. */
export async function findOpenSurvey(conn: Connection, branchId: string): Promise<Survey | undefined> {
  const found = await surveys(conn)
    .find({ branchId, status: { $in: ['open', 'closing'] } })
    .sort({ openedAt: -1 })
    .limit(1)
    .toArray();
  return found[0];
}

export async function latestSurvey(conn: Connection, branchId: string): Promise<Survey | undefined> {
  const found = await surveys(conn).find({ branchId }).sort({ openedAt: -1 }).limit(1).toArray();
  return found[0];
}

/** Creates the survey unless one exists for the branch and half; true if this call created it. */
export function createSurvey(conn: Connection, s: Survey): Promise<boolean> {
  return insertOnce(surveys(conn), s);
}

export function countBallots(conn: Connection, surveyId: string): Promise<number> {
  return ballots(conn).countDocuments({ surveyId });
}

export function listBallots(conn: Connection, surveyId: string): Promise<Ballot[]> {
  return ballots(conn).find({ surveyId }).toArray();
}

export async function findVoter(
  conn: Connection,
  surveyId: string,
  openId: string,
): Promise<VoterLink | undefined> {
  return (await voters(conn).findOne({ _id: voterId(surveyId, openId) })) ?? undefined;
}

export function listVoters(conn: Connection, surveyId: string): Promise<VoterLink[]> {
  return voters(conn).find({ surveyId }).toArray();
}

export async function saveDraft(conn: Connection, surveyId: string, voter: string, draft: Answer[]) {
  await voters(conn).updateOne(
    { _id: voterId(surveyId, voter) },
    { $set: { draft }, $setOnInsert: { surveyId, voter } },
    { upsert: true },
  );
}

/**
 * Stores the voter's ballot, replacing their earlier one. The ballot id is fixed on the voter's link the
 * first time (an upsert), so a double submit or a retry writes the same ballot, never a second one.
 */
export async function putBallot(
  conn: Connection,
  surveyId: string,
  voter: string,
  answers: Answer[],
  remark: string | undefined,
): Promise<'created' | 'replaced'> {
  const _id = voterId(surveyId, voter);
  await voters(conn).updateOne(
    { _id },
    { $setOnInsert: { surveyId, voter, ballotId: randomUUID() } },
    { upsert: true },
  );
  let link = await voters(conn).findOne({ _id });
  if (!link?.ballotId) {
    // A draft saved earlier made the link without a ballot id: give it one, once.
    await voters(conn).updateOne({ _id, ballotId: { $exists: false } }, { $set: { ballotId: randomUUID() } });
    link = await voters(conn).findOne({ _id });
  }
  const ballotId = link!.ballotId!;
  const res = await ballots(conn).updateOne(
    { _id: ballotId },
    {
      $set: { surveyId, answers, ...(remark ? { remark } : {}) },
      ...(remark ? {} : { $unset: { remark: '' } }),
    },
    { upsert: true },
  );
  await voters(conn).updateOne({ _id }, { $unset: { draft: '' } });
  return res.upsertedCount === 1 ? 'created' : 'replaced';
}

/** A ballot from a one-time link: no voter link at all, since a link's voice cannot be replaced. */
export async function insertAnonymousBallot(
  conn: Connection,
  surveyId: string,
  answers: Answer[],
  remark: string | undefined,
): Promise<void> {
  await ballots(conn).insertOne({ _id: randomUUID(), surveyId, answers, ...(remark ? { remark } : {}) });
}

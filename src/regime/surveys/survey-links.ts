/**
 * One-time personal links for evaluators without Lark (retired cadres …). The token is the capability:
 * only its SHA-256 is stored, one voice per link, and a link dies with its survey or after its expiry.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Answer, Survey } from './survey.entity.js';
import { insertOnce } from '../../db/insert-once.js';
import { findSurvey, insertAnonymousBallot, links, linkUses } from './survey.repository.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
export const LINK_DAYS = 14;

export async function createLink(
  conn: Connection,
  o: { surveyId: string; forName: string; createdBy: string; now: Date },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await links(conn).insertOne({
    _id: hashOf(token),
    surveyId: o.surveyId,
    forName: o.forName,
    createdBy: o.createdBy,
    expiresAt: new Date(o.now.getTime() + LINK_DAYS * 86_400_000),
    used: false,
  });
  return token;
}

export type LinkState =
  { state: 'ok'; survey: Survey; forName: string } | { state: 'used' | 'expired' | 'unknown' };

export async function readLink(conn: Connection, token: string, now: Date): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return { state: 'unknown' };
  const link = await links(conn).findOne({ _id: hashOf(token) });
  if (!link) return { state: 'unknown' };
  if (link.used) return { state: 'used' };
  const survey = await findSurvey(conn, link.surveyId);
  if (!survey || survey.status !== 'open' || link.expiresAt <= now) return { state: 'expired' };
  return { state: 'ok', survey, forName: link.forName };
}

/**
 * Uses the link once: the link is claimed first, then the ballot is written with nothing pointing back to
 * the link. The claim is an insert keyed by the link, so two posts of the same form count once: FerretDB
 * runs a conditional update as a read and then a write, and with `used: false → true` as the claim two
 * posts at once both claimed the link and left two ballots.
 */
export async function answerByLink(
  conn: Connection,
  token: string,
  answers: Answer[],
  remark: string | undefined,
  now: Date,
): Promise<LinkState['state']> {
  const before = await readLink(conn, token, now);
  if (before.state !== 'ok') return before.state;
  const id = hashOf(token);
  if (!(await insertOnce(linkUses(conn), { _id: id }))) return 'used';
  await links(conn).updateOne({ _id: id }, { $set: { used: true } });
  await insertAnonymousBallot(conn, before.survey._id, answers, remark);
  return 'ok';
}

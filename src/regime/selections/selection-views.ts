/** The 评选 status card from what is stored. */
import type { Connection } from 'mongoose';
import { selectionStatusCard } from '../../../cards/selection-manage.js';
import type { Selection } from './selection.entity.js';
import { listNominations, listVotes } from './selection.repository.js';
import { commendBlocker, dayLabel } from './selection-flow.js';
import { countVotes } from './selection-tally.js';

export async function statusCard(
  conn: Connection,
  s: Selection,
  manage: boolean,
  now: Date,
  notice?: string,
) {
  const honourName = new Map(s.honours.map((h) => [h.id, h.name]));
  const base = {
    selectionId: s._id,
    branchName: s.branchName,
    year: s.year,
    stage: s.stage,
    manage,
    ...(notice ? { notice } : {}),
  };
  if (s.stage === 'nominating') {
    const noms = await listNominations(conn, s._id);
    const by = new Map<string, { honour: string; name: string; count: number; reason: string }>();
    for (const n of noms) {
      const key = `${n.honourId}|${n.nominee}`;
      const row = by.get(key) ?? {
        honour: honourName.get(n.honourId) ?? '',
        name: n.nomineeName,
        count: 0,
        reason: n.reason,
      };
      row.count++;
      by.set(key, row);
    }
    return selectionStatusCard({ ...base, nominees: [...by.values()] });
  }
  if (s.stage === 'voting') {
    const counts = countVotes(s.honours, s.candidates, await listVotes(conn, s._id));
    return selectionStatusCard({
      ...base,
      counts: counts.map((c) => ({
        honourId: c.honour.id,
        honour: c.honour.name,
        rows: c.rows,
        tied: c.openPlaces > 0 ? c.tied : [],
        openPlaces: c.openPlaces,
      })),
    });
  }
  return selectionStatusCard({
    ...base,
    winners: s.winners.map((w) => ({
      honour: honourName.get(w.honourId) ?? '',
      name: w.name,
      votes: w.votes,
    })),
    objections: s.objections.map((o) => ({
      id: o.id,
      text: o.text,
      ...(o.answer ? { answer: o.answer } : {}),
    })),
    ...(s.noticeEndsAt ? { noticeUntil: dayLabel(s.noticeEndsAt) } : {}),
    canCommend: commendBlocker(s, now) === undefined,
  });
}

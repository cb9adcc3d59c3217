/** Counts the votes per honour and says who is elected, or which candidates tie for the last places. */
import type { Candidate, Honour, Vote } from './selection.entity.js';

export interface HonourCount {
  honour: Honour;
  /** Candidates with their votes, most first (then by name). */
  rows: Array<Candidate & { votes: number }>;
  /** Elected for certain. */
  elected: Array<Candidate & { votes: number }>;
  /** Equal votes at the boundary: the secretary picks `openPlaces` of these. */
  tied: Array<Candidate & { votes: number }>;
  openPlaces: number;
}

export function countVotes(
  honours: readonly Honour[],
  candidates: readonly Candidate[],
  all: readonly Vote[],
): HonourCount[] {
  return honours.map((honour) => {
    const rows = candidates
      .filter((c) => c.honourId === honour.id)
      .map((c) => ({
        ...c,
        votes: all.filter((v) => v.honourId === honour.id && v.candidate === c.openId).length,
      }))
      .sort((a, b) => b.votes - a.votes || a.name.localeCompare(b.name, 'zh-CN'));
    if (rows.length <= honour.places) return { honour, rows, elected: rows, tied: [], openPlaces: 0 };
    const boundary = rows[honour.places - 1]!.votes;
    if (rows[honour.places]!.votes !== boundary)
      return { honour, rows, elected: rows.slice(0, honour.places), tied: [], openPlaces: 0 };
    const elected = rows.filter((r) => r.votes > boundary);
    return {
      honour,
      rows,
      elected,
      tied: rows.filter((r) => r.votes === boundary),
      openPlaces: honour.places - elected.length,
    };
  });
}

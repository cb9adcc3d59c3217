/** Every selection card is one Lark accepts, with registered buttons, even at its largest. */
import { describe, expect, it } from 'vitest';
import {
  commendationCard,
  nominationCard,
  selectionNoticeCard,
  voteCard,
} from '../../../cards/selection-public.js';
import { objectionAnswerCard, objectionCard, selectionStatusCard } from '../../../cards/selection-manage.js';
import { selectionStartCard } from '../../../cards/selection-start.js';
import { checkCard } from '../../cards/card-check.js';

const longName = (i: number) => `欧阳${'长'.repeat(6)}名字${i}`;
const long = (n: number) => '这是一段很长的文字，'.repeat(Math.ceil(n / 10)).slice(0, n);

describe('selection cards', () => {
  const honours = Array.from({ length: 5 }, (_, i) => ({ id: `h${i}`, name: `荣誉称号${i}`, places: 2 }));
  const people = Array.from({ length: 40 }, (_, i) => ({ value: `ou_${i}`, label: longName(i) }));

  it('nomination, vote, notice and commendation at their largest', () => {
    checkCard(
      nominationCard({
        selectionId: 'zx-1:2026',
        branchName: '第一党支部',
        year: 2026,
        honours: honours.map((h) => ({ value: h.id, label: h.name })),
        members: people,
      }),
    );
    const vote = voteCard({
      selectionId: 'zx-1:2026',
      branchName: '第一党支部',
      year: 2026,
      honours: honours.map((h) => ({ ...h, candidates: people.slice(0, 15) })),
    });
    expect(checkCard(vote).actions).toEqual(Array(5).fill('selection.vote'));
    const winners = honours.flatMap((h) =>
      people.slice(0, 2).map((p) => ({ honour: h.name, name: p.label, votes: 12 })),
    );
    expect(
      checkCard(
        selectionNoticeCard({
          selectionId: 'zx-1:2026',
          branchName: '第一党支部',
          year: 2026,
          winners,
          until: '6月28日',
        }),
      ).actions,
    ).toEqual(['selection.object']);
    checkCard(commendationCard({ branchName: '第一党支部', year: 2026, winners }));
  });

  it('status in every stage, the start card and the objection cards', () => {
    const base = { selectionId: 'zx-1:2026', branchName: '第一党支部', year: 2026, manage: true };
    const nominees = people.map((p) => ({
      honour: '优秀共产党员',
      name: p.label,
      count: 3,
      reason: long(300),
    }));
    expect(checkCard(selectionStatusCard({ ...base, stage: 'nominating', nominees })).actions).toEqual([
      'selection.candidates',
    ]);
    const counts = honours.map((h) => ({
      honourId: h.id,
      honour: h.name,
      rows: people.slice(0, 15).map((p) => ({ name: p.label, votes: 3 })),
      tied: people.slice(0, 15).map((p) => ({ openId: p.value, name: p.label })),
      openPlaces: 2,
    }));
    expect(checkCard(selectionStatusCard({ ...base, stage: 'voting', counts })).actions).toEqual([
      'selection.result',
    ]);
    const objections = Array.from({ length: 10 }, (_, i) => ({
      id: `e${i}`,
      text: long(500),
      answer: long(500),
    }));
    const winners = [{ honour: '优秀共产党员', name: '张伟', votes: 2 }];
    expect(
      checkCard(
        selectionStatusCard({
          ...base,
          stage: 'notice',
          winners,
          objections,
          noticeUntil: '6月28日',
          canCommend: true,
        }),
      ).actions,
    ).toEqual(['selection.commend']);
    checkCard(selectionStartCard({ branchId: 'zx-1', branchName: '第一党支部', year: 2026 }));
    expect(
      checkCard(objectionCard({ selectionId: 's', objectionId: 'e', byName: '杨帆', text: long(500) }))
        .actions,
    ).toEqual(['selection.answer']);
    checkCard(objectionAnswerCard({ text: long(500), answer: long(500) }));
  });
});

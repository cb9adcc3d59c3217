/** Every card of the monthly cycle is one Lark accepts, with buttons some module answers, at its worst size. */
import { describe, expect, it } from 'vitest';
import { recordFormCard, recordSubmittedCard } from '../../../cards/record-form.js';
import { recordHistoryCard } from '../../../cards/record-history.js';
import { recordMissingCard } from '../../../cards/record-missing.js';
import { digestCard, disclosureCard, DISCLOSURE_PAGE_SIZE } from '../../../cards/rating-disclosure.js';
import {
  objectionAnswerCard,
  objectionFormCard,
  objectionOutcomeCard,
} from '../../../cards/rating-objection.js';
import { ratingScaleCard } from '../../../cards/rating-scale.js';
import { RATING_PAGE_SIZE, ratingSheetCard } from '../../../cards/rating-sheet.js';
import { button } from '../../../cards/kit.js';
import { START_ACTION } from '../../../src/regime/comments/entry.js';
import { RATING_SCALE } from '../../../src/regime/ratings/index.js';
import { checkCard } from '../../cards/card-check.js';

const long = (n: number) => '走访群众*整理意见[链接](x)'.repeat(Math.ceil(n / 14)).slice(0, n);
const names = Array.from({ length: 60 }, (_, i) => `欧阳明${String(i).padStart(2, '0')}`);
const target = { branchId: 'zx-1', month: '2026-11', monthLabel: '2026年11月' };

describe('record cards', () => {
  it('the reminder form with thirty pledge lines and an earlier answer stays small', () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ id: `line-${i}`, text: long(200) }));
    const { bytes, actions } = checkCard(
      recordFormCard({
        ...target,
        kind: 'remind',
        deadline: '12月3日',
        lines,
        current: { text: long(1000), other: long(1000) },
      }),
    );
    expect(actions).toEqual(['record.submit']);
    expect(bytes).toBeLessThan(20_000);
  });

  it('the chase card, the summary with 修改, and the closed summary', () => {
    expect(checkCard(recordFormCard({ ...target, kind: 'chase' })).actions).toEqual(['record.submit']);
    const view = { ...target, text: long(1000), other: long(1000), ticked: [long(60), long(60)] };
    expect(checkCard(recordSubmittedCard({ ...view, editable: true })).actions).toEqual(['record.edit']);
    expect(checkCard(recordSubmittedCard({ ...view, editable: false })).actions).toEqual([]);
  });

  it('the secretary’s list of sixty, and six months of history', () => {
    checkCard(
      recordMissingCard({ monthLabel: '2026年11月', deadline: '12月3日', total: 60, missing: names }),
    );
    checkCard(
      recordHistoryCard({
        branchName: '第一党支部',
        months: Array.from({ length: 6 }, () => ({
          monthLabel: '2026年11月',
          text: long(1000),
          rating: '优秀',
        })),
      }),
    );
  });
});

describe('rating cards', () => {
  const rows = names.slice(0, RATING_PAGE_SIZE).map((name, i) => ({
    openId: `ou_${i}`.padEnd(35, '0'),
    name,
    record: long(1000),
    progress: '承诺 2/5 已兑现',
    grade: '良好',
    note: long(200),
  }));
  const sheet = {
    ...target,
    branchName: '第一党支部',
    scale: RATING_SCALE,
    page: 3,
    pages: 10,
    total: 60,
    rated: 20,
    answered: 55,
    distribution: RATING_SCALE.map((grade) => ({ grade, count: 5 })),
    rows,
  };

  it('a full page of a branch of sixty, editable and published', () => {
    const editable = checkCard(ratingSheetCard(sheet));
    expect(editable.actions).toEqual(['rating.save', 'rating.page', 'rating.page', 'rating.publish']);
    expect(editable.bytes).toBeLessThan(15_000);
    expect(
      checkCard(ratingSheetCard({ ...sheet, published: { noticeEnds: '12月9日 09:00' } })).actions,
    ).toEqual(['rating.page', 'rating.page']);
  });

  it('with 点评 beside every member of the page, below the form and on the published sheet', () => {
    const comment = (id: string) =>
      button({ text: { zh: '点评' }, value: { action: START_ACTION, type: 'member', id } });
    const commented = { ...sheet, rows: rows.map((r) => ({ ...r, comment: comment(r.openId) })) };
    const six = Array<string>(RATING_PAGE_SIZE).fill(START_ACTION);
    const editable = checkCard(ratingSheetCard(commented));
    expect(editable.actions).toEqual(['rating.save', ...six, 'rating.page', 'rating.page', 'rating.publish']);
    expect(editable.bytes).toBeLessThan(15_000);
    const published = ratingSheetCard({ ...commented, published: { noticeEnds: '12月9日 09:00' } });
    expect(checkCard(published).actions).toEqual([...six, 'rating.page', 'rating.page']);
  });

  it('the group disclosure page and the office digest', () => {
    const page = checkCard(
      disclosureCard({
        ...target,
        branchName: '第一党支部',
        noticeEnds: '12月9日 09:00',
        page: 1,
        pages: 4,
        rows: names
          .slice(0, DISCLOSURE_PAGE_SIZE)
          .map((name) => ({ name, record: long(1000), grade: '优秀', changed: true })),
      }),
    );
    expect(page.actions).toEqual(['rating.disclosure_page', 'rating.disclosure_page', 'rating.object_open']);
    expect(page.bytes).toBeLessThan(15_000);
    checkCard(
      digestCard({
        branchName: '第一党支部',
        monthLabel: '2026年11月',
        total: 60,
        answered: 0,
        notAnswered: names,
        distribution: RATING_SCALE.map((grade) => ({ grade, count: 15 })),
        changedOnObjection: 3,
        fulfilled: Array.from({ length: 200 }, () => long(200)),
      }),
    );
  });

  it('the branch’s rating scale, its own (six words of six) and the default', () => {
    const six = ['十分优秀出色', '优秀出色的', '良好而稳定', '一般化表现', '较差的表现', '很差的表现'];
    expect(
      checkCard(
        ratingScaleCard({ branchName: '第一党支部', grades: six, own: true, changedFrom: RATING_SCALE }),
      ).actions,
    ).toEqual([]);
    checkCard(ratingScaleCard({ branchName: '第一党支部', grades: RATING_SCALE, own: false }));
  });

  it('the objection form, the secretary’s answer form and the outcomes', () => {
    expect(
      checkCard(objectionFormCard({ ...target, grade: '一般', note: long(200), noticeEnds: '12月9日' }))
        .actions,
    ).toEqual(['rating.object']);
    const answer = objectionAnswerCard({
      ...target,
      member: { openId: 'ou_x', name: '张伟' },
      index: 0,
      grade: '一般',
      text: long(500),
      scale: RATING_SCALE,
    });
    expect(checkCard(answer).actions).toEqual(['rating.answer']);
    checkCard(objectionOutcomeCard({ title: '异议已提交', monthLabel: '2026年11月', text: long(500) }));
    checkCard(
      objectionOutcomeCard({
        title: '评定异议已答复',
        monthLabel: '2026年11月',
        text: long(500),
        answer: { kept: true, grade: '一般', reason: long(500) },
      }),
    );
  });
});

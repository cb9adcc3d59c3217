/**
 * Each table, written from data the modules' own repositories stored, then read back with ExcelJS as an
 * office would open it: the merged title, the Chinese headers, the frozen header rows, real dates and
 * numbers, columns as wide as their Chinese content, and exactly the rows expected.
 */
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { commentRegisterTable } from '../../../src/regime/comments/index.js';
import { writeExport } from '../../../src/regime/exports/export-file.js';
import { pledgeLedgerTable } from '../../../src/regime/pledges/index.js';
import type { ExportTable } from '../../../src/regime/ports.js';
import { monthlyRatingTable } from '../../../src/regime/ratings/index.js';
import { surveySummaryTable } from '../../../src/regime/surveys/index.js';
import { shanghai } from '../../support/chat.js';
import { useTestDatabase } from '../../support/database.js';
import { importExportOrg, readBack, seedComments, seedLedger, seedRatings, seedSurvey } from './fixture.js';

const db = useTestDatabase();
const now = shanghai('2026-11-27 10:00');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  await importExportOrg(db(), now);
  await seedLedger(db());
  await seedComments(db());
  await seedSurvey(db());
  await seedRatings(db());
});

async function exported(table: ExportTable, year = 2026) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const branch = { id: 'zx-1', name: '第一党支部' };
  await writeExport(db(), { table, branch, year, now, timeZone: 'Asia/Shanghai' }, out);
  return readBack(Buffer.concat(chunks));
}

describe('承诺践诺台账', () => {
  it('lists every ledger line: the branch book first, then members by name, items in order', async () => {
    const x = await exported(pledgeLedgerTable);
    expect(x.title).toBe('第一党支部 2026年度 承诺践诺台账');
    expect(x.merges).toEqual(['A1:I1']);
    expect(x.frozen).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(x.headers).toEqual([
      '序号',
      '党员/支部',
      '主题',
      '承诺事项',
      '预期成效',
      '完成时限',
      '状态',
      '销号日期',
      '兑现情况',
    ]);
    expect(x.rows).toEqual([
      [1, '第一党支部', '领导班子好', '每月召开支委会', '每月召开支委会取得实效', null, '进行中', null, null],
      [
        2,
        '第一党支部',
        '工作业绩好',
        '完成年度重点工作',
        '完成年度重点工作取得实效',
        day('2026-12-31'),
        '进行中',
        null,
        null,
      ],
      [
        3,
        '李秀英',
        '带头服务群众',
        '走访群众二十户',
        '走访群众二十户取得实效',
        day('2026-10-31'),
        '已逾期',
        null,
        null,
      ],
      [
        4,
        '李秀英',
        '带头学习提高',
        '读书四本',
        '读书四本取得实效',
        day('2026-06-30'),
        '已销号（待确认）',
        day('2026-05-05'),
        '读完四本，写心得两篇',
      ],
      [5, '张伟', '带头遵纪守法', '学习党纪', '学习党纪取得实效', day('2026-03-31'), '已逾期', null, null],
    ]);
    expect(x.numFmt('F4')).toBe('yyyy"年"m"月"d"日"');
    // 「第一党支部」 is five Chinese characters: ten units, and two of padding.
    expect(x.widths[1]).toBe(12);
  });
});

describe('点评情况登记表', () => {
  it('registers the comments about the year in order, with kind, content, demands and publication', async () => {
    const x = await exported(commentRegisterTable);
    expect(x.title).toBe('第一党支部 2026年度 点评情况登记表');
    expect(x.frozen).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(x.headers).toEqual([
      '序号',
      '点评时间',
      '点评人',
      '点评对象',
      '类别',
      '点评内容',
      '整改要求',
      '整改情况',
      '公开情况',
    ]);
    expect(x.rows).toEqual([
      [
        1,
        day('2026-04-03'),
        '县直机关工委',
        '第一党支部（支部）',
        '季度',
        '履行职能（好）：履职到位\n引领发展：引领发展有力',
        '1. 完善会议记录（2026-05-31前）',
        '1. 已办结（2026-05-12）：已补齐记录',
        '已公开（2026-04-05）',
      ],
      [2, day('2026-08-01'), '县直机关工委', '李秀英', '随机', '绩（较好）：业绩突出', null, null, '未公开'],
    ]);
  });
});

describe('群众满意度测评汇总表', () => {
  it('has a row per survey and subject with the counts as numbers and the rate as a percentage', async () => {
    const x = await exported(surveySummaryTable);
    expect(x.title).toBe('第一党支部 2026年度 群众满意度测评汇总表');
    expect(x.headers).toEqual([
      '序号',
      '测评期次',
      '结束日期',
      '测评对象',
      '类别',
      '满意',
      '基本满意',
      '不满意',
      '合计',
      '满意率',
      '备注',
    ]);
    expect(x.rows).toEqual([
      [1, '2026年上半年', day('2026-06-22'), '第一党支部', '支部', 24, 5, 1, 30, 0.9667, null],
      [2, '2026年上半年', day('2026-06-22'), '李秀英', '党员', 20, 10, 0, 30, 1, null],
    ]);
    expect(x.numFmt('J3')).toBe('0.0%');
  });
});

describe('月度评比表', () => {
  it('has a row per member with the published grade of each month and the count of each grade', async () => {
    const x = await exported(monthlyRatingTable);
    expect(x.title).toBe('第一党支部 2026年度 月度评比表');
    expect(x.headers).toEqual([
      '序号',
      '姓名',
      ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
      '优秀',
      '良好',
      '一般',
      '较差',
    ]);
    const blank = Array.from({ length: 10 }, () => null);
    // March was rated but never published: it stays blank.
    expect(x.rows).toEqual([
      [1, '李秀英', '优秀', '优秀', ...blank, 2, 0, 0, 0],
      [2, '刘洋', '一般', '良好', ...blank, 0, 1, 1, 0],
      [3, '王建国', null, null, ...blank, 0, 0, 0, 0],
      [4, '张伟', '良好', '优秀', ...blank, 1, 1, 0, 0],
    ]);
  });

  it('says so when the year has nothing to file', async () => {
    const x = await exported(surveySummaryTable, 2025);
    expect(x.title).toBe('第一党支部 2025年度 群众满意度测评汇总表');
    expect(x.rows.map((r) => r[0])).toEqual(['本年度暂无记录']);
  });
});

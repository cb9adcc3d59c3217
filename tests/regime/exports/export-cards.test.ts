/** The 导出 cards as Lark and a person meet them: valid, Chinese first, and saying what to type. */
import { describe, expect, it } from 'vitest';
import { exportBranchCard, exportTablesCard, exportTooLargeCard } from '../../../cards/export-tables.js';
import { checkCard } from '../../cards/card-check.js';
import { cardText } from '../../support/chat.js';

const tables = [
  { name: '承诺践诺台账', aliases: ['台账', '台帐'] },
  { name: '点评情况登记表', aliases: ['点评'] },
  { name: '月度评比表' },
];

describe('导出 cards', () => {
  it('lists every table with the words accepted for it, and how to ask', () => {
    const c = exportTablesCard({ tables });
    expect(checkCard(c).actions).toEqual([]);
    const text = cardText(c);
    expect(text).toContain('**承诺践诺台账**（也可以说：台账、台帐）');
    expect(text).toContain('**月度评比表**');
    expect(text).toContain('导出 台账 2025');
    expect(text).toContain('导出 台账 第一党支部');
  });

  it('says which word named no table', () => {
    const c = exportTablesCard({ tables, unknown: '花名册' });
    checkCard(c);
    expect(cardText(c)).toContain('没有名为「花名册」的表');
  });

  it('asks which branch, naming them, and says when a name is no branch', () => {
    const c = exportBranchCard({
      table: '台账',
      branches: ['第一党支部', '第二党支部'],
      unknown: '第九支部',
    });
    checkCard(c);
    const text = cardText(c);
    expect(text).toContain('没有名为「第九支部」的支部');
    expect(text).toContain('导出 台账 第一党支部');
    expect(text).toContain('**第二党支部**');
  });

  it('sends a file too large for Lark to the admin endpoint', () => {
    const c = exportTooLargeCard({ fileName: '第一党支部-2026年度-承诺践诺台账.xlsx', megabytes: 31.24 });
    checkCard(c);
    expect(cardText(c)).toContain('有 31.2 MB，超过飞书机器人可发送的 30 MB');
  });
});

/**
 * 导出: the tables that can be exported and how to ask for one — the answer to `导出` alone or to a table
 * name the bot does not know — and the question which branch, when the sender serves none in particular.
 */
import { card, divider, escapeMarkdown, markdown, type CardJson } from './kit.js';

export interface ExportTablesView {
  tables: ReadonlyArray<{ name: string; aliases?: readonly string[] }>;
  /** The word that named no table. */
  unknown?: string;
  /** The first table's shortest word, for the examples. */
  example?: string;
}

export function exportTablesCard(v: ExportTablesView): CardJson {
  const example = v.example ?? v.tables[0]?.aliases?.[0] ?? v.tables[0]?.name ?? '台账';
  const list = v.tables
    .map((t) => {
      const also = t.aliases?.length ? `（也可以说：${t.aliases.map(escapeMarkdown).join('、')}）` : '';
      return `- **${escapeMarkdown(t.name)}**${also}`;
    })
    .join('\n');
  return card({
    title: { zh: '导出 · 可以导出的表', en: 'Export · tables' },
    template: v.unknown ? 'orange' : 'blue',
    elements: [
      ...(v.unknown
        ? [markdown({ zh: `没有名为「${escapeMarkdown(v.unknown)}」的表。`, en: 'No table by that name.' })]
        : []),
      markdown({ zh: list || '暂无可以导出的表。', en: 'Tables that can be exported.' }),
      divider(),
      markdown({
        zh:
          `发送 **导出 ${example}** 得到本支部本年度的 Excel 文件；**导出 ${example} 2025** 导出往年。\n` +
          `上级党组织和管理员可以在私聊中写明支部：**导出 ${example} 第一党支部**。`,
        en: `Send **export ${example}** for this year's Excel file; add a year or, in private chat, a branch name.`,
      }),
    ],
  });
}

/** Which branch? For an admin (or a reviewer of every branch) who named none, or a name that is no branch. */
export function exportBranchCard(v: {
  table: string;
  branches: readonly string[];
  unknown?: string;
}): CardJson {
  const names = v.branches.map((b) => `**${escapeMarkdown(b)}**`).join('、');
  return card({
    title: { zh: '导出 · 请写明支部', en: 'Export · which branch?' },
    template: 'orange',
    elements: [
      markdown({
        zh:
          (v.unknown
            ? `没有名为「${escapeMarkdown(v.unknown)}」的支部。`
            : '请在表名后写明要导出哪个支部。') +
          `\n例如：**导出 ${escapeMarkdown(v.table)} ${escapeMarkdown(v.branches[0] ?? '第一党支部')}**` +
          (names ? `\n支部：${names}` : ''),
        en: 'Name the branch after the table, e.g. "export ledger <branch>".',
      }),
    ],
  });
}

/** The workbook is larger than Lark lets a bot upload (30 MB): the admin endpoint serves it. */
export function exportTooLargeCard(v: { fileName: string; megabytes: number }): CardJson {
  return card({
    title: { zh: '导出 · 文件过大', en: 'Export · file too large' },
    template: 'orange',
    elements: [
      markdown({
        zh:
          `「${escapeMarkdown(v.fileName)}」有 ${v.megabytes.toFixed(1)} MB，超过飞书机器人可发送的 30 MB。` +
          '\n请管理员通过导出接口下载（见 README「导出 — Excel exports」）。',
        en: 'The file is larger than the 30 MB a bot may send; an admin can download it from the export endpoint.',
      }),
    ],
  });
}

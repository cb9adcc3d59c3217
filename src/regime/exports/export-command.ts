/**
 * 导出 <表名> [年份] [支部]: the branch's secretary, the reviewer or an admin gets the table as an Excel
 * file in the chat they asked in. No table or an unknown one: the card of the tables.
 */
import { exportBranchCard, exportTablesCard } from '../../../cards/export-tables.js';
import type { Command, CommandContext } from '../../bot/module.js';
import { listActiveBranches, refusalCard, requireRole } from '../../org/index.js';
import { zonedParts } from '../../schedule/calendar.js';
import type { ExportTable } from '../ports.js';
import { parseExportArgs } from './export-args.js';
import { exportBranch } from './export-branch.js';
import { EXPORT_PERMISSIONS } from './permissions.js';
import { sendExport } from './send-export.js';

export function exportCommand(tables: readonly ExportTable[]): Command {
  return {
    name: 'export',
    words: ['导出', 'export'],
    summary: `（书记、上级党组织、管理员）导出 Excel：${tables.map((t) => t.name).join('、')}`,
    run: (ctx) => runExport(ctx, tables),
  };
}

async function runExport(ctx: CommandContext, tables: readonly ExportTable[]): Promise<void> {
  const args = parseExportArgs(ctx.args, tables);
  if (!args.table) {
    return ctx.reply(
      exportTablesCard({ tables, ...(args.unknownTable ? { unknown: args.unknownTable } : {}) }),
    );
  }
  const choice = await exportBranch(ctx, args.branchName);
  if (!choice.ok) {
    // No branch of their own: a refusal for those who may not export at all, else the question which one.
    const allowed = await requireRole(ctx.conn, ctx.senderOpenId, EXPORT_PERMISSIONS.export);
    if (!allowed.ok) return ctx.reply(refusalCard(allowed));
    const branches = (await listActiveBranches(ctx.conn)).map((b) => b.name);
    return ctx.reply(
      exportBranchCard({
        table: args.table.aliases?.[0] ?? args.table.name,
        branches,
        ...(choice.why === 'unknown' ? { unknown: choice.name } : {}),
      }),
    );
  }
  const { branch } = choice;
  const allowed = await requireRole(ctx.conn, ctx.senderOpenId, EXPORT_PERMISSIONS.export, branch.id);
  if (!allowed.ok) return ctx.reply(refusalCard(allowed));
  const timeZone = branch.timezone ?? ctx.config.timezone;
  const now = ctx.clock.now();
  await sendExport(ctx, {
    table: args.table,
    branch,
    year: args.year ?? zonedParts(now, timeZone).year,
    now,
    timeZone: ctx.config.timezone,
  });
}

/**
 * 导出 — Excel exports: the tables offices file (承诺践诺台账, 点评情况登记表, 群众满意度测评汇总表, 月度评比表,
 * 年终考核表), each declared as an ExportTable by the module that owns its data and handed in by
 * src/regime/index.ts. `导出 <表名>` sends the workbook into the chat; the admin endpoint serves it over HTTP.
 */
import type { BotModule } from '../../bot/module.js';
import type { ExportTable } from '../ports.js';
import { exportCommand } from './export-command.js';
import { exportPages } from './export-http.js';
import { checkTableWords } from './find-table.js';

export { EXPORT_PERMISSIONS } from './permissions.js';
export { writeWorkbook, HEADER_ROWS } from './write-workbook.js';

export function exportsModule(deps: { tables: readonly ExportTable[] }): BotModule {
  checkTableWords(deps.tables);
  return {
    name: 'exports',
    commands: [exportCommand(deps.tables)],
    http: exportPages(deps.tables),
  };
}

import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { writeWorkbook } from '../src/regime/exports/write-workbook.ts';
async function* rows() { for (let i = 0; i < 5; i++) yield { a: `李秀英${i}`, d: new Date('2026-03-04T20:00:00Z'), due: '2026-06-30', n: i, p: 0.857 }; }
const table = { name: '测试表', columns: [ { header: '党员/支部', key: 'a' }, { header: '销号日期', key: 'd', type: 'date' as const }, { header: '完成时限', key: 'due', type: 'date' as const }, { header: '满意', key: 'n', type: 'number' as const }, { header: '满意率', key: 'p', type: 'percent' as const } ], rows: () => rows() };
const out = createWriteStream('/tmp/xl/a.xlsx');
const n = await writeWorkbook(out, { table, title: '第一党支部 2026年度 测试表', rows: rows(), timeZone: 'Asia/Shanghai' });
await new Promise((r) => out.on('close', r));
const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile('/tmp/xl/a.xlsx');
const ws = wb.worksheets[0]!;
console.log(n, ws.name, ws.views, ws.getRow(1).values, ws.getRow(2).values, ws.getRow(3).values, ws.columns.map(c=>c.width), ws.getCell('B3').numFmt, ws.model.merges);

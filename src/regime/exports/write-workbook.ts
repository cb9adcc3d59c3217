/**
 * Writes one table as an .xlsx the way offices file it: a merged title row (「第一党支部 2026年度 承诺践诺台账」),
 * the Chinese headers, both frozen; dates, counts and rates as real values; columns as wide as their
 * content. ExcelJS's streaming writer sends each row out as it is written, so a year of a large branch is
 * never held in memory: only the first rows are, to size the columns, since an .xlsx declares its column
 * widths before its rows.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportCell, ExportColumnType, ExportTable } from '../ports.js';
import { DATE_FORMAT, PERCENT_FORMAT, cellValue, type CellValue } from './cell-value.js';
import { displayWidth } from './display-width.js';

/** Rows read ahead to size the columns. */
const SAMPLE_ROWS = 200;
/** Widest a column gets without a width of its own; longer text wraps. */
const MAX_WIDTH = 50;
const MIN_WIDTH = 6;
/** Rows above the data: the title and the headers. */
export const HEADER_ROWS = 2;

export interface WorkbookInput {
  table: ExportTable;
  /** 第一党支部 2026年度 承诺践诺台账 */
  title: string;
  rows: AsyncIterable<Record<string, ExportCell>>;
  timeZone: string;
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = { name: '宋体', size: 11 };

/** Streams the workbook into `out` (which it ends); the number of data rows written. */
export async function writeWorkbook(out: Writable, input: WorkbookInput): Promise<number> {
  const { table } = input;
  const types = table.columns.map((c) => c.type ?? 'text');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '一诺三评助手';
  const sheet = workbook.addWorksheet(sheetName(table.name), {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Printed, every page repeats the title and the headers.
  sheet.pageSetup.printTitlesRow = `1:${HEADER_ROWS}`;

  const source = input.rows[Symbol.asyncIterator]();
  const toCells = (r: Record<string, ExportCell>) =>
    table.columns.map((c, i) => cellValue(r[c.key], types[i]!, input.timeZone));
  const sample: CellValue[][] = [];
  let next = await source.next();
  while (!next.done && sample.length < SAMPLE_ROWS) {
    sample.push(toCells(next.value));
    next = await source.next();
  }

  sheet.columns = table.columns.map((c, i) => ({
    key: c.key,
    width: columnWidth(
      c.header,
      sample.map((row) => row[i]!.shown),
      c.width,
    ),
  }));
  writeTitle(sheet, input.title, table.columns.length);
  writeHeaders(
    sheet,
    table.columns.map((c) => c.header),
  );

  let count = 0;
  const write = async (cells: CellValue[]) => {
    writeDataRow(sheet, HEADER_ROWS + ++count, cells, types);
    // Let a slow reader (an HTTP download) drain before more is produced.
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  for (const cells of sample) await write(cells);
  while (!next.done) {
    await write(toCells(next.value));
    next = await source.next();
  }
  if (count === 0) writeEmptyNote(sheet, table.columns.length);
  sheet.commit();
  await workbook.commit();
  return count;
}

/** Excel forbids : \ / ? * [ ] in sheet names and caps them at 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
}

function columnWidth(header: string, shown: readonly string[], cap = MAX_WIDTH): number {
  const widest = Math.max(displayWidth(header), ...shown.map(displayWidth));
  // Two units of padding: Excel's width counts the characters, not the margins around them.
  return Math.min(Math.max(widest + 2, MIN_WIDTH), Math.max(cap, displayWidth(header) + 2));
}

function writeTitle(sheet: ExcelJS.Worksheet, title: string, columns: number): void {
  const row = sheet.getRow(1);
  row.height = 32;
  const cell = row.getCell(1);
  cell.value = title;
  cell.font = { ...FONT, size: 16, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  if (columns > 1) sheet.mergeCells(1, 1, 1, columns);
  row.commit();
}

function writeHeaders(sheet: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = sheet.getRow(HEADER_ROWS);
  row.height = 22;
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  row.commit();
}

function writeDataRow(
  sheet: ExcelJS.Worksheet,
  n: number,
  cells: readonly CellValue[],
  types: readonly ExportColumnType[],
): void {
  const row = sheet.getRow(n);
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.value;
    cell.style = DATA_STYLES[types[i]!];
  });
  row.commit();
}

/**
 * A data cell's style by its column's type, one object each: ExcelJS knows a style object it has seen and
 * skips rebuilding its XML to look up its id, which per cell was most of the writer's time. Never mutated:
 * a cell's `font =` etc. would change every cell sharing it.
 */
const DATA_STYLES: Record<ExportColumnType, Partial<ExcelJS.Style>> = {
  text: { font: FONT, border: BORDER, alignment: { vertical: 'top', wrapText: true } },
  number: { font: FONT, border: BORDER, alignment: { vertical: 'top', horizontal: 'right' } },
  date: {
    font: FONT,
    border: BORDER,
    numFmt: DATE_FORMAT,
    alignment: { vertical: 'top', horizontal: 'center' },
  },
  percent: {
    font: FONT,
    border: BORDER,
    numFmt: PERCENT_FORMAT,
    alignment: { vertical: 'top', horizontal: 'right' },
  },
};

function writeEmptyNote(sheet: ExcelJS.Worksheet, columns: number): void {
  const row = sheet.getRow(HEADER_ROWS + 1);
  const cell = row.getCell(1);
  cell.value = '本年度暂无记录';
  cell.font = { ...FONT, color: { argb: 'FF808080' } };
  cell.alignment = { horizontal: 'center' };
  if (columns > 1) sheet.mergeCells(HEADER_ROWS + 1, 1, HEADER_ROWS + 1, columns);
  row.commit();
}

/**
 * The words after 导出: the table (`台账`), then in any order a year (`2026`, `2026年`) and a branch's name
 * (`第一党支部`, for a reviewer or an admin in private chat). `导出台账` without a space reads the same.
 */
import type { ExportTable } from '../ports.js';
import { findTable } from './find-table.js';

export interface ExportArgs {
  table?: ExportTable;
  /** The word that named no table, to say so. */
  unknownTable?: string;
  year?: number;
  branchName?: string;
}

const YEAR = /^(\d{4})年?度?$/;

export function parseExportArgs(args: string, tables: readonly ExportTable[]): ExportArgs {
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const table = findTable(tables, first);
  const out: ExportArgs = table ? { table } : first ? { unknownTable: first } : {};
  const names: string[] = [];
  for (const word of rest) {
    const y = YEAR.exec(word);
    if (y) out.year = Number(y[1]);
    else names.push(word);
  }
  if (names.length) out.branchName = names.join(' ');
  return out;
}

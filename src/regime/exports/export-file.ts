/** One export as a file: the branch and year it covers, its title, its names, and its bytes streamed. */
import type { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import type { Branch } from '../../org/index.js';
import type { ExportTable } from '../ports.js';
import { writeWorkbook } from './write-workbook.js';

export interface ExportRequest {
  table: ExportTable;
  branch: Pick<Branch, 'id' | 'name' | 'timezone'>;
  year: number;
  now: Date;
  /** The deployment's zone, for a branch without its own. */
  timeZone: string;
}

/** 「第一党支部 2026年度 承诺践诺台账」: the title row, as offices head the sheet. */
export const exportTitle = (r: Pick<ExportRequest, 'table' | 'branch' | 'year'>) =>
  `${r.branch.name} ${r.year}年度 ${r.table.name}`;

/** 第一党支部-2026年度-承诺践诺台账.xlsx */
export const exportFileName = (r: Pick<ExportRequest, 'table' | 'branch' | 'year'>) =>
  `${r.branch.name}-${r.year}年度-${r.table.name}.xlsx`.replace(/[\\/:*?"<>|\s]/g, '_');

/**
 * Content-Disposition naming the file in Chinese for browsers that read RFC 5987's `filename*`, and in
 * ASCII for the rest (RFC 6266 §4.3). https://www.rfc-editor.org/rfc/rfc6266#section-4.3
 */
export function contentDisposition(r: Pick<ExportRequest, 'table' | 'branch' | 'year'>): string {
  const ascii = `${r.table.slug ?? 'export'}-${r.branch.id}-${r.year}.xlsx`.replace(/[^\w.-]/g, '_');
  const encoded = encodeURIComponent(exportFileName(r)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Streams the workbook into `out`; the number of data rows. */
export function writeExport(conn: Connection, r: ExportRequest, out: Writable): Promise<number> {
  return writeWorkbook(out, {
    table: r.table,
    title: exportTitle(r),
    rows: r.table.rows(conn, { branchIds: [r.branch.id], year: r.year, now: r.now }),
    timeZone: r.branch.timezone ?? r.timeZone,
  });
}

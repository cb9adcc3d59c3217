/**
 * `导出` in chat: the workbook is written to a temporary file (streamed, never whole in memory), uploaded
 * to Lark (im/v1/files, file_type xls) and sent into the chat as a file message through the outbox, keyed
 * by the asking message so a re-delivered message sends it once. Every export is audited.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { exportTooLargeCard } from '../../../cards/export-tables.js';
import type { CommandContext } from '../../bot/module.js';
import { recordAudit, sourceOf } from '../../org/index.js';
import { exportFileName, writeExport, type ExportRequest } from './export-file.js';

/** Lark's upload limit for a bot. https://open.feishu.cn/document/server-docs/im-v1/file/create */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

export async function sendExport(ctx: CommandContext, r: ExportRequest): Promise<void> {
  const fileName = exportFileName(r);
  const dir = await mkdtemp(join(tmpdir(), 'export-'));
  try {
    const path = join(dir, 'export.xlsx');
    const out = createWriteStream(path);
    const rows = await writeExport(ctx.conn, r, out);
    await finished(out);
    const { size } = await stat(path);
    if (size > MAX_UPLOAD_BYTES) {
      return ctx.reply(exportTooLargeCard({ fileName, megabytes: size / 1024 / 1024 }));
    }
    const { fileKey } = await ctx.lark.uploadFile(fileName, createReadStream(path), 'xls');
    const to =
      ctx.chatType === 'p2p'
        ? ({ receiveIdType: 'open_id', receiveId: ctx.senderOpenId } as const)
        : ({ receiveIdType: 'chat_id', receiveId: ctx.chatId } as const);
    await ctx.outbox.enqueue(`export:${ctx.messageId || ctx.eventId}`, { op: 'send_file', ...to, fileKey });
    await recordAudit(ctx.conn, {
      at: ctx.clock.now(),
      actor: ctx.senderOpenId,
      action: 'export.send',
      branchId: r.branch.id,
      target: { type: 'export', id: `${r.table.name}:${r.branch.id}:${r.year}` },
      detail: { table: r.table.name, year: r.year, rows, bytes: size, fileName, chatId: ctx.chatId },
      source: sourceOf(ctx),
    });
    ctx.log.info({ table: r.table.name, branchId: r.branch.id, year: r.year, rows, bytes: size }, 'exported');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

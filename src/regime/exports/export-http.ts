/**
 * The admin export endpoint: GET /admin/exports/<表名 or slug>.xlsx?branch=<branchId>&year=YYYY with
 * `Authorization: Bearer <EXPORT_TOKEN>` streams the same workbook `导出` sends in chat. Without the token
 * configured the route does not exist (404). The token is compared in constant time and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { HandlerContext } from '../../bot/module.js';
import { findBranch, recordAudit } from '../../org/index.js';
import { zonedParts } from '../../schedule/calendar.js';
import type { ExportTable } from '../ports.js';
import { contentDisposition, writeExport, type ExportRequest } from './export-file.js';
import { findTable } from './find-table.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const query = z.object({
  branch: z.string({ error: 'branch is required (a branch id, e.g. zx-1)' }).min(1, 'branch is required'),
  year: z
    .string()
    .regex(/^\d{4}$/, 'year must be four digits, e.g. 2026')
    .transform(Number)
    .optional(),
});

export function exportPages(tables: readonly ExportTable[]) {
  return (app: FastifyInstance, ctx: HandlerContext): void => {
    const token = ctx.config.exportToken;
    if (!token) return;
    const expected = digest(token);

    app.get<{ Params: { file: string } }>('/admin/exports/:file', async (req, reply) => {
      const refused = checkBearer(req.headers.authorization, expected);
      if (refused) {
        ctx.log.warn({ url: req.url.split('?')[0], reason: refused }, 'export refused');
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: refused });
      }
      const name = /^(.+)\.xlsx$/i.exec(req.params.file)?.[1];
      const table = name === undefined ? undefined : findTable(tables, name);
      if (!table) return notFound(reply, `no table named ${req.params.file}`);
      const q = query.safeParse(req.query);
      if (!q.success) return reply.code(400).send({ error: q.error.issues.map((i) => i.message).join('; ') });
      const branch = await findBranch(ctx.conn, q.data.branch);
      if (!branch) return notFound(reply, `no branch ${q.data.branch}`);
      const now = ctx.clock.now();
      const timeZone = branch.timezone ?? ctx.config.timezone;
      const r: ExportRequest = {
        table,
        branch,
        year: q.data.year ?? zonedParts(now, timeZone).year,
        now,
        timeZone: ctx.config.timezone,
      };
      return streamExport(ctx, r, reply);
    });
  };
}

/** Sends the workbook as it is written; a failure half-way cuts the download rather than ending it clean. */
async function streamExport(ctx: HandlerContext, r: ExportRequest, reply: FastifyReply) {
  const body = new PassThrough();
  writeExport(ctx.conn, r, body)
    .then((rows) =>
      recordAudit(ctx.conn, {
        at: ctx.clock.now(),
        actor: 'admin:export-token',
        action: 'export.download',
        branchId: r.branch.id,
        target: { type: 'export', id: `${r.table.name}:${r.branch.id}:${r.year}` },
        detail: { table: r.table.name, year: r.year, rows },
        source: { via: 'http', ref: `/admin/exports/${r.table.slug ?? r.table.name}.xlsx` },
      }),
    )
    .catch((err: unknown) => {
      ctx.log.error({ err, table: r.table.name, branchId: r.branch.id }, 'export failed while streaming');
      body.destroy(err as Error);
    });
  return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(r)).send(body);
}

/** Why the header does not carry the token, or undefined when it does. */
function checkBearer(header: string | undefined, expected: Buffer): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return 'missing bearer token: send Authorization: Bearer <EXPORT_TOKEN>';
  // Equal-length digests, so the comparison takes the same time whatever the guess.
  return timingSafeEqual(digest(m[1]!), expected) ? undefined : 'invalid token';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

const notFound = (reply: FastifyReply, error: string) => reply.code(404).send({ error });

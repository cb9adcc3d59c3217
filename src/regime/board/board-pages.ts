/**
 * 公开栏 on the web: `/board/<branch>` and `/board/org/<organisation>`, read-only pages for people outside
 * Lark, rendered on the server from published data only. No cookies, no forms, no script: the
 * Content-Security-Policy forbids any, so stored text can never run even if it were not escaped. Pages may
 * be cached for a minute (what they show changes when something is published, not by the second).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { HandlerContext } from '../../bot/module.js';
import { findBranch, findOrganisation } from '../../org/index.js';
import { zonedParts } from '../../schedule/calendar.js';
import { loadBranchBoard } from './board-data.js';
import { branchBoardPath, orgBoardPath } from './board-url.js';
import { branchPage } from './branch-page.js';
import { escapeHtml, page } from './html.js';
import { loadOrgBoard } from './org-data.js';
import { orgPage } from './org-page.js';

const ID = /^[\w-]{1,64}$/;
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .headers({ ...HEADERS, 'cache-control': status === 200 ? 'public, max-age=60' : 'no-store' })
    .send(html);
}

function problem(reply: FastifyReply, status: 400 | 404, title: string, text: string) {
  return send(
    reply,
    status,
    page({ title, heading: escapeHtml(title), body: `<section><p>${escapeHtml(text)}</p></section>` }),
  );
}

const notFound = (reply: FastifyReply, what: string) =>
  problem(reply, 404, '找不到这个公开栏', `没有找到${what}，请检查链接是否完整。`);
const badYear = (reply: FastifyReply) =>
  problem(reply, 400, '年份不正确', '请在链接末尾写四位数的年份，例如 ?year=2026。');

export function boardPages(app: FastifyInstance, ctx: HandlerContext): void {
  app.get<{ Params: { branchId: string }; Querystring: unknown }>('/board/:branchId', async (req, reply) => {
    const query = yearQuery.safeParse(req.query);
    if (!query.success) return badYear(reply);
    const branch = ID.test(req.params.branchId) ? await findBranch(ctx.conn, req.params.branchId) : undefined;
    if (!branch) return notFound(reply, '这个支部');
    const now = ctx.clock.now();
    const tz = branch.timezone ?? ctx.config.timezone;
    const year = query.data.year ?? zonedParts(now, tz).year;
    const board = await loadBranchBoard(ctx.conn, { branch, year, now, tz });
    const path = branchBoardPath(branch.id);
    return send(
      reply,
      200,
      branchPage(board, { orgUrl: orgBoardPath(branch.orgId), yearUrl: (y) => `${path}?year=${y}` }),
    );
  });

  app.get<{ Params: { orgId: string }; Querystring: unknown }>('/board/org/:orgId', async (req, reply) => {
    const query = yearQuery.safeParse(req.query);
    if (!query.success) return badYear(reply);
    const org = ID.test(req.params.orgId) ? await findOrganisation(ctx.conn, req.params.orgId) : undefined;
    if (!org) return notFound(reply, '这个组织');
    const now = ctx.clock.now();
    const year = query.data.year ?? zonedParts(now, ctx.config.timezone).year;
    const board = await loadOrgBoard(ctx.conn, {
      org,
      year,
      now,
      tz: (b) => b.timezone ?? ctx.config.timezone,
    });
    return send(
      reply,
      200,
      orgPage(board, (id) => `${branchBoardPath(id)}?year=${year}`),
    );
  });
}

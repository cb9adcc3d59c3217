/** Chat members and user lookup, the directory reads the bot needs (protocol reference §5). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorState } from './emulator-state.js';
import { LarkCode, badRequest, parseOrThrow } from './lark-error.js';

const idType = z.enum(['open_id', 'union_id', 'user_id']);
const membersQuery = z.object({
  member_id_type: idType.default('open_id'),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  page_token: z.string().optional(),
});

/** Page tokens are opaque at Lark; encoding the offset keeps them opaque enough while staying stateless. */
const encodePageToken = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64url');
function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m) throw badRequest(LarkCode.fieldValidation, 'page_token is invalid');
  return Number(m[1]);
}

export function registerDirectoryRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.get('/open-apis/im/v1/chats/:chat_id/members', async (req) => {
    const { chat_id } = parseOrThrow(z.object({ chat_id: z.string() }), req.params, 'path');
    const q = parseOrThrow(membersQuery, req.query, 'query');
    const chat = state.chats.get(chat_id);
    if (!chat)
      throw badRequest(
        LarkCode.botNotInChat,
        `The bot can not be outside the group (unknown chat ${chat_id}).`,
      );
    // Lark never lists bots among chat members.
    const humans = chat.members.filter((m) => m !== state.opts.botOpenId);
    const offset = decodePageToken(q.page_token);
    const page = humans.slice(offset, offset + q.page_size);
    const hasMore = offset + page.length < humans.length;
    return {
      code: 0,
      msg: 'success',
      data: {
        items: page.map((openId) => {
          const u = state.userView(openId);
          return {
            member_id_type: q.member_id_type,
            member_id: u[q.member_id_type],
            name: u.name,
            tenant_key: state.opts.tenantKey,
          };
        }),
        has_more: hasMore,
        page_token: hasMore ? encodePageToken(offset + page.length) : '',
        member_total: humans.length,
      },
    };
  });

  app.get('/open-apis/contact/v3/users/:user_id', async (req) => {
    const { user_id } = parseOrThrow(z.object({ user_id: z.string() }), req.params, 'path');
    const q = parseOrThrow(z.object({ user_id_type: idType.default('open_id') }), req.query, 'query');
    const user = state.findUser(user_id, q.user_id_type);
    if (!user) throw badRequest(LarkCode.userNotFound, `user ${q.user_id_type}=${user_id} not found`);
    const v = state.userView(user.open_id);
    return {
      code: 0,
      msg: 'success',
      data: {
        user: {
          open_id: v.open_id,
          union_id: v.union_id,
          user_id: v.user_id,
          name: v.name,
          en_name: '',
          ...(user.email !== undefined && { email: user.email }),
          status: { is_activated: true, is_frozen: false, is_resigned: false },
        },
      },
    };
  });
}

/** Tenant access tokens and the bot's own identity (protocol reference §5, §6). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorState } from './emulator-state.js';
import { newTenantToken } from './ids.js';
import { LarkCode, LarkError, badRequest, parseOrThrow } from './lark-error.js';

const TOKEN_TTL_MS = 7200 * 1000;
/** Lark hands out a fresh token only once the current one has less than 30 minutes left. */
const REISSUE_BEFORE_MS = 30 * 60 * 1000;

const tokenBody = z.object({ app_id: z.string(), app_secret: z.string() });

export function registerAuthRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.post('/open-apis/auth/v3/tenant_access_token/internal', async (req) => {
    const b = parseOrThrow(tokenBody, req.body, 'body');
    if (b.app_id !== state.opts.appId) throw badRequest(LarkCode.invalidAppId, 'app_id is invalid');
    if (b.app_secret !== state.opts.appSecret)
      throw badRequest(LarkCode.invalidAppSecret, 'app secret invalid');
    const now = state.now();
    let token: string | undefined;
    let expiresAt = 0;
    for (const [t, exp] of state.tenantTokens) {
      if (exp > expiresAt) [token, expiresAt] = [t, exp];
    }
    if (!token || expiresAt - now < REISSUE_BEFORE_MS) {
      token = newTenantToken();
      expiresAt = now + TOKEN_TTL_MS;
      state.tenantTokens.set(token, expiresAt);
    }
    return { code: 0, msg: 'ok', tenant_access_token: token, expire: Math.floor((expiresAt - now) / 1000) };
  });

  app.get('/open-apis/bot/v3/info', async () => ({
    code: 0,
    msg: 'ok',
    bot: {
      activate_status: 2,
      app_name: state.opts.botName,
      avatar_url: '',
      ip_white_list: [],
      open_id: state.opts.botOpenId,
    },
  }));
}

/** Throws Lark's answer for a missing, unknown or expired tenant token (both are HTTP 400 at Lark). */
export function authenticate(state: EmulatorState, authorization: string | undefined): void {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    throw new LarkError(400, LarkCode.missingAccessToken, 'Missing access token for authorization.');
  }
  const expiresAt = state.tenantTokens.get(token);
  if (expiresAt === undefined || expiresAt <= state.now()) {
    throw new LarkError(400, LarkCode.invalidAccessToken, 'Invalid access token for authorization.');
  }
}

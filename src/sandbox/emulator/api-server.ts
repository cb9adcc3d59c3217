/**
 * The Fastify instance that plays Lark's Open API. Cross-cutting behaviour lives in hooks so that every
 * route gets it the same way: injected faults first (they must win, to make failures deterministic), then
 * tenant-token authentication, and a record of every call with the Lark code it was answered with.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { EmulatorState } from './emulator-state.js';
import { LarkCode, LarkError } from './lark-error.js';
import { authenticate, registerAuthRoutes } from './routes-auth.js';
import { registerCardUpdateRoute } from './routes-card-update.js';
import { registerDirectoryRoutes } from './routes-directory.js';
import { registerFileRoutes } from './routes-files.js';
import { registerMessageRoutes } from './routes-messages.js';

/** Lark accepts files up to 30 MB; leave room for the multipart framing. */
const BODY_LIMIT = 32 * 1024 * 1024;

const pathOf = (url: string): string => url.split('?', 1)[0]!;

export function buildApiServer(state: EmulatorState): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });

  // Uploads are parsed by routes-files; here the body only has to arrive whole.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  app.addHook('onRequest', async (req, reply) => {
    const path = pathOf(req.url);
    const fault = state.takeFault(req.method, path);
    if (fault) {
      await reply
        .code(fault.status)
        .headers(fault.headers ?? {})
        .send({ code: fault.code, msg: fault.msg ?? 'fault injected by the emulator' });
      return reply;
    }
    if (!path.startsWith('/open-apis/auth/')) authenticate(state, req.headers.authorization);
    return undefined;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    state.calls.push({
      method: req.method,
      path: pathOf(req.url),
      status: reply.statusCode,
      code: larkCodeOf(payload),
      at: state.now(),
    });
    return payload;
  });

  app.setErrorHandler(async (err: unknown, _req, reply) => {
    if (err instanceof LarkError) {
      return reply.code(err.status).headers(err.headers).send({ code: err.code, msg: err.message });
    }
    const e = err as { statusCode?: number; message?: string };
    // Fastify's own 4xx (unparsable JSON, body too large…) become Lark's gateway validation error.
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply
        .code(e.statusCode)
        .send({ code: LarkCode.fieldValidation, msg: e.message ?? 'bad request' });
    }
    return reply.code(500).send({ code: 1, msg: `emulator internal error: ${e.message ?? String(err)}` });
  });

  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).send({
      code: LarkCode.notImplemented,
      msg: `the Lark emulator does not implement ${req.method} ${pathOf(req.url)}`,
    }),
  );

  registerAuthRoutes(app, state);
  registerMessageRoutes(app, state);
  registerDirectoryRoutes(app, state);
  registerFileRoutes(app, state);
  registerCardUpdateRoute(app, state);
  return app;
}

function larkCodeOf(payload: unknown): number {
  if (typeof payload !== 'string') return -1;
  try {
    const code: unknown = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'number' ? code : -1;
  } catch {
    return -1;
  }
}

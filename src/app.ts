/**
 * Builds the bot: Fastify routes, inbox, dispatcher, outbox and Lark client over one database connection.
 * No `listen` here (src/main.ts does that), so tests build the same app on a port of their choosing.
 */
import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import type { Connection } from 'mongoose';
import type { Collection, Db } from 'mongodb';
import { pino, type Logger } from 'pino';
import { migrations } from '../migrations/index.js';
import { systemClock, type Clock } from './clock.js';
import { commandRouter } from './bot/commands/router.js';
import type { Config } from './config.js';
import { pingDatabase } from './db/connection.js';
import { InstanceHeartbeat, type InstanceBeat } from './db/instance-heartbeat.js';
import type { DoneRecord } from './db/leased-queue.js';
import { pendingMigrations } from './db/migrate.js';
import { pruneDeliveries } from './db/retention.js';
import { AppError } from './errors.js';
import { LarkClient } from './lark/client.js';
import { Dispatcher } from './bot/dispatcher.js';
import { Inbox, type CardClick, type InboxItem } from './bot/inbox.js';
import { DeadLetters, type DeadLetter } from './bot/dead-letters.js';
import type { RetryPolicy } from './db/leased-queue.js';
import { BotMetrics } from './metrics.js';
import type { BotModule, HandlerContext } from './bot/module.js';
import { Outbox } from './bot/outbox.js';
import { LARK_LIMITS, RateLimiter, type RateLimits } from './lark/rate-limiter.js';
import { BODY_LIMIT_BYTES, larkWebhook } from './lark/webhook.js';
import { loggerOptions } from './logger.js';

export interface AppDeps {
  config: Config;
  conn: Connection;
  /** The regime modules; the command router and help are always there. */
  modules?: readonly BotModule[];
  clock?: Clock;
  logger?: Logger;
  /** How often workers look for expired leases and due retries. */
  pollMs?: number;
  rateLimits?: RateLimits;
  /** Card clicks slower than this are answered "processing" and finished by a delayed update. */
  cardDeadlineMs?: number;
  /** Shared with the scheduler when the bot is assembled; else the bot makes its own. */
  metrics?: BotMetrics;
  /** How a failing event is retried before it is dead-lettered (tests shorten it). */
  inboxRetry?: RetryPolicy;
  /** This instance's heartbeat, shared with the scheduler when the bot is assembled; else its own. */
  heartbeat?: InstanceHeartbeat;
}

/** A new instance's heartbeat (its owner id is what its leases and job runs are held under). */
export function newHeartbeat(db: Db): InstanceHeartbeat {
  return new InstanceHeartbeat(
    db.collection<InstanceBeat>('instances') as unknown as Collection<InstanceBeat>,
    randomUUID(),
  );
}

export interface Bot {
  app: FastifyInstance;
  inbox: Inbox;
  outbox: Outbox;
  lark: LarkClient;
  dispatcher: Dispatcher;
  deadLetters: DeadLetters;
  metrics: BotMetrics;
  /** Starts the background workers (inbox and outbox pollers). */
  startWorkers(): void;
  /** Stops workers and closes the HTTP server; the connection is the caller's. */
  close(): Promise<void>;
}

export async function buildBot(deps: AppDeps): Promise<Bot> {
  const { config, conn } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.logger ?? pino(loggerOptions(config.logLevel));
  const db = conn.db;
  if (!db) throw new Error('buildBot needs an open database connection');
  // Lets other instances take this one's leased work over the moment it dies, and never before.
  const heartbeat = deps.heartbeat ?? newHeartbeat(db as unknown as Db);
  const owner = heartbeat.owner;

  const metrics = deps.metrics ?? new BotMetrics();
  const lark = new LarkClient({ ...config.lark, log: log.child({ component: 'lark' }) });
  const outbox = new Outbox({
    metrics,
    conn,
    client: lark,
    limiter: new RateLimiter(deps.rateLimits ?? LARK_LIMITS),
    clock,
    log: log.child({ component: 'outbox' }),
    owner,
    liveness: heartbeat,
    pollMs: deps.pollMs,
  });
  const modules = deps.modules ?? [];
  const dispatcher = new Dispatcher([...modules, commandRouter(modules)]);
  const context = (eventId: string): HandlerContext => ({
    eventId,
    log: log.child({ eventId }),
    conn,
    outbox: outbox.forEvent(eventId),
    lark,
    clock,
    config,
  });
  const deadLetters = new DeadLetters({
    collection: db.collection<DeadLetter>('dead_letters') as unknown as Collection<DeadLetter>,
    outbox,
    clock,
    log: log.child({ component: 'dead-letters' }),
    metrics,
  });
  const inbox = new Inbox({
    deadLetters,
    metrics,
    policy: deps.inboxRetry,
    collection: db.collection<InboxItem>('inbox') as unknown as Collection<InboxItem>,
    done: db.collection<DoneRecord<InboxItem>>('inbox_done') as unknown as Collection<DoneRecord<InboxItem>>,
    clicks: db.collection<CardClick>('card_clicks') as unknown as Collection<CardClick>,
    dispatcher,
    context,
    clock,
    log: log.child({ component: 'inbox' }),
    owner,
    liveness: heartbeat,
    pollMs: deps.pollMs,
    cardDeadlineMs: deps.cardDeadlineMs,
  });

  metrics.depthGauges({
    inbox: () => inbox.queue.countWaiting(),
    outbox: () => outbox.queue.countWaiting(),
    dead: () => db.collection('dead_letters').countDocuments({ status: { $ne: 'replayed' } }),
  });

  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Per-request info lines at 1,000 events/s cost more than they tell; outcomes are logged by the routes.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err);
    const logged = { code: e.code, status: e.status, reason: e.message, url: req.url, cause: causeOf(e) };
    if (req.url.startsWith('/lark/')) {
      metrics.deliveries.inc({
        outcome: e.status === 503 ? 'unavailable' : e.status >= 500 ? 'failed' : 'rejected',
      });
    }
    if (e.status >= 500) req.log.error(logged, 'request failed');
    else req.log.warn(logged, 'request rejected');
    return reply.code(e.status).send({ error: e.code, message: e.message });
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/metrics', async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get('/readyz', async (_req, reply) => {
    const reachable = await pingDatabase(conn);
    const pending = reachable
      ? (await pendingMigrations(conn, migrations).catch(() => migrations)).map((m) => m.id)
      : [];
    const ready = reachable && pending.length === 0;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      database: reachable ? 'reachable' : 'unreachable',
      pendingMigrations: pending,
    });
  });
  await app.register(larkWebhook, { config, inbox, clock, metrics });
  // Pages a module serves to people outside Lark (survey links, the disclosure board), each in its own
  // encapsulated plugin so one module's hooks and parsers never touch another's or the webhook's.
  for (const m of modules) {
    if (!m.http) continue;
    const routes = m.http;
    await app.register(async (scope) =>
      routes(scope, { ...context(`http:${m.name}`), log: log.child({ module: m.name }) }),
    );
  }
  await app.ready();

  let housekeeping: NodeJS.Timeout | undefined;
  return {
    app,
    inbox,
    outbox,
    lark,
    dispatcher,
    deadLetters,
    metrics,
    startWorkers() {
      void heartbeat.start();
      inbox.start();
      outbox.start();
      const prune = () =>
        pruneDeliveries(db as unknown as Db, clock)
          .then((removed) => log.info({ removed }, 'old deliveries pruned'))
          .catch((err: unknown) =>
            log.warn({ err: (err as Error).message }, 'pruning old deliveries failed'),
          );
      housekeeping ??= setInterval(prune, 3600_000).unref();
    },
    async close() {
      clearInterval(housekeeping);
      await app.close();
      await inbox.stop();
      await outbox.stop();
      await heartbeat.stop();
    },
  };
}

/** Maps Fastify's own errors (body too large, wrong content type) onto our codes; hides everything else. */
function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE', { detail: `limit ${BODY_LIMIT_BYTES} bytes` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('BODY_UNSUPPORTED_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BODY_MALFORMED');
  }
  if (err.statusCode === 404)
    return Object.assign(new AppError('SCHEMA_UNKNOWN', { detail: 'no such route' }), { status: 404 });
  return new AppError('INTERNAL', { cause: err });
}

function causeOf(e: AppError): string | undefined {
  const c = e.cause as Error | undefined;
  return c ? `${c.name}: ${c.message}`.slice(0, 300) : undefined;
}

/**
 * The audit trail. Every module that changes regime data calls `recordAudit` once per change, with the
 * source the change came from (`sourceOf(ctx)` for a card click, command or event). Entries are only added.
 */
import type { Connection } from 'mongoose';
import { modelOn } from '../db/model.js';
import type { KnownEventType } from '../lark/events.js';
import type { ActionContext, CommandContext, EventContext } from '../bot/module.js';
import type { AuditEntry, AuditSource } from './audit/audit-entry.entity.js';
import { auditEntrySchema } from './audit/audit-entry.schema.js';
import { withoutUndefined } from './put-document.js';

export type { AuditEntry, AuditSource } from './audit/audit-entry.entity.js';

const model = (conn: Connection) => modelOn(conn, 'AuditEntry', auditEntrySchema);

export async function recordAudit(conn: Connection, entry: AuditEntry): Promise<void> {
  const { changes, detail, ...rest } = entry;
  await model(conn).create(
    withoutUndefined({
      ...rest,
      source: withoutUndefined(entry.source),
      changes: changes && storable(changes),
      detail: detail && storable(detail),
    }),
  );
}

/**
 * Free-form values may have keys the database refuses (FerretDB rejects `.` anywhere and `$` in front, e.g.
 * the job name `record.remind`); such characters are stored as their full-width forms, still readable.
 */
function storable<T>(v: T): T {
  if (Array.isArray(v)) return v.map(storable) as T;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replace(/\./g, '\uff0e').replace(/^\$/, '\uff04'), storable(x)]),
    ) as T;
  }
  return v;
}

/** Entries oldest first; filter by branch, target id or action. */
export function listAudit(
  conn: Connection,
  filter: { branchId?: string; targetId?: string; action?: string; actor?: string } = {},
): Promise<AuditEntry[]> {
  const q = withoutUndefined({
    branchId: filter.branchId,
    'target.id': filter.targetId,
    action: filter.action,
    actor: filter.actor,
  });
  return model(conn).find(q, { _id: 0 }).sort({ at: 1, _id: 1 }).lean().exec();
}

/** The audit source of a handler's context: the click, the message, or the event it handles. */
export function sourceOf(
  ctx: ActionContext<unknown, unknown> | CommandContext | EventContext<KnownEventType>,
): AuditSource {
  if ('operatorOpenId' in ctx) {
    return withoutUndefined({
      via: 'card',
      eventId: ctx.eventId,
      messageId: ctx.messageId,
      chatId: ctx.chatId,
      ref: ctx.action,
    }) as AuditSource;
  }
  if ('senderOpenId' in ctx) {
    return { via: 'command', eventId: ctx.eventId, messageId: ctx.messageId, chatId: ctx.chatId };
  }
  const chatId = (ctx.event as { chat_id?: unknown }).chat_id;
  return withoutUndefined({
    via: 'event',
    eventId: ctx.eventId,
    ref: ctx.eventType,
    chatId: typeof chatId === 'string' ? chatId : undefined,
  }) as AuditSource;
}

/**
 * What the resilience proofs share: counting how often the dispatcher ran for each delivery, reading every
 * callback a card offers, and a snapshot of the whole database to prove that a delivery wrote nothing.
 */
import type { Connection } from 'mongoose';
import { vi } from 'vitest';
import type { Bot } from '../../src/app.js';

/** How many times each event id reached a module (a card action or an event handler). */
export function countDispatches(bot: Bot): Map<string, number> {
  const runs = new Map<string, number>();
  const count = (eventId: string) => runs.set(eventId, (runs.get(eventId) ?? 0) + 1);
  const d = bot.dispatcher;
  const action = d.dispatchAction.bind(d);
  const event = d.dispatchEvent.bind(d);
  vi.spyOn(d, 'dispatchAction').mockImplementation((ctx, e) => {
    count(ctx.eventId);
    return action(ctx, e);
  });
  vi.spyOn(d, 'dispatchEvent').mockImplementation((ctx, type, body, opts) => {
    count(ctx.eventId);
    return event(ctx, type, body, opts);
  });
  return runs;
}

export interface Callback {
  value: Record<string, unknown> & { action: string };
  /** The button submits a form (its fields are left empty here). */
  submitsForm: boolean;
  name?: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every element of a card that calls the bot back, with its value as the card declares it. */
export function callbacksOf(card: unknown): Callback[] {
  const out: Callback[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    const behaviours = Array.isArray(node['behaviors']) ? node['behaviors'] : [];
    for (const b of behaviours) {
      if (!isNode(b) || b['type'] !== 'callback' || !isNode(b['value'])) continue;
      const value = b['value'];
      if (typeof value['action'] !== 'string') continue;
      out.push({
        value: value as Callback['value'],
        submitsForm: node['form_action_type'] === 'submit',
        ...(typeof node['name'] === 'string' ? { name: node['name'] } : {}),
      });
    }
    for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}

/**
 * The queues' own documents change by themselves (the orphan poll marks finished items done in place), and
 * so do the instances' heartbeats: for them only the count of documents is compared — a repeat that queued
 * anything would add one.
 */
const QUEUES = new Set(['inbox', 'inbox_done', 'outbox', 'outbox_done', 'instances']);

/** Every document of every collection, as sorted JSON: equal snapshots mean nothing was written. */
export async function snapshot(conn: Connection): Promise<Record<string, string[] | number>> {
  const db = conn.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, string[] | number> = {};
  for (const name of names) {
    if (QUEUES.has(name)) {
      out[name] = await db.collection(name).countDocuments();
      continue;
    }
    const docs = await db.collection(name).find({}).toArray();
    out[name] = docs.map((d) => JSON.stringify(d)).sort();
  }
  return out;
}

/** Document counts by collection (cheaper than a snapshot, for a "nothing written" check under load). */
export async function counts(conn: Connection): Promise<Record<string, number>> {
  const db = conn.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, number> = {};
  for (const name of names) out[name] = await db.collection(name).countDocuments();
  return out;
}

/** What one delivery caused, found by its event id: audit entries and messages queued. */
export async function effectsOf(conn: Connection, eventId: string) {
  const db = conn.db!;
  return {
    audit: await db.collection('audit').countDocuments({ 'source.eventId': eventId }),
    outbox: await db.collection('outbox').countDocuments({ eventId }),
  };
}

/** Lark's answer is too slow for its window on a loaded machine: the bot's answer to that is a card toast. */
export const PATIENT_CARD_DEADLINE_MS = 60_000;

/**
 * Delivers as Lark does: a 503 (the store took too long, the database is away) is delivered again, the same
 * event id, until it is accepted. A loaded test machine can make the first attempt miss the 2.5 s deadline.
 */
export async function untilAccepted<T extends { status: number }>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    if (answer.status !== 503 || attempt >= 10) return answer;
  }
}

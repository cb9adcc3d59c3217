/**
 * What every handler and every scheduled job gets: the tools to read, write and answer. Kept apart from the
 * module contract so the scheduler can name it without importing the contract that lists its jobs.
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { LarkClient } from '../lark/client.js';
import type { MessageQueue } from './outbox.js';

/** What every handler gets: who, where, and the tools to answer. */
export interface HandlerContext {
  eventId: string;
  log: Logger;
  conn: Connection;
  /** Queues messages; each is logged with this event's id. */
  outbox: MessageQueue;
  lark: LarkClient;
  clock: Clock;
  config: Config;
}

/** Event-driven waiting for recorded messages: resolves on the emitting record, never by polling. */
import type { EventEmitter } from 'node:events';
import type { RecordedMessage } from './types.js';

export interface WaitSpec {
  /** Emits 'message' whenever a message is recorded. */
  events: EventEmitter;
  /** The messages that currently match. */
  current: () => RecordedMessage[];
  count: number;
  timeoutMs: number;
  /** Used in the timeout error, e.g. "bot message(s) in oc_…". */
  what: string;
  /** Registry of pending waits, so closing the emulator can fail them instead of leaving them hanging. */
  closers: Set<(why: Error) => void>;
}

export function waitForMessages(s: WaitSpec): Promise<RecordedMessage[]> {
  const now = s.current();
  if (now.length >= s.count) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      s.events.off('message', onMessage);
      s.closers.delete(fail);
    };
    const fail = (why: Error): void => {
      finish();
      reject(why);
    };
    const onMessage = (): void => {
      const list = s.current();
      if (list.length >= s.count) {
        finish();
        resolve(list);
      }
    };
    const timer = setTimeout(() => {
      const got = s.current();
      const summary = got.map((m) => `${m.msg_type}→${m.chat_id}`).join(', ') || 'none';
      fail(
        new Error(`expected ${s.count} ${s.what} within ${s.timeoutMs} ms, got ${got.length} (${summary})`),
      );
    }, s.timeoutMs);
    s.events.on('message', onMessage);
    s.closers.add(fail);
  });
}

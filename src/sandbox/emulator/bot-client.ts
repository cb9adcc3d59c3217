/** The emulator's outbound side: POST a delivery to the bot's webhook and capture its answer. */
import { performance } from 'node:perf_hooks';
import type { BotAnswer } from './types.js';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export async function postToBot(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
): Promise<BotAnswer> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const why =
      (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e as Error).message;
    throw new Error(`delivery to ${url} failed: ${why}`, { cause: e });
  }
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the raw text is the most useful thing to show a test.
    }
  }
  return { status: res.status, body: parsed, headers: Object.fromEntries(res.headers.entries()), ms };
}

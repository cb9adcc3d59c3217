/** Shared set-up for the emulator tests: app credentials, a controllable clock, the SDK, a bot webhook. */
import Fastify from 'fastify';
import * as lark from '@larksuiteoapi/node-sdk';
import type { AddressInfo } from 'node:net';
import { LarkEmulator, type EmulatorOptions } from '../../src/sandbox/emulator/index.js';

export const APP = {
  appId: 'cli_a1b2c3d4e5f60718',
  appSecret: 'app-secret',
  verificationToken: 'verification-token',
  encryptKey: 'encrypt-key',
} as const;

/** A frozen clock the test moves explicitly, so windows and expiries never depend on wall time. */
export class Clock {
  t = Date.UTC(2025, 5, 1, 8, 0, 0);
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export async function startEmulator(
  clock: Clock,
  extra: Partial<EmulatorOptions> = {},
): Promise<LarkEmulator> {
  return LarkEmulator.start({ ...APP, now: clock.now, ...extra });
}

const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

export function sdkClient(em: LarkEmulator, appSecret: string = APP.appSecret): lark.Client {
  return new lark.Client({
    appId: APP.appId,
    appSecret,
    domain: em.url,
    cache: new lark.DefaultCache(),
    loggerLevel: lark.LoggerLevel.error,
    // Expected failures are asserted; the SDK's error log of each one would only bury real output.
    logger: silent,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- error bodies are asserted field by field
export type Loose = any;
export interface ErrorResponse {
  status: number;
  data: Loose;
  headers: Loose;
}

/** The AxiosError's response, for asserting Lark error answers. */
export async function failure(p: Promise<unknown>): Promise<ErrorResponse> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: ErrorResponse }).response;
    if (r) return r;
    throw e;
  }
  throw new Error('expected the call to fail');
}

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

export type Responder = (r: Received) => unknown | Promise<unknown>;

/** A tiny stand-in for the bot's webhook that records raw bodies (signatures cover exact bytes). */
export async function startReceiver(): Promise<{
  url: string;
  received: Received[];
  respond: (fn: Responder) => void;
  close: () => Promise<void>;
}> {
  const app = Fastify({ logger: false });
  const received: Received[] = [];
  let responder: Responder = () => ({});
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/*', async (req) => {
    const r = { path: req.url, headers: req.headers, raw: String(req.body) };
    received.push(r);
    return responder(r);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (fn) => {
      responder = fn;
    },
    close: () => app.close(),
  };
}

/** A minimal card JSON 2.0 that Lark accepts. */
export function card2(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: 'T' }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: text },
        {
          tag: 'button',
          text: { tag: 'plain_text', content: 'OK' },
          behaviors: [{ type: 'callback', value: { action: 'ok' } }],
        },
      ],
    },
    ...extra,
  };
}

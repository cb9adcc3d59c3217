/**
 * The one module that calls Lark's Open API, through the official SDK pointed at `LARK_DOMAIN` (the real
 * Lark, or the emulator in tests and the sandbox). Every failure becomes a LarkApiError that says whether
 * and when to retry; nothing here logs request bodies or tokens.
 */
import type { ReadStream } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  log: Logger;
}

export type CardJson = Record<string, unknown>;
export type ReceiveIdType = 'chat_id' | 'open_id';

export class LarkApiError extends Error {
  constructor(
    readonly op: string,
    readonly httpStatus: number | undefined,
    readonly code: number | undefined,
    message: string,
    /** How long Lark asked us to wait (x-ogw-ratelimit-reset), in ms. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`${op}: ${httpStatus ?? 'network'} code=${code ?? '-'} ${message}`);
    this.name = 'LarkApiError';
  }

  /** App-wide frequency limit (HTTP 429 / 99991400): every send should pause. */
  get isAppRateLimit(): boolean {
    return this.httpStatus === 429 || this.code === 99991400;
  }
  /** One chat's limit (seen live as 230020; 11232 for webhook bots): only that chat pauses. */
  get isChatRateLimit(): boolean {
    return this.code === 230020 || this.code === 11232;
  }
  /** The tenant access token was refused (missing, invalid or expired): a fresh one fixes it. */
  get isTokenInvalid(): boolean {
    return this.code === 99991661 || this.code === 99991663 || this.code === 99991668;
  }
  /** Worth another attempt: limits, 5xx, network trouble. A 4xx with a code is our bug or bad data. */
  get retryable(): boolean {
    return (
      this.isAppRateLimit || this.isChatRateLimit || this.httpStatus === undefined || this.httpStatus >= 500
    );
  }
}

export class LarkClient {
  readonly sdk: lark.Client;
  private readonly tokenCache = new lark.DefaultCache();
  private botOpenIdPromise: Promise<string> | undefined;

  constructor(opts: LarkClientOptions) {
    // The SDK logs whole axios errors (with the tenant token in their headers) and every failed call at
    // error level. We log failures ourselves where they are handled, so pass on only a message, at debug.
    const quiet = (...args: unknown[]) =>
      opts.log.debug({ sdk: true }, args.map(sdkLogText).join(' ').slice(0, 300));
    this.sdk = new lark.Client({
      appId: opts.appId,
      appSecret: opts.appSecret,
      domain: opts.domain,
      // Per-client token cache: the SDK's default is process-global, keyed by app id.
      cache: this.tokenCache,
      loggerLevel: lark.LoggerLevel.error,
      logger: { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet },
    });
  }

  async sendCard(receiveIdType: ReceiveIdType, receiveId: string, card: CardJson, uuid?: string) {
    const res = await this.call('message.create', () =>
      this.sdk.im.v1.message.create({
        params: { receive_id_type: receiveIdType },
        data: { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(card), uuid },
      }),
    );
    return { messageId: requireField(res.data?.message_id, 'message.create', 'message_id') };
  }

  /** A file uploaded before (`uploadFile`) as a message of its own: an exported workbook, say. */
  async sendFile(receiveIdType: ReceiveIdType, receiveId: string, fileKey: string, uuid?: string) {
    const res = await this.call('message.create', () =>
      this.sdk.im.v1.message.create({
        params: { receive_id_type: receiveIdType },
        data: {
          receive_id: receiveId,
          msg_type: 'file',
          content: JSON.stringify({ file_key: fileKey }),
          uuid,
        },
      }),
    );
    return { messageId: requireField(res.data?.message_id, 'message.create', 'message_id') };
  }

  async replyCard(messageId: string, card: CardJson, uuid?: string) {
    const res = await this.call('message.reply', () =>
      this.sdk.im.v1.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'interactive', content: JSON.stringify(card), uuid },
      }),
    );
    return { messageId: requireField(res.data?.message_id, 'message.reply', 'message_id') };
  }

  async updateCard(messageId: string, card: CardJson): Promise<void> {
    await this.call('message.patch', () =>
      this.sdk.im.v1.message.patch({
        path: { message_id: messageId },
        data: { content: JSON.stringify(card) },
      }),
    );
  }

  /** Replaces the card of a callback after its 3 s answer (token `c-…`, 30 min, two uses). */
  async delayedUpdateCard(token: string, card: CardJson): Promise<void> {
    await this.call('card.update', () =>
      this.sdk.request<{ code?: number; msg?: string }>({
        method: 'POST',
        url: '/open-apis/interactive/v1/card/update',
        data: { token, card },
      }),
    );
  }

  async chatMembers(chatId: string): Promise<Array<{ openId: string; name: string }>> {
    const members: Array<{ openId: string; name: string }> = [];
    let pageToken: string | undefined;
    do {
      const res = await this.call('chatMembers.get', () =>
        this.sdk.im.v1.chatMembers.get({
          path: { chat_id: chatId },
          params: { member_id_type: 'open_id', page_size: 100, page_token: pageToken },
        }),
      );
      for (const m of res.data?.items ?? [])
        if (m.member_id) members.push({ openId: m.member_id, name: m.name ?? '' });
      pageToken = res.data?.has_more ? res.data.page_token : undefined;
    } while (pageToken);
    return members;
  }

  async userName(openId: string): Promise<string | undefined> {
    const res = await this.call('user.get', () =>
      this.sdk.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
    );
    return res.data?.user?.name;
  }

  /** Uploads a file (at most 30 MB) for a file message; a ReadStream keeps a large one out of memory. */
  async uploadFile(
    fileName: string,
    file: Buffer | ReadStream,
    fileType: 'stream' | 'pdf' | 'xls' | 'doc' = 'stream',
  ) {
    const res = await this.call('file.create', async () => {
      // This SDK method unwraps `data` itself and has no `code` in its type.
      const r = await this.sdk.im.v1.file.create({
        data: { file_type: fileType, file_name: fileName, file },
      });
      return { code: 0, file_key: r?.file_key };
    });
    return { fileKey: requireField(res.file_key, 'file.create', 'file_key') };
  }

  /** The bot's own open_id, to recognise @-mentions of it in groups. Asked once, then remembered. */
  botOpenId(): Promise<string> {
    this.botOpenIdPromise ??= this.call('bot.info', () =>
      this.sdk.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({
        method: 'GET',
        url: '/open-apis/bot/v3/info',
      }),
    )
      .then((r) => requireField(r.bot?.open_id, 'bot.info', 'bot.open_id'))
      .catch((err) => {
        this.botOpenIdPromise = undefined;
        throw err;
      });
    return this.botOpenIdPromise;
  }

  /** Runs one SDK call; turns thrown AxiosErrors and `code ≠ 0` answers into LarkApiError. */
  private async call<R extends { code?: number; msg?: string } | null | undefined>(
    op: string,
    fn: () => Promise<R>,
  ): Promise<NonNullable<R>> {
    try {
      return await this.callOnce(op, fn);
    } catch (err) {
      // The tenant token the SDK cached was revoked or expired early: forget it and try once more.
      if (!(err instanceof LarkApiError) || !err.isTokenInvalid) throw err;
      this.tokenCache.values.clear();
      return this.callOnce(op, fn);
    }
  }

  private async callOnce<R extends { code?: number; msg?: string } | null | undefined>(
    op: string,
    fn: () => Promise<R>,
  ): Promise<NonNullable<R>> {
    let res: R;
    try {
      res = await fn();
    } catch (err) {
      const e = err as {
        response?: {
          status?: number;
          data?: { code?: number; msg?: string };
          headers?: Record<string, string>;
        };
        message?: string;
      };
      const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
      throw new LarkApiError(
        op,
        e.response?.status,
        e.response?.data?.code,
        e.response?.data?.msg ?? e.message ?? 'request failed',
        Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
      );
    }
    if (res && typeof res.code === 'number' && res.code !== 0) {
      throw new LarkApiError(op, 200, res.code, res.msg ?? 'error', undefined);
    }
    if (!res) throw new LarkApiError(op, 200, undefined, 'empty answer', undefined);
    return res as NonNullable<R>;
  }
}

function sdkLogText(a: unknown): string {
  if (typeof a === 'string') return a;
  if (Array.isArray(a)) return a.map(sdkLogText).join(' ');
  const m = (a as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : '';
}

function requireField<T>(v: T | undefined | null, op: string, field: string): T {
  if (v === undefined || v === null)
    throw new LarkApiError(op, 200, undefined, `answer has no ${field}`, undefined);
  return v;
}

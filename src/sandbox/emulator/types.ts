/**
 * Public types of the Lark emulator. Kept apart from the implementation so that the bench, the tests and
 * the browser sandbox can import them without pulling in Fastify.
 */

export interface RateLimitOptions {
  appPerSecond?: number;
  appPerMinute?: number;
  chatPerSecond?: number;
}

export interface EmulatorOptions {
  appId: string;
  appSecret: string;
  verificationToken: string;
  /** If set, deliveries are encrypted ({"encrypt": …}) and signed (X-Lark-Signature) by default. */
  encryptKey?: string;
  botOpenId?: string;
  botName?: string;
  /** Tenant key stamped on envelopes, senders and members. */
  tenantKey?: string;
  /** Defaults are Lark's published limits: 50/s and 1000/min per app, 5/s per chat. */
  rateLimit?: RateLimitOptions;
  /** Millisecond clock for timestamps, token expiry and rate windows; inject it to test time without sleeping. */
  now?: () => number;
  /**
   * Millisecond clock for the rate windows alone (default `now`). Lark counts in real time, as the bot's own
   * limiter does: a test whose business clock stands still passes real time here.
   */
  rateNow?: () => number;
  host?: string;
  port?: number;
}

export interface EmulatedUser {
  open_id: string;
  name: string;
  union_id?: string;
  user_id?: string;
  email?: string;
}

export interface EmulatedChat {
  chat_id: string;
  name: string;
  /** open_ids; the bot may be listed but is never returned by the members API. */
  members: string[];
  chat_type?: 'group' | 'p2p';
}

export type UpdateVia = 'patch' | 'delayed_update' | 'callback_response';

export interface RecordedMessage {
  message_id: string;
  chat_id: string;
  receive_id: string;
  receive_id_type: string;
  msg_type: string;
  /** Parsed JSON of the `content` string (the card JSON for interactive messages). */
  content: unknown;
  reply_to?: string;
  uuid?: string;
  sender: 'bot' | string;
  created_at: number;
  updates: Array<{ via: UpdateVia; at: number; content: unknown }>;
}

export interface RecordedCall {
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  /** The `code` of the Lark JSON answer (-1 when the answer was not Lark JSON). */
  code: number;
  at: number;
}

export interface RecordedFile {
  file_key: string;
  file_name: string;
  file_type: string;
  size: number;
  data: Buffer;
  at: number;
}

export interface RecordedUrgent {
  message_id: string;
  user_ids: string[];
  at: number;
}

export interface FaultAnswer {
  status: number;
  code: number;
  msg?: string;
  headers?: Record<string, string>;
}

export interface FaultMatch {
  method?: string;
  /** Without a prefix the token endpoint is exempt, so a fault aimed at "the next call" hits an API call. */
  pathPrefix?: string;
}

export interface DeliveryOptions {
  /** Default random; re-use one to simulate Lark's re-delivery. */
  eventId?: string;
  /** Unix seconds for X-Lark-Request-Timestamp (default now()/1000). */
  timestamp?: number;
  /** Default: true iff an encryptKey is configured. */
  encrypt?: boolean;
  /** Default: true iff an encryptKey is configured. */
  sign?: boolean;
  forgeSignature?: boolean;
  /** header.token override (default verificationToken). */
  token?: string;
  /** header.app_id override (default the emulated app's id): an event meant for another app. */
  appId?: string;
  /**
   * Alters the event body just before it is sealed, as Lark's looser payloads do (null ids, a missing
   * sender, numbers as strings); a sent message is recorded in its chat first, so the bot can reply to it.
   */
  reshape?: (event: Record<string, unknown>) => void;
  /** Give up waiting for the bot after this long (default 10000 ms); Lark itself gives up after 3 s. */
  timeoutMs?: number;
}

export interface BotAnswer {
  status: number;
  /** Parsed JSON when the answer is JSON, otherwise the raw text ('' when empty). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string>;
  ms: number;
}

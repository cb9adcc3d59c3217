/**
 * Lark's error codes as the emulator answers them, and the exception routes throw to produce them.
 *
 * Codes marked "approx." are not confirmed for the exact situation (see §7 of the protocol reference);
 * the HTTP status and a message naming the problem matter more to the bot than the precise number.
 */
import type { ZodType } from 'zod';

export const LarkCode = {
  ok: 0,
  /** Gateway: request body/query failed validation. */
  fieldValidation: 99992402,
  missingAccessToken: 99991661,
  invalidAccessToken: 99991663,
  /** Gateway frequency limit (per app, per second / per minute). */
  rateLimited: 99991400,
  /** Token endpoint: unknown app_id (approx.). */
  invalidAppId: 10003,
  /** Token endpoint: wrong app_secret. */
  invalidAppSecret: 10014,
  /** IM: invalid request parameter (also used for unknown message ids). */
  imInvalidParam: 230001,
  /** IM: the bot is not in the chat (used for unknown chat ids). */
  botNotInChat: 230002,
  /** IM: the user is outside the bot's availability (approx.). */
  userUnavailable: 230013,
  /** IM: the bot is not the sender of the message. */
  botNotSender: 230012,
  /** IM: frequency limit of a chat (seen live, shared by the chat's bots) and of a message's updates. */
  chatRateLimited: 230020,
  /** IM: the card content was rejected. */
  invalidCard: 230099,
  /** Contact: no such user / not visible to the app (approx.). */
  userNotFound: 41050,
  /** Delayed card update: token unknown, expired or used up (approx.). */
  cardTokenInvalid: 300030,
  /** Not a Lark code: the emulator does not implement the route. */
  notImplemented: 404,
} as const;

export class LarkError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
    this.name = 'LarkError';
  }
}

export const badRequest = (code: number, msg: string): LarkError => new LarkError(400, code, msg);

/** Parses a request part with zod, answering Lark's gateway validation error on failure. */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const detail = r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw badRequest(LarkCode.fieldValidation, `field validation failed (${what}): ${detail}`);
}

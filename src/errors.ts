/**
 * The project's coded errors. Each code has one HTTP status and one message a person may read; `cause`
 * keeps the internal detail for the log, never for the response.
 */
export const ERRORS = {
  BODY_MALFORMED: { status: 400, message: 'request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, message: 'request body is too large' },
  BODY_UNSUPPORTED_TYPE: { status: 415, message: 'request body must be application/json' },
  SCHEMA_UNKNOWN: {
    status: 400,
    message: 'request body is not a Lark event or card callback this endpoint accepts',
  },
  CARD_MALFORMED: { status: 400, message: 'card callback lacks what the bot needs' },
  DECRYPT_FAILED: {
    status: 400,
    message: 'encrypted body could not be decrypted with the configured Encrypt Key',
  },
  SIGNATURE_MISSING: {
    status: 401,
    message: 'X-Lark-Signature, X-Lark-Request-Timestamp and X-Lark-Request-Nonce are required',
  },
  SIGNATURE_INVALID: { status: 401, message: 'X-Lark-Signature does not match the body' },
  TIMESTAMP_STALE: { status: 401, message: 'X-Lark-Request-Timestamp is outside the accepted window' },
  TOKEN_INVALID: { status: 401, message: 'verification token does not match' },
  APP_MISMATCH: { status: 403, message: 'event is addressed to another app' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'database unavailable, retry later' },
  INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(options?.detail ? `${ERRORS[code].message}: ${options.detail}` : ERRORS[code].message, {
      cause: options?.cause,
    });
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

/**
 * MongoDB driver errors that mean "the server can't be reached right now" rather than "the request is bad":
 * by class name, by message, by the driver's labels for network failures, or through the error's cause
 * (a bulk insert cut off by a database killed mid-write reports the network error underneath).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as {
    name?: string;
    message?: string;
    cause?: unknown;
    hasErrorLabel?: (l: string) => boolean;
  };
  return (
    /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|MongooseServerSelectionError|MongoPoolClearedError/.test(
      e.name ?? '',
    ) ||
    /buffering timed out|connection .* closed|ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|not connected/i.test(
      String(e.message ?? ''),
    ) ||
    (typeof e.hasErrorLabel === 'function' &&
      (e.hasErrorLabel('ResetPool') || e.hasErrorLabel('RetryableWriteError'))) ||
    isDatabaseUnavailable(e.cause, depth + 1)
  );
}

/** Duplicate key (E11000): the idempotency guard fired. */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === 11000;
}

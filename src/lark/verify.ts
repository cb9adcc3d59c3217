/**
 * From raw request bytes to a trusted delivery, or a coded error — nothing is written before this passes.
 * Order matters: the signature covers the raw bytes as sent, so it is checked before decrypting; only the
 * URL-verification challenge is unsigned (Lark excludes it), so an unsigned encrypted body is decrypted just
 * far enough to see whether it is that challenge.
 * https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { decryptBody, safeEqual, signBody } from './crypto.js';
import { envelopeSchema, legacyCardActionSchema, urlVerificationSchema, type Envelope } from './events.js';
import type { z } from 'zod';

export type Delivery = { kind: 'challenge'; challenge: string } | { kind: 'envelope'; envelope: Envelope };
export type LegacyDelivery =
  { kind: 'challenge'; challenge: string } | { kind: 'legacy'; body: z.infer<typeof legacyCardActionSchema> };

type Headers = Record<string, string | string[] | undefined>;
type LarkSettings = Config['lark'];

/** Future timestamps are tolerated up to this much clock skew. */
const MAX_CLOCK_SKEW_S = 300;

export function openDelivery(raw: string, headers: Headers, lark: LarkSettings, nowMs: number): Delivery {
  const outer = parseJson(raw, 'BODY_MALFORMED');
  const sig = signatureHeaders(headers);
  if (lark.encryptKey && sig) verifySignature(raw, sig, lark, nowMs, signBody);

  const body = unwrap(outer, lark.encryptKey);
  const challenge = readChallenge(body, lark);
  if (challenge) return challenge;
  if (lark.encryptKey && !sig) throw new AppError('SIGNATURE_MISSING');

  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) throw new AppError('SCHEMA_UNKNOWN', { detail: describeSchema(body) });
  const envelope = parsed.data;
  // With an Encrypt Key the signature already proves the sender; the token is checked as well, cheaply.
  if (!envelope.header.token || !safeEqual(envelope.header.token, lark.verificationToken)) {
    throw new AppError('TOKEN_INVALID');
  }
  if (envelope.header.app_id && envelope.header.app_id !== lark.appId) throw new AppError('APP_MISMATCH');
  return { kind: 'envelope', envelope };
}

/**
 * The older message-card callback (card.action.trigger_v1) posted to a separate URL: a flat body, signed
 * with sha1(timestamp + nonce + verificationToken + body) when it is not encrypted.
 * https://open.feishu.cn/document/ukTMukTMukTM/uYzM3QjL2MzN04iNzcDN/configuring-card-callbacks/card-callback-structure
 */
export function openLegacyDelivery(
  raw: string,
  headers: Headers,
  lark: LarkSettings,
  nowMs: number,
): LegacyDelivery {
  const outer = parseJson(raw, 'BODY_MALFORMED');
  const sig = signatureHeaders(headers);
  const encrypted = typeof (outer as { encrypt?: unknown }).encrypt === 'string';
  if (sig) {
    verifySignature(raw, sig, lark, nowMs, encrypted && lark.encryptKey ? signBody : legacySign);
  }
  const body = unwrap(outer, lark.encryptKey);
  const challenge = readChallenge(body, lark);
  if (challenge) return challenge;
  if (!sig) throw new AppError('SIGNATURE_MISSING');
  const parsed = legacyCardActionSchema.safeParse(body);
  if (!parsed.success) throw new AppError('SCHEMA_UNKNOWN', { detail: describeSchema(body) });
  return { kind: 'legacy', body: parsed.data };
}

/** The URL-verification challenge, if that is what arrived; its token must still be ours. */
function readChallenge(
  body: unknown,
  lark: LarkSettings,
): { kind: 'challenge'; challenge: string } | undefined {
  const parsed = urlVerificationSchema.safeParse(body);
  if (!parsed.success) return undefined;
  if (parsed.data.token !== undefined && !safeEqual(parsed.data.token, lark.verificationToken)) {
    throw new AppError('TOKEN_INVALID');
  }
  return { kind: 'challenge', challenge: parsed.data.challenge };
}

function legacySign(
  timestamp: string,
  nonce: string,
  _encryptKey: string,
  rawBody: string,
  token = '',
): string {
  return createHash('sha1')
    .update(timestamp + nonce + token + rawBody)
    .digest('hex');
}

interface Sig {
  timestamp: string;
  nonce: string;
  signature: string;
}

function signatureHeaders(h: Headers): Sig | undefined {
  const one = (k: string) => {
    const v = h[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const timestamp = one('x-lark-request-timestamp');
  const nonce = one('x-lark-request-nonce');
  const signature = one('x-lark-signature');
  if (!timestamp && !nonce && !signature) return undefined;
  if (!timestamp || !nonce || !signature) throw new AppError('SIGNATURE_MISSING');
  return { timestamp, nonce, signature };
}

function verifySignature(
  raw: string,
  sig: Sig,
  lark: LarkSettings,
  nowMs: number,
  sign: typeof legacySign,
): void {
  const ts = Number(sig.timestamp);
  const age = nowMs / 1000 - ts;
  // Lark re-delivers for ~7 h and may not re-sign, so the window is long (LARK_MAX_EVENT_AGE_SECONDS);
  // replays inside it are stopped by the event_id dedupe in the inbox.
  if (!Number.isFinite(ts) || age > lark.maxEventAgeSeconds || age < -MAX_CLOCK_SKEW_S) {
    throw new AppError('TIMESTAMP_STALE', { detail: `timestamp ${sig.timestamp}` });
  }
  const expected = sign(sig.timestamp, sig.nonce, lark.encryptKey ?? '', raw, lark.verificationToken);
  if (!safeEqual(expected, sig.signature.toLowerCase())) throw new AppError('SIGNATURE_INVALID');
}

function unwrap(outer: unknown, encryptKey: string | undefined): unknown {
  const encrypted = (outer as { encrypt?: unknown } | null)?.encrypt;
  if (typeof encrypted !== 'string') return outer;
  if (!encryptKey)
    throw new AppError('DECRYPT_FAILED', { detail: 'body is encrypted but LARK_ENCRYPT_KEY is not set' });
  let plain: string;
  try {
    plain = decryptBody(encrypted, encryptKey);
  } catch (err) {
    throw new AppError('DECRYPT_FAILED', { cause: err });
  }
  return parseJson(plain, 'DECRYPT_FAILED');
}

function parseJson(text: string, code: 'BODY_MALFORMED' | 'DECRYPT_FAILED'): unknown {
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
    return v;
  } catch (err) {
    throw new AppError(code, {
      cause: err,
      detail: code === 'BODY_MALFORMED' ? 'expected a JSON object' : 'plaintext is not JSON',
    });
  }
}

/** A short, secret-free description of what arrived, for the 400 reason. */
function describeSchema(body: unknown): string {
  const b = body as { schema?: unknown; uuid?: unknown; type?: unknown };
  if (b.schema !== undefined && b.schema !== '2.0')
    return `schema ${JSON.stringify(b.schema)} is not supported`;
  if (b.uuid !== undefined) return 'v1.0 events are not supported; subscribe with schema 2.0';
  return 'expected {"schema":"2.0","header":{…},"event":{…}}';
}

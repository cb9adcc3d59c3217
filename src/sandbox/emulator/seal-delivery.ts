/**
 * Turns a delivery body into the exact bytes and headers Lark POSTs to a webhook (protocol reference §1).
 * The crypto itself lives in src/lark/crypto.ts so that the bot and the emulator cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { encryptBody, signBody } from '../../lark/crypto.js';
import { newNonce } from './ids.js';

export interface SealOptions {
  encryptKey?: string;
  /** Replace the body with {"encrypt": base64(IV ‖ AES-256-CBC(body))}. */
  encrypt: boolean;
  /** Add X-Lark-Request-Timestamp / -Nonce / X-Lark-Signature. */
  sign: boolean;
  /** Unix seconds. */
  timestamp: number;
  nonce?: string;
}

export interface SealedDelivery {
  /** Compact JSON; the signature covers exactly these bytes. */
  body: string;
  headers: Record<string, string>;
}

export function sealDelivery(bodyObj: unknown, o: SealOptions): SealedDelivery {
  if ((o.encrypt || o.sign) && !o.encryptKey) {
    throw new Error('sealDelivery: encrypt/sign requested but no encryptKey given');
  }
  const plain = JSON.stringify(bodyObj);
  const body = o.encrypt ? JSON.stringify({ encrypt: encryptBody(plain, o.encryptKey!) }) : plain;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (o.sign) {
    const timestamp = String(o.timestamp);
    const nonce = o.nonce ?? newNonce();
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = signBody(timestamp, nonce, o.encryptKey!, body);
  }
  return { body, headers };
}

/**
 * Legacy card callbacks (card.action.trigger_v1) are never encrypted and are signed with the
 * Verification Token instead: hex(sha1(timestamp + nonce + verificationToken + body)).
 */
export function sealLegacyCardCallback(
  bodyObj: unknown,
  o: { verificationToken: string; timestamp: number; nonce?: string },
): SealedDelivery {
  const body = JSON.stringify(bodyObj);
  const timestamp = String(o.timestamp);
  const nonce = o.nonce ?? newNonce();
  const signature = createHash('sha1')
    .update(timestamp + nonce + o.verificationToken + body)
    .digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signature,
    },
  };
}

/**
 * Lark's webhook cryptography, both directions: the bot decrypts and verifies, the emulator encrypts and
 * signs. Keeping both halves in one file means a test that passes here proves the two agree with each
 * other and with the published vector (tests/lark/crypto.test.ts).
 *
 * Protocol: https://open.feishu.cn/document/ukTMukTMukTM/uYDNxYjL2QTM24iN0EjN/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** AES-256 key = raw SHA-256 digest of the Encrypt Key configured in the developer console. */
function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

/** base64(16-byte IV ‖ AES-256-CBC(PKCS#7) ciphertext) → UTF-8 plaintext. Throws on any malformation. */
export function decryptBody(encrypted: string, encryptKey: string): string {
  const raw = Buffer.from(encrypted, 'base64');
  if (raw.length < 32 || (raw.length - 16) % 16 !== 0) {
    throw new Error('ciphertext has the wrong length');
  }
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptBody, with a random IV, as Lark does. */
export function encryptBody(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** hex(sha256(timestamp + nonce + encryptKey + rawBody)), the X-Lark-Signature header. */
export function signBody(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey)
    .update(rawBody)
    .digest('hex');
}

/** Constant-time comparison of two strings (hex digests, tokens). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

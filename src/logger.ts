/**
 * pino options shared by Fastify and the background workers. Secrets are redacted by path as a second line of
 * defence: the first is that no code logs a config object or a raw request body.
 */
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'req.headers["x-lark-signature"]',
  'req.headers.authorization',
  'headers["x-lark-signature"]',
  'headers.authorization',
  '*.appSecret',
  '*.app_secret',
  '*.encryptKey',
  '*.verificationToken',
  '*.tenant_access_token',
  '*.token',
  '*.encrypt',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}

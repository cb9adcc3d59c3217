/** Identifier shapes Lark uses, so bot code that checks prefixes or lengths sees realistic values. */
import { createHash, randomBytes } from 'node:crypto';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const newMessageId = (): string => `om_${hex(16)}`;
export const newChatId = (): string => `oc_${hex(16)}`;
export const newFileKey = (): string => `file_v3_${hex(4)}_${hex(12)}`;
export const newTenantToken = (): string => `t-${hex(20)}`;
export const newCardToken = (): string => `c-${hex(20)}`;
/** Lark event ids are 32 hex characters. */
export const newEventId = (): string => hex(16);
export const newNonce = (): string => hex(8);

/** Stable derived ids for users the test did not describe fully (same open_id → same union_id). */
export function derivedId(prefix: string, seed: string): string {
  return prefix + createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

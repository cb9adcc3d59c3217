/** Public surface of the Lark emulator (see lark-emulator.ts for what it is and why). */
export { LarkEmulator } from './lark-emulator.js';
export { buildEnvelope, DEFAULT_TENANT_KEY } from './envelope.js';
export type { Envelope, EnvelopeParams } from './envelope.js';
export { sealDelivery, sealLegacyCardCallback } from './seal-delivery.js';
export type { SealOptions, SealedDelivery } from './seal-delivery.js';
export { validateCard, CARD_TEMPLATES, MAX_CARD_BYTES } from './card-validation.js';
export { LARK_RATE_LIMITS } from './rate-limits.js';
export { LarkCode } from './lark-error.js';
export { DEFAULT_BOT_NAME, DEFAULT_BOT_OPEN_ID } from './emulator-state.js';
export { CARD_TOKEN_MAX_USES, CARD_TOKEN_TTL_MS } from './routes-card-update.js';
export type * from './types.js';
export { pressCard, buttonLabels } from './card-press.js';
export type { PressTarget, FormFill, PressedButton } from './card-press.js';
export type { MentionTarget, MessageInput, TextMessageInput } from './deliveries.js';

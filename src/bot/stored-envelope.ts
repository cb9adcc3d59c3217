/**
 * How a delivery is kept in the inbox and among dead letters: as its JSON text. Its body is the outside
 * world's JSON (a card's callback value, a form, a message's fields), and the database refuses some of it as
 * a document — field names with "." or a leading "$", and (FerretDB 1.x) nested arrays — which would turn a
 * valid, signed delivery into a 500 that Lark re-sends forever. Text is stored as given and read back here.
 */
import type { Envelope } from '../lark/events.js';

/** The envelope's JSON; records written before this change hold the envelope itself. */
export type StoredEnvelope = string | Envelope;

export function storeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

export function openEnvelope(stored: StoredEnvelope): Envelope {
  return typeof stored === 'string' ? (JSON.parse(stored) as Envelope) : stored;
}

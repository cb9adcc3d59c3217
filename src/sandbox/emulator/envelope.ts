/** The v2.0 event envelope Lark wraps every event and card callback in (protocol reference §1). */

export interface EnvelopeParams {
  appId: string;
  /** The Verification Token, echoed in header.token. */
  token: string;
  eventId: string;
  /**
   * header.create_time as Lark sends it: a string of milliseconds for events, of microseconds for card
   * callbacks. A number is stringified as is, so callers choose the unit.
   */
  createTimeMs: number | string;
  tenantKey?: string;
}

export interface Envelope {
  schema: '2.0';
  header: {
    event_id: string;
    event_type: string;
    create_time: string;
    token: string;
    app_id: string;
    tenant_key: string;
  };
  event: Record<string, unknown>;
}

export const DEFAULT_TENANT_KEY = '736588c9260f175e';

export function buildEnvelope(
  eventType: string,
  event: Record<string, unknown>,
  p: EnvelopeParams,
): Envelope {
  return {
    schema: '2.0',
    header: {
      event_id: p.eventId,
      event_type: eventType,
      create_time: String(p.createTimeMs),
      token: p.token,
      app_id: p.appId,
      tenant_key: p.tenantKey ?? DEFAULT_TENANT_KEY,
    },
    event,
  };
}

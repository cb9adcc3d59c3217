/** One change to regime data: who made it, what changed, when, and from which message, card or run. */
export interface AuditEntry {
  at: Date;
  /** A person's open_id, or the system actor: `org:import`, `scheduler`. */
  actor: string;
  /** The actor's name when a person, as the bot knew it then. */
  actorName?: string;
  /** `<entity>.<verb>`, e.g. `chat.bind`, `person.create`, `role.deactivate`, `job.trigger`. */
  action: string;
  /** The branch the change concerns, if any: audit trails are read per branch. */
  branchId?: string;
  target: { type: string; id: string };
  /** Field → old and new value. */
  changes?: Record<string, { from?: unknown; to?: unknown }>;
  /** Anything else worth keeping that is not a field change, e.g. `{ job, periodKey, outcome }`. */
  detail?: Record<string, unknown>;
  source: AuditSource;
}

/** Where a change came from, so it can be traced back to the click, the message or the file. */
export interface AuditSource {
  via: 'card' | 'command' | 'event' | 'cli' | 'job' | 'http';
  /** The Lark event_id (inbox key) of the card click, message or event. */
  eventId?: string;
  messageId?: string;
  chatId?: string;
  /** What it came through: the card action, event type, organisation file or job name. */
  ref?: string;
}

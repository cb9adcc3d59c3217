import { Schema } from 'mongoose';
import type { AuditEntry } from './audit-entry.entity.js';

export const auditEntrySchema = new Schema<AuditEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    actorName: { type: String },
    action: { type: String, required: true },
    branchId: { type: String },
    target: { type: { type: String, required: true }, id: { type: String, required: true } },
    changes: { type: Schema.Types.Mixed },
    detail: { type: Schema.Types.Mixed },
    source: {
      via: { type: String, enum: ['card', 'command', 'event', 'cli', 'job', 'http'], required: true },
      eventId: { type: String },
      messageId: { type: String },
      chatId: { type: String },
      ref: { type: String },
    },
  },
  { collection: 'audit', versionKey: false },
);

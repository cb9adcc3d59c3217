import { Schema } from 'mongoose';
import { CHAT_KINDS, type ChatBinding } from './chat-binding.entity.js';

export const chatBindingSchema = new Schema<ChatBinding>(
  {
    chatId: { type: String, required: true },
    branchIds: { type: [String], default: undefined },
    orgId: { type: String },
    kind: { type: String, enum: CHAT_KINDS, required: true },
    active: { type: Boolean, required: true },
    managedBy: { type: String, enum: ['file', 'chat'], required: true },
    boundBy: { type: String },
  },
  { collection: 'chat_bindings', versionKey: false },
);

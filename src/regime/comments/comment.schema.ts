import { Schema } from 'mongoose';
import type { Comment, CommentPrompt } from './comment.entity.js';

/**
 * Comments are stored under their deterministic id as `_id` (a repeat of the same submit finds the same
 * document), which is also the only filter FerretDB's SQLite backend pushes down.
 */
export type CommentDoc = Omit<Comment, 'id'> & { _id: string };
export type CommentPromptDoc = Omit<CommentPrompt, 'id'> & { _id: string };

const target = {
  type: { type: String, required: true },
  id: { type: String, required: true },
  name: { type: String, required: true },
  branchId: { type: String, required: true },
};

export const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, required: true },
    branchId: { type: String, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
    commenterId: { type: String, required: true },
    commenterName: { type: String, required: true },
    target: { type: new Schema(target, { _id: false }), required: true },
    status: { type: String, required: true },
    // Validated by the form parser (form-input.ts); stored as lists so no user text becomes a field name.
    aspects: { type: Schema.Types.Mixed, default: [] },
    stress: { type: Schema.Types.Mixed, default: [] },
    items: { type: Schema.Types.Mixed, default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    submittedAt: Date,
    publishedAt: Date,
    publishedBy: String,
    scope: String,
    acknowledgedAt: Date,
  },
  { collection: 'comments', versionKey: false },
);

export const commentPromptSchema = new Schema<CommentPromptDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
    commenterId: { type: String, required: true },
    due: { type: String, required: true },
    targets: { type: Schema.Types.Mixed, default: [] },
    branchIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'comment_prompts', versionKey: false },
);

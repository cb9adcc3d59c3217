import { Schema } from 'mongoose';
import type { Organisation } from './organisation.entity.js';

export const organisationSchema = new Schema<Organisation>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
  },
  { collection: 'organisations', versionKey: false },
);

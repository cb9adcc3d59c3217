import { Schema } from 'mongoose';
import type { Person } from './person.entity.js';

export const personSchema = new Schema<Person>(
  {
    openId: { type: String, required: true },
    name: { type: String, required: true },
    duties: { type: String },
    unit: { type: String },
    active: { type: Boolean, required: true },
    managedBy: { type: String, enum: ['file', 'chat'], required: true },
  },
  { collection: 'people', versionKey: false },
);

import { Schema } from 'mongoose';
import { ROLES, type RoleAssignment } from './role-assignment.entity.js';

export const roleAssignmentSchema = new Schema<RoleAssignment>(
  {
    openId: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    branchId: { type: String, required: true },
    // default undefined: an absent list means "the whole branch", which [] would not.
    contactMembers: { type: [String], default: undefined },
    active: { type: Boolean, required: true },
    managedBy: { type: String, enum: ['file', 'chat'], required: true },
  },
  { collection: 'role_assignments', versionKey: false },
);

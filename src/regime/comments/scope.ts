/**
 * Where a comment is published in writing (domain.md: 「点评在一定范围内书面公开」): the branch group, the
 * office channel, both, or only the person commented on. Each branch has a default the secretary (or an
 * admin) sets with 点评范围; the commenter may choose another on the form. Stored per branch under the
 * branch id as `_id`, so a read is one key lookup.
 */
import { Schema, type Connection } from 'mongoose';
import { modelOn } from '../../db/model.js';

export const SCOPES = ['group', 'channel', 'group+channel', 'self'] as const;
export type PublicationScope = (typeof SCOPES)[number];

export const SCOPE_NAMES: Record<PublicationScope, string> = {
  group: '支部群',
  channel: '公开频道',
  'group+channel': '支部群+公开频道',
  self: '仅本人',
};

/** The regime's default: the branch group (issue 9). */
export const DEFAULT_SCOPE: PublicationScope = 'group';

export const isScope = (s: unknown): s is PublicationScope =>
  typeof s === 'string' && (SCOPES as readonly string[]).includes(s);

/** The chats a scope publishes to (none for 仅本人: the private card to the target is always sent). */
export function chatKindsOf(scope: PublicationScope): Array<'branch_group' | 'office_channel'> {
  if (scope === 'self') return [];
  if (scope === 'group') return ['branch_group'];
  if (scope === 'channel') return ['office_channel'];
  return ['branch_group', 'office_channel'];
}

interface ScopeSettingDoc {
  _id: string;
  scope: PublicationScope;
  updatedBy: string;
  updatedAt: Date;
}

const settingSchema = new Schema<ScopeSettingDoc>(
  {
    _id: { type: String, required: true },
    scope: { type: String, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'comment_settings', versionKey: false },
);

const settings = (conn: Connection) => modelOn(conn, 'CommentSetting', settingSchema);

/** The branch's default scope; the regime's default until someone sets one. */
export async function branchScope(conn: Connection, branchId: string): Promise<PublicationScope> {
  const doc = await settings(conn).findOne({ _id: branchId }).lean<ScopeSettingDoc>().exec();
  return doc && isScope(doc.scope) ? doc.scope : DEFAULT_SCOPE;
}

export async function setBranchScope(
  conn: Connection,
  o: { branchId: string; scope: PublicationScope; by: string; now: Date },
): Promise<void> {
  await settings(conn)
    .updateOne(
      { _id: o.branchId },
      { $set: { scope: o.scope, updatedBy: o.by, updatedAt: o.now } },
      { upsert: true },
    )
    .exec();
}

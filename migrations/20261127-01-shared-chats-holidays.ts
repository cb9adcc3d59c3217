import type { Migration } from '../src/db/migrate.js';

/**
 * A chat may now serve several branches or a whole organisation (the county office's one 公开频道), so a
 * binding names `branchIds` (or `orgId`) instead of one `branchId`. Every binding made before keeps meaning
 * what it meant: `branchId: x` becomes `branchIds: [x]`. Also indexes the new lookups, and keeps the
 * holidays admins supply unique per year.
 */
export const migration: Migration = {
  id: '20261127-01-shared-chats-holidays',
  async up(db) {
    const chats = db.collection('chat_bindings');
    // Only documents still in the old shape: running it again touches nothing.
    for (const old of await chats.find({ branchId: { $exists: true } }).toArray()) {
      await chats.updateOne(
        { _id: old._id },
        { $set: { branchIds: [old['branchId']] }, $unset: { branchId: '' } },
      );
    }
    const indexes = await chats.indexes().catch(() => []);
    if (indexes.some((i) => i.name === 'branchId_kind_active')) await chats.dropIndex('branchId_kind_active');
    await chats.createIndex({ branchIds: 1, kind: 1, active: 1 }, { name: 'branchIds_kind_active' });
    await chats.createIndex({ orgId: 1, kind: 1, active: 1 }, { name: 'orgId_kind_active' });
    await db.collection('holiday_years').createIndex({ year: 1 }, { unique: true, name: 'year_unique' });
  },
};

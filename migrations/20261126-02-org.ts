import type { Migration } from '../src/db/migrate.js';

/**
 * The organisation (src/org/): natural keys are unique, so a concurrent import, sync or bind can never make a
 * second copy of a person, branch, role or chat binding; and the lookups the handlers make are indexed.
 */
export const migration: Migration = {
  id: '20261126-02-org',
  async up(db) {
    await db.collection('organisations').createIndex({ id: 1 }, { unique: true, name: 'id_unique' });
    await db.collection('branches').createIndex({ id: 1 }, { unique: true, name: 'id_unique' });
    await db.collection('branches').createIndex({ orgId: 1, active: 1 }, { name: 'orgId_active' });
    await db.collection('people').createIndex({ openId: 1 }, { unique: true, name: 'openId_unique' });
    await db.collection('people').createIndex({ managedBy: 1, active: 1 }, { name: 'managedBy_active' });
    // branchId is always set ('*' for every branch): a missing field would not be unique on FerretDB's SQLite.
    const roles = db.collection('role_assignments');
    await roles.createIndex(
      { openId: 1, role: 1, branchId: 1 },
      { unique: true, name: 'openId_role_branchId_unique' },
    );
    await roles.createIndex({ branchId: 1, role: 1, active: 1 }, { name: 'branchId_role_active' });
    await roles.createIndex({ managedBy: 1 }, { name: 'managedBy' });
    const chats = db.collection('chat_bindings');
    await chats.createIndex({ chatId: 1 }, { unique: true, name: 'chatId_unique' });
    await chats.createIndex({ branchId: 1, kind: 1, active: 1 }, { name: 'branchId_kind_active' });
    const audit = db.collection('audit');
    await audit.createIndex({ branchId: 1, at: 1 }, { name: 'branchId_at' });
    await audit.createIndex({ 'target.id': 1, at: 1 }, { name: 'targetId_at' });
    await audit.createIndex({ at: 1 }, { name: 'at' });
  },
};

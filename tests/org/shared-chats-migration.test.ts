import { describe, expect, it } from 'vitest';
import { migration } from '../../migrations/20261127-01-shared-chats-holidays.js';
import { migrations } from '../../migrations/index.js';
import { runMigrations } from '../../src/db/migrate.js';
import { isDuplicateKey } from '../../src/errors.js';
import { findBranchChats, findChatBinding, resolveChats } from '../../src/org/index.js';
import { useTestDatabase } from '../support/database.js';
import { importFixture } from './fixtures.js';

const db = useTestDatabase({ migrate: false });
const before = migrations.filter((m) => m.id < migration.id);

describe('migration 20261127-01-shared-chats-holidays', () => {
  it('keeps the bindings made before it meaning what they meant, and runs again without harm', async () => {
    expect(migrations.map((m) => m.id)).toContain(migration.id);
    await runMigrations(db(), before);
    await importFixture(db());
    // Bindings as the bot stored them before a chat could serve several branches.
    await db()
      .db!.collection('chat_bindings')
      .insertMany([
        { chatId: 'oc_old_group', branchId: 'zx-1', kind: 'branch_group', active: true, managedBy: 'chat' },
        {
          chatId: 'oc_old_office',
          branchId: 'zx-2',
          kind: 'office_channel',
          active: true,
          managedBy: 'file',
        },
        {
          chatId: 'oc_old_gone',
          branchId: 'zx-2',
          kind: 'evaluators_group',
          active: false,
          managedBy: 'chat',
        },
      ]);

    await runMigrations(db(), migrations);
    await migration.up(db().db as never);

    expect(await findChatBinding(db(), 'oc_old_group')).toEqual({
      chatId: 'oc_old_group',
      branchIds: ['zx-1'],
      kind: 'branch_group',
      active: true,
      managedBy: 'chat',
    });
    expect(await findChatBinding(db(), 'oc_old_gone')).toMatchObject({ branchIds: ['zx-2'], active: false });
    expect(await findBranchChats(db(), 'zx-1')).toEqual({ branch_group: 'oc_old_group' });
    expect(await findBranchChats(db(), 'zx-2')).toEqual({ office_channel: 'oc_old_office' });
    expect(await resolveChats(db(), ['zx-1', 'zx-2'], 'office_channel')).toEqual([
      { chatId: 'oc_old_office', branchIds: ['zx-2'] },
    ]);
    const raw = await db().db!.collection('chat_bindings').findOne({ chatId: 'oc_old_group' });
    expect(raw).not.toHaveProperty('branchId');
  });

  it('keeps one record of supplied holidays per year', async () => {
    const years = db().db!.collection('holiday_years');
    await years.insertOne({ year: 2027, off: [], work: [], active: true, managedBy: 'file' });
    const second = await years
      .insertOne({ year: 2027, off: [], work: [], active: false })
      .catch((e: unknown) => e);
    expect(isDuplicateKey(second)).toBe(true);
  });
});

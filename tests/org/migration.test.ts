import { describe, expect, it } from 'vitest';
import { migration } from '../../migrations/20261126-02-org.js';
import { migrations } from '../../migrations/index.js';
import { isDuplicateKey } from '../../src/errors.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

describe('migration 20261126-02-org', () => {
  it('is listed, and runs again without harm', async () => {
    expect(migrations.map((m) => m.id)).toContain('20261126-02-org');
    await migration.up(db().db as never);
  });

  it.each([
    ['people', { openId: 'ou_1', name: '甲' }],
    ['branches', { id: 'zx-1', name: '第一支部' }],
    ['chat_bindings', { chatId: 'oc_1', branchId: 'zx-1' }],
    ['role_assignments', { openId: 'ou_1', role: 'member', branchId: 'zx-1' }],
    ['role_assignments', { openId: 'ou_2', role: 'admin', branchId: '*' }],
  ])('keeps %s unique by its natural key', async (collection, doc) => {
    const c = db().db!.collection(collection);
    await c.insertOne({ ...doc, active: true });
    const second = await c.insertOne({ ...doc, active: false }).catch((err: unknown) => err);
    expect(isDuplicateKey(second)).toBe(true);
  });
});

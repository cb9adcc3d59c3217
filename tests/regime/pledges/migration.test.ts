import { describe, expect, it } from 'vitest';
import { migration } from '../../../migrations/20261127-10-pledges.js';
import { migrations } from '../../../migrations/index.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

describe('migration 20261127-10-pledges', () => {
  it('is listed in order, runs again without harm, and indexes the lookups of 台账, 待审 and the digest', async () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toContain('20261127-10-pledges');
    expect(ids).toEqual([...ids].sort());
    await migration.up(db().db as never);
    const names = async (c: string) => (await db().db!.collection(c).indexes()).map((i) => i.name);
    expect(await names('pledges')).toEqual(expect.arrayContaining(['branchId_year', 'status_kind_branchId']));
    expect(await names('pledge_ledger')).toEqual(
      expect.arrayContaining(['branchId_year_ownerId', 'pledgeId', 'branchId_fulfilledAt']),
    );
    expect(await names('pledge_suggestions')).toContain('branchId_year_at');
  });
});

import { describe, expect, it } from 'vitest';
import { migration } from '../../migrations/20261126-03-schedule.js';
import { migrations } from '../../migrations/index.js';
import { isDuplicateKey } from '../../src/errors.js';
import { RUNS_COLLECTION } from '../../src/schedule/run-store.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();

describe('migration 20261126-03-schedule', () => {
  it('is listed after the organisation, and runs again without harm', async () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toContain('20261126-03-schedule');
    expect(ids).toEqual([...ids].sort());
    await migration.up(db().db as never);
    const indexes = await db().db!.collection(RUNS_COLLECTION).indexes();
    expect(indexes.map((i) => i.name)).toContain('branch_job_createdAt');
  });

  it('keeps one run record per job, branch and period', async () => {
    const runs = db().db!.collection<{ _id: string }>(RUNS_COLLECTION);
    await runs.insertOne({ _id: 'record.remind:b1:2026-11' });
    const second = await runs.insertOne({ _id: 'record.remind:b1:2026-11' }).catch((err: unknown) => err);
    expect(isDuplicateKey(second)).toBe(true);
  });
});

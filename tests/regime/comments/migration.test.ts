import { describe, expect, it } from 'vitest';
import { migration } from '../../../migrations/20261127-30-comments.js';
import { migrations } from '../../../migrations/index.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

describe('migration 20261127-30-comments', () => {
  it('is listed in date order, and runs again without harm', async () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toContain('20261127-30-comments');
    expect(ids).toEqual([...ids].sort());
    await migration.up(db().db as never);
    const comments = (await db().db!.collection('comments').indexes()).map((i) => i.name);
    expect(comments).toEqual(
      expect.arrayContaining(['branch_period_submittedAt', 'target_status', 'commenter_status']),
    );
    const prompts = (await db().db!.collection('comment_prompts').indexes()).map((i) => i.name);
    expect(prompts).toContain('branch_kind_period');
  });
});

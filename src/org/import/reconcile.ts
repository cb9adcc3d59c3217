/**
 * The import's one way of making stored records match the file: put every listed record, deactivate every
 * record the file owned but no longer lists (never delete), and report each change to a Recorder, which
 * prints and audits it.
 */
import type { Put } from '../put-document.js';
import type { OrgChange } from './import-org.js';

export type Recorder = <T>(
  entity: OrgChange['entity'],
  id: string,
  label: string,
  put: Put<T>,
  branchId?: string | undefined,
) => Promise<void>;

/**
 * Puts every record the file lists, then deactivates every record the file owned but no longer lists.
 * Returns the records as they now stand, by key (listed ones, and the deactivated, for labels).
 */
export async function reconcile<T extends { active: boolean }>(
  record: Recorder,
  o: {
    entity: OrgChange['entity'];
    listed: T[];
    owned: T[];
    key(t: T): string;
    label(t: T): string;
    branchOf?(t: T): string | undefined;
    put(t: T): Promise<Put<T>>;
  },
): Promise<Map<string, T>> {
  const all = new Map(o.listed.map((t) => [o.key(t), t]));
  for (const t of o.listed) await record(o.entity, o.key(t), o.label(t), await o.put(t), o.branchOf?.(t));
  for (const t of o.owned) {
    if (all.has(o.key(t))) continue;
    const retired = { ...t, active: false };
    all.set(o.key(t), retired);
    if (t.active) await record(o.entity, o.key(t), o.label(t), await o.put(retired), o.branchOf?.(t));
  }
  return all;
}

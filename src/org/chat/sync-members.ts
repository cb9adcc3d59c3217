/**
 * Syncs a branch group's member list into the organisation: people the bot has never seen are registered
 * with their Lark names as members of the branch. Nobody is removed or changed silently: members of the
 * branch missing from the group, and people in the group without a role in the branch, are reported for
 * the secretary to decide. Running it twice (or twice at once) adds nobody twice.
 */
import type { Connection } from 'mongoose';
import type { LarkClient } from '../../lark/client.js';
import { recordAudit, type AuditSource } from '../audit.js';
import type { Person } from '../people/person.entity.js';
import { createPersonIfMissing, findPeople } from '../people/person.repository.js';
import { roleId, type RoleAssignment } from '../role-assignments/role-assignment.entity.js';
import { grantRoleIfMissing, listBranchRoles } from '../role-assignments/role-assignment.repository.js';

export interface SyncMembersInput {
  chatId: string;
  branchId: string;
  actor: Person;
  source: AuditSource;
  now: Date;
}

export interface SyncMembersResult {
  added: string[];
  alreadyCount: number;
  /** In the group, known to the bot, without a role in the branch (or deactivated). */
  others: string[];
  /** Active members of the branch who are not in the group. */
  notInChat: string[];
}

export async function syncMembers(
  conn: Connection,
  lark: LarkClient,
  i: SyncMembersInput,
): Promise<SyncMembersResult> {
  const inChat = await lark.chatMembers(i.chatId);
  const known = new Map(
    (
      await findPeople(
        conn,
        inChat.map((m) => m.openId),
      )
    ).map((p) => [p.openId, p]),
  );
  const branchRoles = await listBranchRoles(conn, { branchId: i.branchId });
  const withRole = new Set(branchRoles.map((r) => r.openId));
  const result: SyncMembersResult = { added: [], alreadyCount: 0, others: [], notInChat: [] };
  const audit = (action: string, type: string, id: string, to: Record<string, unknown>) =>
    recordAudit(conn, {
      at: i.now,
      actor: i.actor.openId,
      actorName: i.actor.name,
      action,
      branchId: i.branchId,
      target: { type, id },
      changes: Object.fromEntries(Object.entries(to).map(([k, v]) => [k, { to: v }])),
      source: i.source,
    });

  for (const m of inChat) {
    const person = known.get(m.openId);
    if (person) {
      if (person.active && withRole.has(m.openId)) result.alreadyCount++;
      else result.others.push(person.active ? person.name : `${person.name}（已停用）`);
      continue;
    }
    const name = m.name || (await lark.userName(m.openId).catch(() => undefined)) || m.openId;
    const newcomer: Person = { openId: m.openId, name, active: true, managedBy: 'chat' };
    if (await createPersonIfMissing(conn, newcomer))
      await audit('person.create', 'person', m.openId, { name, active: true });
    const role: RoleAssignment = {
      openId: m.openId,
      role: 'member',
      branchId: i.branchId,
      active: true,
      managedBy: 'chat',
    };
    if (await grantRoleIfMissing(conn, role)) {
      await audit('role.create', 'role', roleId(role), { role: 'member', active: true });
      result.added.push(name);
    }
  }

  const present = new Set(inChat.map((m) => m.openId));
  const missing = branchRoles
    .filter((r) => r.role === 'member' && !present.has(r.openId))
    .map((r) => r.openId);
  const missingPeople = await findPeople(conn, [...new Set(missing)]);
  result.notInChat = missingPeople
    .filter((p) => p.active)
    .map((p) => p.name)
    .sort();
  return result;
}

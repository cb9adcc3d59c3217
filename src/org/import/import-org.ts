/**
 * Applies an organisation file: makes the stored organisation, branches, people, roles and file-listed chats
 * match it, writing only what differs, and audits each change. What the file owned but no longer lists is
 * deactivated, never deleted; what was made in chat (bindings, synced members) is left alone.
 */
import type { Connection } from 'mongoose';
import { recordAudit } from '../audit.js';
import type { Branch } from '../branches/branch.entity.js';
import { listBranches, putBranch } from '../branches/branch.repository.js';
import { CHAT_KIND_NAMES, type ChatBinding, type ChatKind } from '../chat-bindings/chat-binding.entity.js';
import { listChatBindingsManagedBy, putChatBinding } from '../chat-bindings/chat-binding.repository.js';
import { overlapping } from '../chat/bind-chat.js';
import { importHolidays } from '../holidays/import-holidays.js';
import { putOrganisation } from '../organisations/organisation.repository.js';
import type { Person } from '../people/person.entity.js';
import { listPeople, putPerson } from '../people/person.repository.js';
import type { Put } from '../put-document.js';
import {
  ALL_BRANCHES,
  ROLE_NAMES,
  roleId,
  type RoleAssignment,
} from '../role-assignments/role-assignment.entity.js';
import { listRolesManagedBy, putRole } from '../role-assignments/role-assignment.repository.js';
import type { OrgFile } from './org-file.schema.js';
import { desiredRoles } from './desired-roles.js';
import { parseOrgFile, type FileProblem } from './parse-org-file.js';
import { reconcile, type Recorder } from './reconcile.js';

export interface OrgChange {
  verb: 'create' | 'update' | 'deactivate' | 'reactivate';
  entity: 'organisation' | 'branch' | 'person' | 'role' | 'chat' | 'holidays';
  id: string;
  /** What the change is about, as a person reads it: 人员 张三、支部 第一支部… */
  label: string;
  /** The fields that changed (updates only). */
  fields: string[];
}

export interface ImportOptions {
  now: Date;
  /** Shown in the audit trail as the source of every change. */
  fileName: string;
}

export async function importOrg(conn: Connection, file: OrgFile, o: ImportOptions): Promise<OrgChange[]> {
  const changes: OrgChange[] = [];
  const record: Recorder = async (entity, id, label, put, branchId) => {
    if (put.outcome === 'unchanged') return;
    const verb = verbOf(put);
    changes.push({
      verb,
      entity,
      id,
      label,
      fields: put.outcome === 'updated' ? Object.keys(put.changes) : [],
    });
    await recordAudit(conn, {
      at: o.now,
      actor: 'org:import',
      action: `${entity}.${verb}`,
      ...(branchId && branchId !== ALL_BRANCHES && { branchId }),
      target: { type: entity, id },
      changes: put.changes,
      source: { via: 'cli', ref: o.fileName },
    });
  };

  const org = file.organisation;
  await record(
    'organisation',
    org.id,
    `组织 ${org.name}`,
    await putOrganisation(conn, { id: org.id, name: org.name }),
  );

  const branches = await reconcile(record, {
    entity: 'branch',
    listed: file.branches.map((b): Branch => ({
      ...pick(b, 'id', 'name', 'timezone', 'calendar'),
      orgId: org.id,
      active: true,
    })),
    owned: await listBranches(conn, { orgId: org.id }),
    key: (b) => b.id,
    label: (b) => `支部 ${b.name}`,
    branchOf: (b) => b.id,
    put: (b) => putBranch(conn, b),
  });
  const branchName = (id: string) => (id === ALL_BRANCHES ? '全部支部' : (branches.get(id)?.name ?? id));

  const people = await reconcile(record, {
    entity: 'person',
    listed: file.people.map((p): Person => ({
      openId: p.open_id,
      ...pick(p, 'name', 'duties', 'unit'),
      active: true,
      managedBy: 'file',
    })),
    owned: await listPeople(conn, { managedBy: 'file' }),
    key: (p) => p.openId,
    label: (p) => `人员 ${p.name}`,
    put: (p) => putPerson(conn, p),
  });

  await reconcile<RoleAssignment>(record, {
    entity: 'role',
    listed: desiredRoles(file),
    owned: await listRolesManagedBy(conn, 'file'),
    key: roleId,
    label: (r) =>
      `角色 ${people.get(r.openId)?.name ?? r.openId} · ${ROLE_NAMES[r.role].zh} · ${branchName(r.branchId)}`,
    branchOf: (r) => r.branchId,
    put: (r) => putRole(conn, r),
  });

  const scopeLabel = (c: ChatBinding) =>
    c.orgId !== undefined ? `全部支部（${org.name}）` : c.branchIds.map(branchName).join('、');
  const chatLabel = (c: ChatBinding) => `群聊 ${scopeLabel(c)}的${CHAT_KIND_NAMES[c.kind].zh}（${c.chatId}）`;
  const soleBranch = (c: ChatBinding) => (c.branchIds.length === 1 ? c.branchIds[0] : undefined);
  const chats = await reconcile(record, {
    entity: 'chat',
    listed: listedChats(file),
    owned: await listChatBindingsManagedBy(conn, 'file'),
    key: (c) => c.chatId,
    label: chatLabel,
    branchOf: soleBranch,
    put: (c) => putChatBinding(conn, c),
  });
  // One chat of their own per branch and kind, one per organisation and kind: a chat the file names takes
  // those branches (or the organisation) off a chat bound earlier in chat.
  for (const c of chats.values()) {
    for (const { before, after } of await overlapping(conn, c)) {
      const put = await putChatBinding(conn, after);
      await record('chat', before.chatId, chatLabel(before), put, soleBranch(before));
    }
  }
  await importHolidays(conn, file, record);
  return changes;
}

/** The file's chats, one binding per chat: the organisation's, and each shared by the branches naming it. */
function listedChats(file: OrgFile): ChatBinding[] {
  const byChat = new Map<string, ChatBinding>();
  const base = { active: true, managedBy: 'file' } as const;
  for (const [kind, chatId] of Object.entries(file.organisation.chats ?? {}))
    if (chatId)
      byChat.set(chatId, {
        chatId,
        kind: kind as ChatKind,
        branchIds: [],
        orgId: file.organisation.id,
        ...base,
      });
  for (const b of file.branches) {
    for (const [kind, chatId] of Object.entries(b.chats ?? {})) {
      if (!chatId) continue;
      const seen = byChat.get(chatId);
      if (seen) seen.branchIds = [...seen.branchIds, b.id].sort();
      else byChat.set(chatId, { chatId, kind: kind as ChatKind, branchIds: [b.id], ...base });
    }
  }
  return [...byChat.values()];
}

function verbOf(put: Put<unknown>): OrgChange['verb'] {
  if (put.outcome === 'created') return 'create';
  const active = put.changes['active']?.to;
  return active === false ? 'deactivate' : active === true ? 'reactivate' : 'update';
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

export type ImportResult = { ok: true; changes: OrgChange[] } | { ok: false; problems: FileProblem[] };

/** Checks the whole file, then applies it; a file with any problem changes nothing. */
export async function importOrgFile(conn: Connection, text: string, o: ImportOptions): Promise<ImportResult> {
  const parsed = parseOrgFile(text);
  if (!parsed.ok) return parsed;
  return { ok: true, changes: await importOrg(conn, parsed.file, o) };
}

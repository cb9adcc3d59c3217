/**
 * The sandbox's demo organisation: demo-org.yaml (an ordinary organisation file, read by the ordinary
 * parser), the people as the page's 「我是」 switch lists them, and the group chats the emulator hosts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOrgFile } from '../../org/import/parse-org-file.js';
import type { OrgFile, PersonRow } from '../../org/import/org-file.schema.js';

/**
 * tsc copies no YAML into dist/, so a build reads the file from the source tree beside it; tsx (tests,
 * `npm run dev`) reads it where it is.
 */
function demoFilePath(): string {
  const here = fileURLToPath(new URL('./demo-org.yaml', import.meta.url));
  return here.replace(/([/\\])dist[/\\]src[/\\]/, '$1src$1');
}

export function loadDemoOrg(): OrgFile {
  const parsed = parseOrgFile(readFileSync(demoFilePath(), 'utf8'));
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => `${p.line ?? '?'}: ${p.message}`).join('\n');
    throw new Error(`the demo organisation file is invalid:\n${problems}`);
  }
  return parsed.file;
}

export interface DemoPerson {
  openId: string;
  name: string;
  /** How the 「我是」 switch describes them: 第一党支部书记、管理员… */
  label: string;
}

const ROLE_LABELS: Record<string, string> = {
  secretary: '书记',
  member: '党员',
  evaluator: '评议代表',
  reviewer: '上级党组织',
  admin: '管理员',
  leader: '联系领导',
};

function labelOf(p: PersonRow, branchName: (id: string) => string): string {
  const r = p.roles;
  const parts: string[] = [];
  if (r.secretary) parts.push(...r.secretary.map((b) => `${branchName(b)}书记`));
  else if (r.member) parts.push(...r.member.map((b) => `${branchName(b)}党员`));
  if (r.leader) parts.push(ROLE_LABELS['leader']!);
  if (r.reviewer) parts.push(ROLE_LABELS['reviewer']!);
  if (r.evaluator) parts.push(`${ROLE_LABELS['evaluator']!}（${p.unit ?? ''}）`);
  if (r.admin) parts.push(ROLE_LABELS['admin']!);
  return parts.join('、');
}

export function demoPeople(file: OrgFile): DemoPerson[] {
  const names = new Map(file.branches.map((b) => [b.id, b.name]));
  return file.people.map((p) => ({
    openId: p.open_id,
    name: p.name,
    label: labelOf(p, (id) => names.get(id) ?? id),
  }));
}

export interface DemoChat {
  chatId: string;
  name: string;
  /** 支部群, 公开频道 or 评议群, as the chat list shows it. */
  kind: string;
  members: string[];
}

/** The file's chats, each with the people who would be in it: the branch, everyone, or the evaluators. */
export function demoChats(file: OrgFile): DemoChat[] {
  const people = file.people;
  const inBranch = (id: string) =>
    people
      .filter(
        (p) =>
          [p.roles.member, p.roles.secretary].some((l) => l?.includes(id)) ||
          p.roles.leader?.branches?.includes(id),
      )
      .map((p) => p.open_id);
  const evaluators = people
    .filter((p) => p.roles.evaluator || p.roles.secretary || p.roles.admin)
    .map((p) => p.open_id);
  const chats: DemoChat[] = [];
  const office = (chatId: string) =>
    chats.push({ chatId, name: '机关公开频道', kind: '公开频道', members: people.map((p) => p.open_id) });
  const evaluatorsGroup = (chatId: string) =>
    chats.push({ chatId, name: '群众评议群', kind: '评议群', members: evaluators });
  // The organisation's own chats serve every branch; a branch may name its own as well.
  const org = file.organisation.chats ?? {};
  for (const b of file.branches) {
    const c = b.chats ?? {};
    if (c.branch_group)
      chats.push({
        chatId: c.branch_group,
        name: `${b.name}支部群`,
        kind: '支部群',
        members: inBranch(b.id),
      });
    if (c.office_channel) office(c.office_channel);
    if (c.evaluators_group) evaluatorsGroup(c.evaluators_group);
  }
  if (org.office_channel) office(org.office_channel);
  if (org.evaluators_group) evaluatorsGroup(org.evaluators_group);
  return chats;
}

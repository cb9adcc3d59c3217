/**
 * Reads an organisation file (YAML or JSON: JSON is read as YAML, which keeps line numbers) and checks it
 * whole: YAML syntax, each row's shape, then references between rows (unknown branch ids, duplicate
 * open_ids, a chat used twice). Every problem is reported with its line; nothing is applied unless none.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CHAT_KIND_NAMES, type ChatKind } from '../chat-bindings/chat-binding.entity.js';
import { parseHolidays } from './holidays.schema.js';
import { branchRow, fileTop, organisationChats, personRow, type OrgFile } from './org-file.schema.js';

export interface FileProblem {
  /** 1-based line in the file, when the problem can be placed. */
  line?: number;
  /** Where in the data, e.g. `people[2].roles.member[0]`. */
  path: string;
  message: string;
}

export type ParsedOrgFile = { ok: true; file: OrgFile } | { ok: false; problems: FileProblem[] };

type Path = ReadonlyArray<string | number>;

const zh = z.locales.zhCN().localeError;

export function parseOrgFile(text: string): ParsedOrgFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: FileProblem[] = [];
  const at = (path: Path, message: string) =>
    problems.push({ line: lineOf(doc, lines, path), path: pathText(path), message });

  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({
        line: lines.linePos(e.pos[0]).line,
        path: '',
        message: `YAML 格式错误：${e.message.split('\n')[0]}`,
      });
    return { ok: false, problems };
  }
  const top = fileTop.safeParse(doc.toJS(), { error: zh });
  if (!top.success) {
    reportIssues(top.error.issues, [], at);
    return { ok: false, problems };
  }
  const branches = parseRows(top.data.branches, 'branches', branchRow, at);
  const people = parseRows(top.data.people, 'people', personRow, at);
  const holidays = parseHolidays(top.data.holidays, at, zh);
  checkReferences(top.data, at);
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return {
    ok: true,
    file: {
      organisation: top.data.organisation,
      branches: branches.map((b) => b.row),
      people: people.map((p) => p.row),
      holidays,
    },
  };
}

/** Each row on its own, so one bad row does not hide the next. Rows that fail are left out. */
function parseRows<T>(rows: unknown[], key: string, schema: z.ZodType<T>, at: (p: Path, m: string) => void) {
  const good: Array<{ row: T; index: number }> = [];
  rows.forEach((raw, index) => {
    const r = schema.safeParse(raw, { error: zh, reportInput: true });
    if (r.success) good.push({ row: r.data, index });
    else reportIssues(r.error.issues, [key, index], at);
  });
  return good;
}

function reportIssues(
  issues: readonly z.core.$ZodIssue[],
  base: Path,
  at: (p: Path, m: string) => void,
): void {
  for (const i of issues) {
    const path = [...base, ...(i.path as Array<string | number>)];
    // An unknown key is placed on its own line, not on the object's.
    if (i.code === 'unrecognized_keys') for (const k of i.keys) at([...path, k], `不认识的字段「${k}」`);
    else if (i.code === 'invalid_type' && i.input === undefined)
      at(path, `缺少必填字段「${String(path.at(-1))}」`);
    else at(path, i.message);
  }
}

/**
 * References between rows, checked on every row whose ids and roles can be read, valid or not: a row with a
 * problem of its own still gets its references checked, and is not reported as "missing" where it is used.
 */
function checkReferences(
  raw: { organisation: { chats?: unknown }; branches: unknown[]; people: unknown[] },
  at: (p: Path, m: string) => void,
): void {
  const branchIds = new Set<string>();
  // A chat has one purpose. An office channel or evaluators' group may serve several branches, or the whole
  // organisation (then no branch names it too); a branch group serves one branch.
  const chats = new Map<string, { kind: ChatKind; where: string; org: boolean }>();
  const useChat = (path: Path, kind: ChatKind, chatId: string, where: string, org: boolean) => {
    const first = chats.get(chatId);
    const name = CHAT_KIND_NAMES[kind].zh;
    if (!first) chats.set(chatId, { kind, where, org });
    else if (first.kind !== kind)
      at(
        path,
        `群聊 ${chatId} 已用作 ${first.where}的${CHAT_KIND_NAMES[first.kind].zh}，一个群只能有一种用途`,
      );
    else if (kind === 'branch_group')
      at(path, `群聊 ${chatId} 已是 ${first.where}的支部群，支部群只能属于一个支部`);
    else if (first.org) at(path, `群聊 ${chatId} 已是全组织的${name}，各支部不必再写`);
  };
  const orgChats = organisationChats.safeParse(raw.organisation.chats);
  for (const [kind, chatId] of Object.entries((orgChats.success && orgChats.data) || {}))
    if (typeof chatId === 'string')
      useChat(['organisation', 'chats', kind], kind as ChatKind, chatId, '全组织', true);
  raw.branches.forEach((row, index) => {
    const id = stringField(row, 'id');
    if (id !== undefined && branchIds.has(id)) at(['branches', index, 'id'], `支部编号「${id}」重复`);
    if (id !== undefined) branchIds.add(id);
    const listed = branchRow.shape.chats.safeParse(field(row, 'chats'));
    for (const [kind, chatId] of Object.entries((listed.success && listed.data) || {}))
      useChat(
        ['branches', index, 'chats', kind],
        kind as ChatKind,
        chatId,
        id ?? `branches[${index}]`,
        false,
      );
  });

  const openIds = new Set<string>();
  const rows = raw.people.map((row, index) => {
    const id = stringField(row, 'open_id');
    if (id !== undefined && openIds.has(id))
      at(['people', index, 'open_id'], `open_id ${id} 重复（同一个人只写一行）`);
    if (id !== undefined) openIds.add(id);
    const roles = personRow.shape.roles.safeParse(field(row, 'roles'));
    return { index, id, roles: roles.success ? roles.data : undefined };
  });
  const memberOf = new Map(rows.flatMap((r) => (r.roles ? [[r.id, r.roles.member ?? []] as const] : [])));
  for (const { index, roles } of rows) {
    if (!roles) continue;
    const where = (...rest: Array<string | number>) => ['people', index, 'roles', ...rest];
    for (const role of ['member', 'secretary', 'reviewer', 'evaluator', 'admin'] as const) {
      (roles[role] ?? []).forEach((id, j) => {
        if (id !== '*' && !branchIds.has(id)) at(where(role, j), `没有编号为「${id}」的支部`);
      });
    }
    (roles.leader?.branches ?? []).forEach((id, j) => {
      if (!branchIds.has(id)) at(where('leader', 'branches', j), `没有编号为「${id}」的支部`);
    });
    (roles.leader?.members ?? []).forEach((m, j) => {
      if (!openIds.has(m)) at(where('leader', 'members', j), `联系党员 ${m} 不在 people 中`);
      else if (memberOf.get(m)?.length === 0)
        at(where('leader', 'members', j), `联系党员 ${m} 不是任何支部的党员（roles.member）`);
    });
  }
}

function field(row: unknown, key: string): unknown {
  return row && typeof row === 'object' ? (row as Record<string, unknown>)[key] : undefined;
}

function stringField(row: unknown, key: string): string | undefined {
  const v = field(row, key);
  return typeof v === 'string' ? v : undefined;
}

/** The line of the deepest node on the path that exists in the document (a map entry: its key's line). */
function lineOf(doc: Document, lines: LineCounter, path: Path): number | undefined {
  type Ranged = { range?: [number, number, number] | null } | null | undefined;
  const lineAt = (n: Ranged) => (n?.range ? lines.linePos(n.range[0]).line : undefined);
  let node: unknown = doc.contents;
  let line = lineAt(node as Ranged);
  for (const key of path) {
    if (isMap(node)) {
      // Keys compare as text: a year written 2027 is a number in YAML and a string in the path.
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      line = lineAt(pair.key as Ranged) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      line = lineAt(node as Ranged) ?? line;
    } else break;
  }
  return line;
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

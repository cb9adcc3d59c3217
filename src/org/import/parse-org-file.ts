/**
 * Reads an organisation file (YAML or JSON: JSON is read as YAML, which keeps line numbers) and checks it
 * whole: YAML syntax, each row's shape, then references between rows (unknown branch ids, duplicate
 * open_ids, a chat used twice). Every problem is reported with its line; nothing is applied unless none.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { branchRow, fileTop, personRow, type OrgFile } from './org-file.schema.js';

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
  checkReferences(top.data, at);
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return {
    ok: true,
    file: {
      organisation: top.data.organisation,
      branches: branches.map((b) => b.row),
      people: people.map((p) => p.row),
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
  raw: { branches: unknown[]; people: unknown[] },
  at: (p: Path, m: string) => void,
): void {
  const branchIds = new Set<string>();
  const chats = new Map<string, string>();
  raw.branches.forEach((row, index) => {
    const id = stringField(row, 'id');
    if (id !== undefined && branchIds.has(id)) at(['branches', index, 'id'], `支部编号「${id}」重复`);
    if (id !== undefined) branchIds.add(id);
    const listed = branchRow.shape.chats.safeParse(field(row, 'chats'));
    for (const [kind, chatId] of Object.entries((listed.success && listed.data) || {})) {
      const first = chats.get(chatId);
      if (first) at(['branches', index, 'chats', kind], `群聊 ${chatId} 已用作 ${first}，一个群只能绑定一处`);
      else chats.set(chatId, `${id ?? `branches[${index}]`} 的 ${kind}`);
    }
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

/** The line of the deepest node on the path that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
    const key = path[n - 1];
    // Prefer the key's own line for map entries (a missing value still has its key).
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lines.linePos(range[0]).line;
    }
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

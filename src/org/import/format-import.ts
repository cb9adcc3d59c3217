/** What `npm run org:import` prints: every problem with its line, or every change, or "no changes". */
import type { FileProblem } from './parse-org-file.js';
import type { ImportResult, OrgChange } from './import-org.js';

const VERBS: Record<OrgChange['verb'], string> = {
  create: '+ 新增',
  update: '~ 修改',
  reactivate: '+ 恢复',
  deactivate: '- 停用',
};

export function formatImport(result: ImportResult, fileName: string): string {
  if (!result.ok) {
    const n = result.problems.length;
    return [
      `${fileName}：发现 ${n} 处问题，没有导入任何内容 (${n} problem${n > 1 ? 's' : ''}, nothing imported)`,
      ...result.problems.map((p) => `  ${formatProblem(fileName, p)}`),
    ].join('\n');
  }
  if (result.changes.length === 0) return `${fileName}：没有变化 (no changes)`;
  const n = result.changes.length;
  return [
    `${fileName}：已导入，${n} 处变化 (${n} change${n > 1 ? 's' : ''})`,
    ...result.changes.map(
      (c) =>
        `  ${VERBS[c.verb]} ${c.label}${c.fields.length && c.verb === 'update' ? `：${c.fields.join('、')}` : ''}`,
    ),
  ].join('\n');
}

export function formatProblem(fileName: string, p: FileProblem): string {
  return `${fileName}${p.line ? `:${p.line}` : ''}  ${p.path ? `${p.path}：` : ''}${p.message}`;
}

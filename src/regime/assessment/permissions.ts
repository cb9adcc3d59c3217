/** Who may do what in the year-end assessment; checked through requireRole, the one authorisation place. */
import type { Permission } from '../../org/index.js';

export const ASSESSMENT_PERMISSIONS = {
  run: { roles: ['secretary'], to: '进行年终考核', en: 'run the year-end assessment' },
  object: { roles: ['member'], to: '对本人考核结果提出异议', en: 'object to their assessment' },
  answer: { roles: ['secretary'], to: '答复考核异议', en: 'answer assessment objections' },
  weights: { roles: ['admin'], to: '设置考核权重', en: 'set the assessment weights' },
} as const satisfies Record<string, Permission>;

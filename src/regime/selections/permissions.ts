/** What the selection asks of a person, in the organisation's one authorisation shape. */
import type { Permission } from '../../org/index.js';

export const SELECTION_PERMISSIONS = {
  nominate: { roles: ['member', 'secretary'], to: '推荐评选对象', en: 'nominate' },
  vote: { roles: ['member'], to: '参加评选投票', en: 'vote in the selection' },
  object: { roles: ['member'], to: '对公示结果提出异议', en: 'object to the result' },
  manage: {
    roles: ['secretary', 'admin'],
    to: '组织评选（确认候选人、确认结果、答复异议）',
    en: 'run the selection',
  },
} as const satisfies Record<string, Permission>;

/** What the monthly cycle lets whom do; checked through requireRole, the one authorisation place. */
import type { Permission } from '../../org/index.js';

export const RECORD_PERMISSIONS = {
  answer: { roles: ['member'], to: '填写本支部的党员记实', en: "answer the branch's monthly record" },
  reopen: { roles: ['secretary'], to: '为党员补录记实', en: 'reopen a member’s record' },
  rate: { roles: ['secretary'], to: '评定党员', en: 'rate members' },
  object: { roles: ['member'], to: '对本人评定提出异议', en: 'object to their rating' },
  answerObjection: { roles: ['secretary'], to: '答复评定异议', en: 'answer objections' },
} as const satisfies Record<string, Permission>;

/** Who may post a 督促通报 and who may read the branch's 公开记录 (public anyway, so every role of it). */
import type { Permission } from '../../org/index.js';

export const DISCLOSURE_PERMISSIONS = {
  briefing: { roles: ['admin', 'secretary'], to: '发布督促通报', en: 'post a briefing' },
  archive: {
    roles: ['admin', 'secretary', 'reviewer', 'leader', 'member'],
    to: '查看公开记录',
    en: 'read the disclosure archive',
  },
} as const satisfies Record<string, Permission>;

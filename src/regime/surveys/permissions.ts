/** What the survey asks of a person, in the organisation's one authorisation shape. */
import type { Permission } from '../../org/index.js';

export const SURVEY_PERMISSIONS = {
  manage: { roles: ['secretary', 'admin'], to: '开启或结束群众评议', en: 'open or close the survey' },
  remind: { roles: ['secretary', 'admin'], to: '查看未参与评议的名单', en: 'see who has not answered' },
  link: { roles: ['secretary', 'admin'], to: '生成一次性评议链接', en: 'make one-time survey links' },
} as const satisfies Record<string, Permission>;

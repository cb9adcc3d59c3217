/** Who may export, in the organisation's one authorisation shape (src/org/authorize.ts). */
import type { Permission } from '../../org/index.js';

export const EXPORT_PERMISSIONS = {
  export: { roles: ['secretary', 'reviewer', 'admin'], to: '导出报表', en: 'export tables' },
} as const satisfies Record<string, Permission>;

/**
 * Where the board lives: under the bot's public address (PUBLIC_BASE_URL), as the one-time survey links
 * are built; without it, the path alone (the page is still served, but a chat link needs the address).
 */
import type { Config } from '../../config.js';

export const branchBoardPath = (branchId: string) => `/board/${encodeURIComponent(branchId)}`;
export const orgBoardPath = (orgId: string) => `/board/org/${encodeURIComponent(orgId)}`;

export const publicUrl = (config: Pick<Config, 'publicBaseUrl'>, path: string) =>
  `${config.publicBaseUrl ?? ''}${path}`;

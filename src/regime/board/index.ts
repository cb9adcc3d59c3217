/**
 * 公开栏, the public disclosure board: read-only web pages for people outside Lark (`/board/<branch>` and
 * `/board/org/<organisation>`) showing only what was disclosed — published pledges and their ledger,
 * disclosed monthly records and ratings, published comments, closed surveys' results, honours and the
 * disclosure archive — and the chat command 「公开栏」 that links to them. It writes nothing.
 */
import type { BotModule } from '../../bot/module.js';
import { boardCommand } from './board-command.js';
import { boardPages } from './board-pages.js';

export const boardModule: BotModule = {
  name: 'board',
  commands: [boardCommand],
  http: boardPages,
};

export { branchBoardPath, orgBoardPath } from './board-url.js';

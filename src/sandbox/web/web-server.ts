/**
 * The browser messenger's server: the page (page.ts), its script and style, the chart library, and a small
 * JSON API the script polls and posts to. Everything a person does goes through the Lark emulator exactly as
 * Lark would deliver it — a message as im.message.receive_v1, a click as a signed card.action.trigger — and
 * what the bot answers is read back from the emulator's recordings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { zonedParts } from '../../schedule/calendar.js';
import { DEFAULT_BOT_NAME } from '../emulator/index.js';
import { cardHtml } from './card-html.js';
import { messageView, type Directory } from './message-view.js';
import { pageHtml, type ChatEntry } from './page.js';
import type { Sandbox } from './start-sandbox.js';

/** As demo-org.ts: dist/ has no copies of non-TypeScript files, so a build reads them from src/. */
function assetPath(name: string): string {
  return fileURLToPath(new URL(`./static/${name}`, import.meta.url)).replace(
    /([/\\])dist[/\\]src[/\\]/,
    '$1src$1',
  );
}

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'app.js': { file: () => assetPath('app.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { file: () => assetPath('app.css'), type: 'text/css; charset=utf-8' },
  'card.css': { file: () => assetPath('card.css'), type: 'text/css; charset=utf-8' },
  // VChart is the chart library Lark's chart component is built on; its spec is what cards carry.
  'vchart.js': {
    file: () => createRequire(import.meta.url).resolve('@visactor/vchart/build/index.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

const WEEKDAY = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function clockLabel(at: Date, tz: string): string {
  const p = zonedParts(at, tz);
  const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAY[p.weekday]} ${hm}`;
}

const sendBody = z.object({ as: z.string(), chat: z.string(), text: z.string().trim().min(1).max(4000) });
const clickBody = z.object({
  as: z.string(),
  message: z.string(),
  value: z.record(z.string(), z.unknown()),
  name: z.string().optional(),
  tag: z.string().optional(),
  form_value: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])).optional(),
});

export function buildWebServer(o: { sandbox: Sandbox; shownFrom: () => number }): FastifyInstance {
  const { sandbox } = o;
  const { emulator, directory } = sandbox;
  const names = new Map(directory.people.map((p) => [p.openId, p.name]));
  const fileOf = (key: string) => emulator.files.find((f) => f.file_key === key);
  const dir: Directory = {
    botName: DEFAULT_BOT_NAME,
    nameOf: (id) => names.get(id) ?? id,
    fileOf: (key) => {
      const f = fileOf(key);
      return f && { name: f.file_name, size: f.size };
    },
  };
  // Request logs would drown the bot's own: the page polls every second.
  const app: FastifyInstance = Fastify();

  const chatsOf = (as: string): ChatEntry[] => [
    { id: emulator.p2pChatOf(as), name: DEFAULT_BOT_NAME, kind: '私聊', group: false },
    ...directory.chats.map((c) => ({ id: c.chatId, name: c.name, kind: c.kind, group: true })),
  ];
  const clock = () => ({
    now: sandbox.clock.now().getTime(),
    label: clockLabel(sandbox.clock.now(), sandbox.timezone),
  });

  app.get('/', async (_req, reply) => {
    const first = directory.people[0]!;
    reply.type('text/html; charset=utf-8');
    return pageHtml({ people: directory.people, chats: chatsOf(first.openId), clock: clock().label });
  });

  app.get<{ Params: { name: string } }>('/static/:name', async (req, reply) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    reply.type(asset.type).header('cache-control', 'no-cache');
    return readFileSync(asset.file());
  });

  app.get<{ Querystring: { as?: string } }>('/api/chats', async (req) => {
    const as = req.query.as ?? directory.people[0]!.openId;
    return { chats: chatsOf(as) };
  });

  app.get<{ Querystring: { chat?: string; as?: string } }>('/api/messages', async (req) => {
    const chat = req.query.chat ?? '';
    const shown = emulator.messages.slice(o.shownFrom());
    const messages = shown
      .filter((m) => m.chat_id === chat)
      .map((m) =>
        messageView(m, m.msg_type === 'interactive' ? emulator.cardOf(m.message_id) : m.content, dir),
      );
    // How many messages each of the person's chats holds, for the unread marks of the chat list.
    const counts: Record<string, number> = {};
    if (req.query.as) for (const c of chatsOf(req.query.as)) counts[c.id] = 0;
    for (const m of shown) if (m.chat_id in counts) counts[m.chat_id]!++;
    return { clock: clock(), messages, counts };
  });

  // A file message's file, downloaded as Lark's client does (the emulator holds the uploaded bytes).
  app.get<{ Params: { message: string } }>('/api/files/:message', async (req, reply) => {
    const m = emulator.messages.find((x) => x.message_id === req.params.message && x.msg_type === 'file');
    const f = m && fileOf(String((m.content as { file_key?: unknown } | null)?.file_key ?? ''));
    if (!f) return reply.code(404).send({ error: '文件不存在' });
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
      .send(f.data);
  });

  app.post('/api/send', async (req, reply) => {
    const body = sendBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: '消息不能为空' });
    const { as, chat, text } = body.data;
    const group = directory.chats.some((c) => c.chatId === chat);
    // In a group, Lark only delivers messages that @-mention the bot: the box always mentions it.
    const answer = await emulator.sendText({
      chat_id: chat,
      chat_type: group ? 'group' : 'p2p',
      sender_open_id: as,
      text,
      mentionBot: group,
    });
    await sandbox.settle();
    return { status: answer.status };
  });

  app.post('/api/click', async (req, reply) => {
    const body = clickBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: '无效的点击' });
    const c = body.data;
    const answer = await emulator.clickButton({
      message_id: c.message,
      operator_open_id: c.as,
      value: c.value,
      ...(c.name !== undefined && { name: c.name }),
      ...(c.tag !== undefined && { tag: c.tag }),
      ...(c.form_value !== undefined && { form_value: c.form_value as Record<string, string | string[]> }),
    });
    await sandbox.settle();
    const toast = (answer.body ?? {}) as { toast?: { type?: string; content?: string } };
    return { status: answer.status, ...(toast.toast ? { toast: toast.toast } : {}) };
  });

  app.post('/api/clock/next', async () => {
    const step = await sandbox.next();
    return {
      clock: clock(),
      step: step && {
        at: step.at.getTime(),
        label: clockLabel(step.at, sandbox.timezone),
        summary: step.summary,
        branch: step.branchName,
      },
    };
  });

  // Any card JSON as the page would show it: for trying a card while writing it, and for the browser tests.
  app.post('/api/preview', async (req) => {
    const card = (req.body as { card?: unknown } | undefined)?.card;
    return { html: cardHtml(card, dir) };
  });

  app.post('/api/reset', async () => {
    await sandbox.reset();
    return { clock: clock() };
  });

  return app;
}

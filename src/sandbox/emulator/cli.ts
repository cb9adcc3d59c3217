/**
 * `npm run emulator`: Lark on this machine, for trying the bot without Lark. Start the bot with
 * `LARK_DOMAIN=http://127.0.0.1:9000 npm start`, then this in another terminal with the same LARK_*
 * variables; type a line to send it to the bot as 张三 in a private chat, and read the bot's cards as text.
 */
import { createInterface } from 'node:readline';
import { LarkEmulator } from './index.js';

/* eslint-disable no-restricted-properties -- a developer tool at the edge, configured like the bot */
const env = process.env;
const port = Number(env.EMULATOR_PORT ?? 9000);
const bot = (env.BOT_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/$/, '');
/* eslint-enable no-restricted-properties */

const emulator = await LarkEmulator.start({
  appId: env.LARK_APP_ID ?? 'cli_a1b2c3d4e5f60718',
  appSecret: env.LARK_APP_SECRET ?? 'dev-secret',
  verificationToken: env.LARK_VERIFICATION_TOKEN ?? 'dev-token',
  ...(env.LARK_ENCRYPT_KEY ? { encryptKey: env.LARK_ENCRYPT_KEY } : {}),
  port,
});
emulator.setWebhook(`${bot}/lark/events`, `${bot}/lark/cards`);
const me = 'ou_demo000000000000000000000000001';
emulator.addUser({ open_id: me, name: '张三' });
console.log(`Lark emulator on ${emulator.url} → bot at ${bot}. Type a message (e.g. 帮助); Ctrl-D quits.`);

let seen = 0;
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  const answer = await emulator.sendText({
    chat_id: 'oc_demo_p2p',
    chat_type: 'p2p',
    sender_open_id: me,
    text: line,
  });
  if (answer.status !== 200) console.log(`bot answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const replies = await emulator.waitForBotMessages(seen + 1, { timeoutMs: 5000 }).catch(() => []);
  for (const m of replies.slice(seen)) console.log(cardAsText(m.content));
  seen = Math.max(seen, replies.length);
}
await emulator.close();

/** A card as a person would read it: the title, then each piece of text. */
function cardAsText(card: unknown): string {
  const c = card as { header?: { title?: { content?: string } } };
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.tag === 'markdown' || o.tag === 'plain_text') && typeof o.content === 'string')
        texts.push(o.content);
      else Object.values(o).forEach(walk);
    }
  };
  walk((card as { body?: unknown }).body);
  return `【${c.header?.title?.content ?? '卡片'}】\n${texts.join('\n')}\n`;
}

/**
 * Talking to the bot as a person does, through the emulator: say something in a chat (private, or with an
 * @-mention in a group), press a button of a card the bot sent, and wait until the bot has done everything
 * that caused. Regime tests read as the conversation they check.
 */
import type { PressTarget, RecordedMessage } from '../../src/sandbox/emulator/index.js';
import type { Harness } from './harness.js';

/** Waits until the bot has handled every delivery and sent every message that caused. */
export async function settle(h: Harness): Promise<void> {
  // Handling an event can enqueue messages, and sending can't cause events: two rounds are enough.
  for (let i = 0; i < 2; i++) {
    await h.bot.inbox.settled();
    await h.bot.outbox.settled();
  }
}

/** The card's JSON as one string, for `toContain` checks on what a person reads. */
export function cardText(m: RecordedMessage | unknown): string {
  const content = (m as RecordedMessage)?.content ?? m;
  return JSON.stringify(content);
}

/**
 * Sends text as `from`: in their private chat with the bot when `chat` is omitted, else in that group with
 * an @-mention of the bot. Returns the bot's reply to it.
 */
export async function say(h: Harness, from: string, text: string, chat?: string): Promise<RecordedMessage> {
  const chatId = chat ?? h.emulator.p2pChatOf(from);
  const sent = await h.emulator.sendText({
    chat_id: chatId,
    chat_type: chat ? 'group' : 'p2p',
    sender_open_id: from,
    text,
    mentionBot: chat !== undefined,
  });
  await settle(h);
  const reply = h.emulator.botMessages({ chat_id: chatId }).find((m) => m.reply_to === sent.message_id);
  if (!reply) {
    const seen = h.emulator.botMessages({ chat_id: chatId }).map((m) => m.reply_to ?? '(no reply_to)');
    throw new Error(
      `the bot did not reply to 「${text}」 (${sent.message_id}); bot messages: ${seen.join(', ')}`,
    );
  }
  return reply;
}

/** The newest card the bot sent to a person privately (or in a chat), optionally whose text contains `has`. */
export function lastCard(h: Harness, o: { to?: string; chat?: string; has?: string }): RecordedMessage {
  const filter = o.to ? { receive_id: o.to } : { chat_id: o.chat! };
  const all = o.to
    ? h.emulator.botMessages({ chat_id: h.emulator.p2pChatOf(o.to) })
    : h.emulator.botMessages(filter);
  const found = all.filter(
    (m) => o.has === undefined || cardText(h.emulator.cardOf(m.message_id)).includes(o.has),
  );
  const m = found.at(-1);
  if (!m) throw new Error(`no card ${o.has ? `with 「${o.has}」 ` : ''}for ${o.to ?? o.chat}`);
  return m;
}

/** Presses a button of the card as it stands now, as `as`; waits for what it caused; returns Lark's answer. */
export async function press(
  h: Harness,
  message: RecordedMessage | string,
  as: string,
  target: PressTarget,
): Promise<{ toast?: { type: string; content: string }; status: number }> {
  const message_id = typeof message === 'string' ? message : message.message_id;
  const answer = await h.emulator.press({ message_id, operator_open_id: as, ...target });
  await settle(h);
  const body = (answer.body ?? {}) as { toast?: { type: string; content: string } };
  return { status: answer.status, ...(body.toast ? { toast: body.toast } : {}) };
}

/** '2026-10-08 08:30' read on the Shanghai wall clock (the default branch time zone). */
export const shanghai = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/**
 * Moves the clock to a Shanghai wall-clock time and lets the scheduler evaluate there, as its every-minute
 * trigger would; then waits until every message the jobs sent is delivered. Needs `assembled: true`.
 */
export async function tickAt(h: Harness, local: string): Promise<void> {
  if (!h.scheduler) throw new Error('tickAt: start the harness with assembled: true');
  h.clock.set(shanghai(local));
  await h.scheduler.tick();
  await settle(h);
}

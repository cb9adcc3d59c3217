/** A person's message enters the emulated chat (so the bot can reply to it) before it is delivered. */
import type { EmulatorState } from './emulator-state.js';

/** Records the message of an im.message.receive_v1 body; returns its message_id. */
export function recordUserMessage(state: EmulatorState, event: Record<string, unknown>): string {
  const msg = event['message'] as {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
  };
  const sender = (event['sender'] as { sender_id: { open_id: string } }).sender_id.open_id;
  if (!state.chats.has(msg.chat_id)) {
    if (msg.chat_type === 'group') {
      throw new Error(`sendMessage: unknown group chat ${msg.chat_id}; addChat() it first`);
    }
    state.addChat({
      chat_id: msg.chat_id,
      name: state.users.get(sender)?.name ?? sender,
      members: [sender],
      chat_type: 'p2p',
    });
  }
  state.record({
    message_id: msg.message_id,
    chat_id: msg.chat_id,
    receive_id: msg.chat_id,
    receive_id_type: 'chat_id',
    msg_type: msg.message_type,
    content: JSON.parse(msg.content) as unknown,
    sender,
    created_at: state.now(),
    updates: [],
  });
  return msg.message_id;
}
